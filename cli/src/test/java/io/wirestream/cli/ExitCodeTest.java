package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and what goes with them: 0 ok, 1 runtime failure in one line, 2 usage error with the synopsis. */
class ExitCodeTest {

    @Test
    void helpExitsZeroOnStdout() {
        CliRun r = CliRun.run("up", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: wirestream up");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void unknownOptionOfASubcommandExitsTwoWithOneLineTheSynopsisAndAPointerToHelp() {
        CliRun r = CliRun.run("up", "--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.firstErrLine()).isEqualTo("wirestream up: Unknown option: '--no-such-option'");
        assertThat(r.err()).contains("Usage: wirestream up [").contains("Try 'wirestream up --help' for more information.")
            .doesNotContain("Options:").doesNotContain("Examples:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void mistypedOptionIsAUsageErrorThatSuggestsTheRightOne() {
        CliRun r = CliRun.run("up", "--onse");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--once");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = CliRun.run("upp");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.firstErrLine()).startsWith("wirestream: Unmatched argument").contains("'upp'");
        assertThat(r.err()).contains("up");
    }

    @Test
    void badOptionValueIsAUsageErrorNamingTheOption() {
        CliRun r = CliRun.run("up", "--kafka-port", "ninety");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.firstErrLine()).startsWith("wirestream up: ").contains("--kafka-port").contains("ninety");
    }

    @Test
    void badValueFromTheEnvironmentOrConfigFileSaysWhereItCameFrom(@TempDir Path dir) throws IOException {
        CliRun env = CliRun.run(Map.of("WIRESTREAM_KAFKA_PORT", "ninety"), "up", "--once");
        assertThat(env.code()).isEqualTo(2);
        assertThat(env.firstErrLine()).contains("'ninety'").endsWith("(from WIRESTREAM_KAFKA_PORT)");
        Path config = Files.writeString(dir.resolve("wirestream.properties"), "window=soon\n");
        assertThat(CliRun.run("lag", "--config", config.toString()).firstErrLine()).endsWith("(from the --config file)");
        CliRun typed = CliRun.run(Map.of("WIRESTREAM_KAFKA_PORT", "ninety"), "up", "--kafka-port", "eighty");
        assertThat(typed.firstErrLine()).contains("'eighty'").doesNotContain("(from");
    }

    @Test
    void badDurationIsAUsageError() {
        CliRun r = CliRun.run("lag", "--window", "soon");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.firstErrLine()).contains("--window").contains("not a duration");
    }

    @Test
    void missingParameterIsAUsageError() {
        CliRun r = CliRun.run("taxonomy", "check");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.firstErrLine()).isEqualTo("wirestream taxonomy check: Missing required parameter: 'FILE'");
    }

    @Test
    void checksInsideACommandAreUsageErrorsToo() {
        assertThat(CliRun.run("sink").firstErrLine()).isEqualTo("wirestream sink: no sink to run: give --postgres-url and/or --jsonl-dir");
        assertThat(CliRun.run("sink").code()).isEqualTo(2);
        assertThat(CliRun.run("tail").code()).isEqualTo(2);
        assertThat(CliRun.run("lag", "--interval", "0").code()).isEqualTo(2);
        CliRun ingest = CliRun.run("ingest");
        assertThat(ingest.code()).isEqualTo(2);
        assertThat(ingest.firstErrLine()).startsWith("wirestream ingest: nothing to ingest");
        assertThat(ingest.err()).contains("Try 'wirestream ingest --help'");
        assertThat(CliRun.run("ingest", "--dry-run", "--watch", "inbox").code()).isEqualTo(2);
        assertThat(CliRun.run("ingest", "--format", "telex", "-").firstErrLine()).contains("unknown --format 'telex'");
    }

    @Test
    void noCommandPrintsTheHelpToStderrAndExitsTwo() {
        CliRun r = CliRun.run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Commands:");
        assertThat(r.out()).isEmpty();
        CliRun taxonomy = CliRun.run("taxonomy");
        assertThat(taxonomy.code()).isEqualTo(2);
        assertThat(taxonomy.err()).contains("Commands:");
    }

    @Test
    void runtimeFailureExitsOneWithOneLineAndNoStackTrace(@TempDir Path dir) {
        CliRun r = CliRun.run("annotate", "--input", dir.resolve("missing.jsonl").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("wirestream annotate: no such file or directory: " + dir.resolve("missing.jsonl"))
            .contains("(run again with -v for details)")
            .doesNotContain("\tat ");
    }

    @Test
    void verboseAddsTheStackTraceToARuntimeFailure(@TempDir Path dir) {
        CliRun r = CliRun.run("annotate", "-v", "--input", dir.resolve("missing.jsonl").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("\tat ").contains("wirestream annotate: no such file or directory")
            .doesNotContain("run again with -v");
    }

    @Test
    void badTaxonomyFileIsARuntimeFailure(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "topics: [\n");
        CliRun r = CliRun.run("taxonomy", "list", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.firstErrLine()).startsWith("wirestream taxonomy list: ");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void everyCommandAcceptsTheConfigFlagTheRootHelpPromises(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("wirestream.properties"), "kafka-port=19092\n");
        assertThat(CliRun.run("up", "--config", config.toString(), "--help").code()).isZero();
        assertThat(CliRun.run("up", "--config", config.toString(), "--help").out()).contains("(default: 19092,");
        assertThat(CliRun.run("bench", "--config", config.toString(), "--help").code()).isZero();
        assertThat(CliRun.run("annotate", "--config", config.toString(), "--help").code()).isZero();
        assertThat(CliRun.run("taxonomy", "list", "--config", config.toString(), "--help").code()).isZero();
    }

    @Test
    void configThatIsADirectoryIsAUsageErrorNotAStackTrace(@TempDir Path dir) {
        CliRun r = CliRun.run("up", "--config", dir.toString(), "--help");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.firstErrLine()).startsWith("wirestream: --config: cannot read").endsWith("(a directory)");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void configFromTheEnvironmentThatCannotBeReadNamesTheVariable(@TempDir Path dir) {
        CliRun r = CliRun.run(Map.of("WIRESTREAM_CONFIG", dir.resolve("nope.properties").toString()), "up", "--help");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.firstErrLine()).startsWith("wirestream: WIRESTREAM_CONFIG: cannot read").endsWith("(no such file)");
    }

    @Test
    void lagKeepsExitCodeThreeForErrAndStop() {
        assertThat(LagCommand.EXIT_FAILING_GROUP).isEqualTo(3);
    }

    @Test
    void everyCommandThatNeedsAClusterFailsFastAndClearlyWhenItCannotBeReached(@TempDir Path dir) {
        String[][] commands = {
            {"topics"},
            {"tail", "news.raw", "--idle-timeout", "5s"},
            {"lag", "--window", "0"},
            {"sink", "--jsonl-dir", dir.resolve("out").toString(), "--data-dir", dir.resolve("connect").toString()},
            {"enrich", "--state-dir", dir.resolve("state").toString()},
            {"ingest", dir.toString()},
        };
        for (String[] command : commands) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                java.util.stream.Stream.of("--bootstrap-server", "127.0.0.1:1", "--connect-timeout", "1s")).toArray(String[]::new);
            CliRun r = CliRun.run(args); // the message names the 1 s timeout it used: no wall-clock assertion needed
            assertThat(r.code()).as(command[0] + ": " + r.err()).isEqualTo(1);
            assertThat(r.err()).as(command[0]).contains("wirestream " + command[0]
                + ": cannot reach the Kafka cluster at 127.0.0.1:1 within 1 s (is it running? --bootstrap-server)")
                .doesNotContain("\tat ");
        }
    }

    @Test
    void theClusterTimeoutDefaultsToTenSeconds() {
        ClusterOptions options = new ClusterOptions();
        picocli.CommandLine cmd = new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin ClusterOptions cluster = options;
        });
        cmd.parseArgs();
        assertThat(options.connectTimeout).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void aBareKafkaTimeoutIsDescribedInWords() {
        assertThat(FailureHandler.describe(new ExecutionException(new org.apache.kafka.common.errors.TimeoutException())))
            .isEqualTo("timed out waiting for an answer (is the Kafka cluster running and reachable? --bootstrap-server)");
        assertThat(FailureHandler.describe(new java.util.concurrent.TimeoutException()))
            .isEqualTo("timed out waiting for an answer (is the Kafka cluster running and reachable? --bootstrap-server)");
        assertThat(FailureHandler.describe(new org.apache.kafka.common.errors.TimeoutException(
            "Timed out waiting for a node assignment. Call: listTopics")))
            .startsWith("no Kafka broker answered in time (is the Kafka cluster running and reachable? --bootstrap-server)")
            .endsWith("Call: listTopics");
        assertThat(FailureHandler.describe(new org.apache.kafka.common.errors.TimeoutException("Expiring 3 record(s) for news.raw-0")))
            .isEqualTo("Expiring 3 record(s) for news.raw-0");
    }

    @Test
    void durationsInMessagesReadAsSecondsNotIso() {
        assertThat(Durations.words(java.time.Duration.ofSeconds(15))).isEqualTo("15 s");
        assertThat(Durations.words(java.time.Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Durations.words(java.time.Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.words(java.time.Duration.ofMinutes(2))).isEqualTo("120 s");
    }

    @Test
    void failureMessagesSayWhichFileAndWhyAndSeeThroughWrappers() {
        assertThat(FailureHandler.describe(new UncheckedIOException(new NoSuchFileException("in.jsonl"))))
            .isEqualTo("no such file or directory: in.jsonl");
        assertThat(FailureHandler.describe(new ExecutionException(new IllegalStateException("broker down"))))
            .isEqualTo("broker down");
        assertThat(FailureHandler.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}

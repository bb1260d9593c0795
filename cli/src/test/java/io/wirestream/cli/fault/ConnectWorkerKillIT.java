package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirestream.cli.CliRun;
import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.ops.verify.SinkReaders;
import io.wirestream.ops.verify.StageReport;
import io.wirestream.ops.verify.VerifyReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Connect worker (JSON Lines and PostgreSQL sinks) killed with SIGKILL mid-stream, so it neither finishes its files
 * nor commits its offsets, while enrich goes on producing, then restarted: {@code verify} must find every story once in both sinks. Then the test
 * removes a row and duplicates a line itself, and {@code wirestream verify} must exit 1 naming exactly those ids.
 */
@WithKafka
class ConnectWorkerKillIT {

    static final int STORIES = 600;
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void aWorkerKilledMidStreamAndRestartedLeavesNoStoryLostOrDuplicatedInJsonLinesAndPostgres(KafkaEnv env) throws Exception {
        try (FaultHarness h = new FaultHarness(env.bootstrapServers(), env.schemaRegistryUrl(), work, FaultHarness.POSTGRES_URL, true)) {
            h.startEnrich(3, (short) 1);
            Process worker = h.startSinkWorker();
            List<String> ids = new java.util.ArrayList<>(h.publish(STORIES / 3));
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> !SinkReaders.jsonLines(h.out).isEmpty());
            ids.addAll(h.publish(STORIES / 3));
            // kill while records are in an open file: written, not yet finished nor their offsets committed
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> unfinishedBytes(h.out) > 0);
            FaultHarness.kill(worker);
            int linesAtKill = SinkReaders.jsonLines(h.out).size();
            long unfinishedAtKill = unfinishedBytes(h.out);
            ids.addAll(h.publish(STORIES - ids.size()));
            h.startSinkWorker();

            VerifyReport report = h.awaitVerified(TIMEOUT, 3);
            System.out.println("connect worker kill (" + linesAtKill + " lines in finished files and " + unfinishedAtKill
                + " bytes in open ones when killed):\n" + report.toText());
            assertThat(unfinishedAtKill).isPositive();
            for (StageReport stage : report.stages()) {
                assertThat(stage.expected()).as(stage.stage()).isEqualTo(STORIES);
                assertThat(stage.present()).as(stage.stage()).isEqualTo(STORIES);
            }
            assertThat(report.rawStories()).isEqualTo(STORIES);

            // now break it on purpose: verify must say so, with the ids
            String removed = ids.get(STORIES - 7);
            h.sql("DELETE FROM " + h.schema + ".articles WHERE story_id = '" + removed + "'");
            JsonNode copied = duplicateALine(h.out);
            String duplicated = java.net.URLDecoder.decode(copied.get("uri").asText().replace("urn:wirestream:story:", ""),
                StandardCharsets.UTF_8);

            CliRun run = CliRun.runIsolated("verify", "--bootstrap-server", env.bootstrapServers(), "--schema-registry",
                env.schemaRegistryUrl(), "--topic-prefix", h.topics.prefix(), "--jsonl-dir", h.out.toString(),
                "--postgres-url", FaultHarness.POSTGRES_URL, "--postgres-schema", h.schema, "--json");
            assertThat(run.code()).as(run.err()).isEqualTo(1);
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("ok").asBoolean()).isFalse();
            assertThat(json.at("/stages/1/stage").asText()).isEqualTo("jsonl");
            assertThat(json.at("/stages/1/duplicated").toString()).isEqualTo("[\"" + duplicated + "\"]");
            assertThat(json.at("/stages/1/missing").size()).isZero();
            assertThat(json.at("/stages/2/stage").asText()).isEqualTo("postgres");
            assertThat(json.at("/stages/2/missing").toString()).isEqualTo("[\"" + removed + "\"]");
            assertThat(json.at("/stages/2/duplicated").size()).isZero();
            assertThat(json.at("/stages/0/ok").asBoolean()).isTrue();
        }
    }

    /** Bytes in the sink's open (hidden, unfinished) files. */
    private static long unfinishedBytes(Path out) throws java.io.IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl.tmp")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Appends a copy of the first line of the first file to a new file of the same day: one story written twice. */
    private static JsonNode duplicateALine(Path out) throws Exception {
        Path file;
        try (Stream<Path> files = Files.walk(out)) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
        }
        String line = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        Files.writeString(file.resolveSibling("news-duplicate-by-test.jsonl"), line + "\n");
        return new ObjectMapper().readTree(line);
    }
}

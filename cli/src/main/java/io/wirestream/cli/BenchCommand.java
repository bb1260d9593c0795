package io.wirestream.cli;

import io.wirestream.cli.bench.BenchReport;
import io.wirestream.cli.bench.BenchResult;
import io.wirestream.cli.bench.BenchRun;
import io.wirestream.cli.bench.BenchSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirestream bench}: the end-to-end benchmark on an embedded pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
        "Measure the whole pipeline end to end on this machine.",
        "",
        "Starts everything in this JVM on free ports: embedded KRaft broker and registry, enrich, Kafka Connect with "
            + "the JSON Lines sink (and the PostgreSQL sink with --postgres); an existing cluster is not supported. "
            + "Sends a warm-up, then N distinct synthetic stories (variations of seeds/ and built-in texts) through the "
            + "real ingest path: format sniffer, parser, publisher (idempotent, acks=all).",
        "",
        "Reports articles/s per stage (acked by the broker, visible on news.enriched to a read_committed reader, "
            + "committed by each sink), latency percentiles (send -> acked, send -> enriched), bytes written to Kafka per "
            + "story (log segments, after compression, by topic group, with the codec of every batch) and CPU per story by "
            + "stage (thread CPU time). With --baseline, each stage beside its raw ceiling from the same run. Progress goes to "
            + "stderr, the summary to stdout. Exit 0 when every story reached every sink, 1 otherwise.",
        "",
        "Figures depend on the machine and what else runs on it: say which."
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream bench                              # 2000 stories, full speed",
        "  wirestream bench --articles 10000 --json      # machine-readable summary",
        "  wirestream bench --articles 20000 --baseline  # beside the broker's ceiling",
        "  wirestream bench --articles 3000 --rate 100   # latency at 100 stories/s",
        "  wirestream bench --postgres jdbc:postgresql://127.0.0.1:5432/postgres \\",
        "                   --postgres-user postgres     # rows in wirestream_bench"
    })
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--articles", defaultValue = "2000", paramLabel = "N", description = "Stories to send and measure (default: ${DEFAULT-VALUE}).")
    int articles;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
        description = "Stories per second to send, 0 = as fast as possible (default: ${DEFAULT-VALUE}). Latency figures "
            + "mean most at a rate the pipeline sustains.")
    double rate;

    @Option(names = "--warmup", paramLabel = "N",
        description = "Stories per warm-up round, sent (at --rate) and followed like the measured ones until every sink "
            + "has committed them; not counted (default: as many as --articles, at most " + WARMUP_ROUND_MAX
            + ": rounds shaped like the measured run leave the JIT less to compile during it). 0: no warm-up.")
    Integer warmup;

    /** Largest default warm-up round: 5,000 stories at full speed already build the measured run's backlog. */
    static final int WARMUP_ROUND_MAX = 5000;

    @Option(names = "--warmup-max", defaultValue = "90s", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm up in rounds until the JIT compilers are quiet (under a tenth of a core for 5 s), at most "
            + "this long (default: ${DEFAULT-VALUE}); 0 for one round. A JVM running broker, Connect and enrich "
            + "compiles for about a minute after start, which would otherwise be counted in the measured run.")
    Duration warmupMax;

    @Option(names = "--partitions", defaultValue = "3", paramLabel = "N", description = "Partitions of the pipeline's topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed of the synthetic stories (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", defaultValue = "seeds", paramLabel = "DIR",
        description = "Plain-text stories used as templates besides the built-in ones, when the folder exists (default: ${DEFAULT-VALUE}).")
    Path seedsDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Keep the pipeline's data here (default: a temporary folder, deleted after the run).")
    Path dataDir;

    @Mixin PostgresOptions postgres;

    @Option(names = "--timeout", defaultValue = "10m", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Give up when the stories have not reached every sink this long after the first send (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--baseline",
        description = "Before the measured run, measure the raw ceiling on the same broker: the same raw bytes produced "
            + "(idempotent, acks=all), the same enriched bytes produced to as many topics as enrich writes, then consumed; "
            + "the report shows each stage as pipeline / ceiling.")
    boolean baseline;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Mixin CommonOptions common;

    /** Bench rows go to their own schema unless told otherwise, so a benchmark never touches the archive. */
    static final String DEFAULT_BENCH_SCHEMA = "wirestream_bench";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings;
        try {
            settings = new BenchSettings(articles, warmup != null ? warmup : Math.min(articles, WARMUP_ROUND_MAX), rate, partitions, seedsDir, seed, dataDir, postgres.url,
                postgres.user, postgres.password, !postgres.enabled() ? null : postgres.schema == null ? DEFAULT_BENCH_SCHEMA : postgres.schema,
                timeout, baseline, warmupMax);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchResult result = new BenchRun(settings, line -> {
            err.println("wirestream bench: " + line);
            err.flush();
        }).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? BenchReport.json(result) : BenchReport.table(result));
        out.flush();
        if (!result.complete()) {
            err.println("wirestream bench: " + result.failure());
            return CommandLine.ExitCode.SOFTWARE;
        }
        return CommandLine.ExitCode.OK;
    }
}

package io.wirestream.cli.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one benchmark run measured.
 *
 * @param articles       stories the run was asked to send (warm-up not included)
 * @param published      stories the broker acknowledged
 * @param enriched       of those, stories seen on news.enriched (read_committed)
 * @param startupSeconds from the command's start until the pipeline was running (enrich in state RUNNING)
 * @param warmupSeconds  sending the warm-up stories and waiting until enrich had them all
 * @param runSeconds     from the first send until the last stage finished (or the run gave up)
 * @param stages         throughput per stage, in pipeline order
 * @param latencies      latency distributions
 * @param complete       every stage finished: every story published, enriched and in every sink
 * @param failure        why the run is not complete, or null
 * @param costs          bytes written to Kafka and CPU per story, and the same-run ceiling with {@code --baseline}
 */
public record BenchResult(
    Setup setup,
    int articles,
    int published,
    int enriched,
    double startupSeconds,
    double warmupSeconds,
    double runSeconds,
    List<Stage> stages,
    List<Latency> latencies,
    boolean complete,
    String failure,
    Costs costs) {

    /** A result without cost figures (a run that failed before measuring them). */
    public BenchResult(Setup setup, int articles, int published, int enriched, double startupSeconds, double warmupSeconds,
                       double runSeconds, List<Stage> stages, List<Latency> latencies, boolean complete, String failure) {
        this(setup, articles, published, enriched, startupSeconds, warmupSeconds, runSeconds, stages, latencies, complete,
            failure, Costs.NONE);
    }

    /**
     * What each story cost during the measured run (warm-up and ceiling excluded).
     *
     * @param bytesPerStory   bytes written to Kafka's logs per story (after compression), by topic group, and "total"
     * @param batchesByCodec  data record batches on disk by topic group and compression codec (the whole run)
     * @param cpuMsPerStory   CPU milliseconds per story by stage (thread CPU time grouped by thread name)
     * @param ceilings        per stage, the pipeline's rate beside the raw ceiling of the same run (empty without --baseline)
     * @param ceilingBytesPerStory bytes per story the ceiling wrote (raw + enriched copies, no changelog), or 0
     */
    public record Costs(java.util.Map<String, Double> bytesPerStory, java.util.Map<String, java.util.Map<String, Long>> batchesByCodec,
                        java.util.Map<String, Double> cpuMsPerStory, List<Ceiling> ceilings, double ceilingBytesPerStory) {
        public static final Costs NONE = new Costs(java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), List.of(), 0);
    }

    /** One stage beside its ceiling: what the broker alone does with the same bytes, measured in the same run. */
    public record Ceiling(String stage, String ceilingWork, double pipelinePerSecond, double ceilingPerSecond) {
        public double ratio() {
            return ceilingPerSecond <= 0 ? 0 : pipelinePerSecond / ceilingPerSecond;
        }
    }

    /** How the run was set up, for the report. */
    public record Setup(int warmup, double ratePerSecond, int partitions, List<String> sinks, int templates, long seed,
                        int cores, String java) {
    }

    /**
     * One stage: {@code count} stories done {@code seconds} after the first send (for parse: CPU time spent parsing).
     * A stage that did not finish has {@code done = false} and the time at which the run gave up.
     */
    public record Stage(String name, long count, double seconds, boolean done) {
        public double perSecond() {
            return seconds <= 0 ? 0 : count / seconds;
        }
    }

    /** A latency distribution, in milliseconds. */
    public record Latency(String name, long count, double p50, double p95, double p99, double max, double mean) {

        static Latency ofMicros(String name, Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(name, 0, 0, 0, 0, 0, 0);
            }
            return new Latency(name, micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()), micros.getMean() / 1000.0);
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }
}

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
    String failure) {

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

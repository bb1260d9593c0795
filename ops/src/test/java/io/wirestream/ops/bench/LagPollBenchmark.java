package io.wirestream.ops.bench;

import io.wirestream.ops.lag.LagMonitor;
import io.wirestream.ops.lag.LagMonitorSettings;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.metrics.LagMetrics;
import io.wirestream.ops.metrics.PrometheusTextWriter;
import io.wirestream.ops.testutil.InMemoryLagSource;
import io.wirestream.ops.testutil.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU cost of one lag poll without the network: {@code groups} groups reading 50 partitions each, end offsets
 * moving every poll, full timelines and status windows (a warm monitor), then rendering {@code /metrics}.
 * Run with the command in ops/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LagPollBenchmark {

    private static final int PARTITIONS = 50;

    @Param({"10", "100"})
    public int groups;

    private MutableClock clock;
    private InMemoryLagSource cluster;
    private LagMonitor monitor;
    private long end;
    private LagSnapshot snapshot;

    @Setup
    public void setUp() {
        clock = MutableClock.atEpochMillis(1_700_000_000_000L);
        cluster = new InMemoryLagSource();
        for (int g = 0; g < groups; g++) {
            cluster.group("group-" + g, "Stable", 3);
        }
        monitor = new LagMonitor(cluster, LagMonitorSettings.defaults(), clock);
        for (int i = 0; i < 400; i++) {
            step();
        }
    }

    private LagSnapshot step() {
        clock.advance(Duration.ofSeconds(5));
        end += 100;
        for (int g = 0; g < groups; g++) {
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition("topic-" + g % 10, p);
                cluster.end(tp, end);
                cluster.commit("group-" + g, tp, end - 50 - g);
            }
        }
        snapshot = monitor.poll();
        return snapshot;
    }

    @Benchmark
    public LagSnapshot poll() {
        return step();
    }

    @Benchmark
    public String renderMetrics() {
        return PrometheusTextWriter.write(LagMetrics.samples(snapshot, Map.of()));
    }
}

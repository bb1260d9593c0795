package io.wirestream.ops.history;

import io.wirestream.ops.lag.GroupLag;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.pipeline.PipelineSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's charts over the last hour (configurable): max lag in seconds and total lag in offsets per group,
 * and pipeline throughput (records per second per stage). One row per poll; memory is bounded by
 * retention / poll interval rows times the series cap.
 */
public final class OpsHistory {

    private final HistoryTable lagSeconds;
    private final HistoryTable lagOffsets;
    private final HistoryTable throughput;

    public OpsHistory(Duration retention, Duration pollInterval, int maxSeries) {
        int rows = (int) Math.min(100_000, retention.toMillis() / Math.max(1, pollInterval.toMillis()) + 2);
        this.lagSeconds = new HistoryTable(retention, rows, maxSeries);
        this.lagOffsets = new HistoryTable(retention, rows, maxSeries);
        this.throughput = new HistoryTable(retention, rows, 16);
    }

    public void record(LagSnapshot lag) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> offsets = new LinkedHashMap<>();
        for (GroupLag g : lag.groups()) {
            seconds.put(g.group(), g.maxLagSeconds());
            offsets.put(g.group(), (double) g.totalLag());
        }
        long t = lag.time().toEpochMilli();
        lagSeconds.add(t, seconds);
        lagOffsets.add(t, offsets);
    }

    public void record(PipelineSnapshot pipeline) {
        if (!pipeline.ratesPerSecond().isEmpty()) {
            throughput.add(pipeline.time().toEpochMilli(), pipeline.ratesPerSecond());
        }
    }

    public HistoryTable lagSeconds() {
        return lagSeconds;
    }

    public HistoryTable lagOffsets() {
        return lagOffsets;
    }

    public HistoryTable throughput() {
        return throughput;
    }
}

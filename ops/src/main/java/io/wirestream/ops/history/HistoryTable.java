package io.wirestream.ops.history;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Time series for one dashboard chart, kept in bounded memory: rows of (time, value per series), older than the
 * retention or beyond {@code maxRows} dropped, at most {@code maxSeries} distinct series (the first seen; later
 * ones are counted in {@link #droppedSeries()} and not charted). Thread-safe.
 */
public final class HistoryTable {

    private record Row(long timeMs, Map<String, Double> values) {
    }

    private final long retentionMs;
    private final int maxRows;
    private final int maxSeries;
    private final ArrayDeque<Row> rows = new ArrayDeque<>();
    private final Set<String> series = new LinkedHashSet<>();
    private final Set<String> dropped = new LinkedHashSet<>();

    public HistoryTable(Duration retention, int maxRows, int maxSeries) {
        this.retentionMs = retention.toMillis();
        this.maxRows = maxRows;
        this.maxSeries = maxSeries;
    }

    public synchronized void add(long timeMs, Map<String, Double> values) {
        Map<String, Double> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (series.contains(k) || series.size() < maxSeries) {
                series.add(k);
                kept.put(k, v);
            } else if (dropped.size() < 10_000) {
                dropped.add(k);
            }
        });
        if (!rows.isEmpty() && timeMs <= rows.peekLast().timeMs()) {
            return;
        }
        rows.addLast(new Row(timeMs, kept));
        while (rows.size() > maxRows || (!rows.isEmpty() && rows.peekFirst().timeMs() < timeMs - retentionMs)) {
            rows.removeFirst();
        }
    }

    /**
     * Column form for uPlot: {@code t} = times in epoch seconds, and per series its values aligned with {@code t}
     * (null where a row has no value for it).
     */
    public synchronized Columns columns() {
        List<Long> t = new ArrayList<>(rows.size());
        Map<String, List<Double>> cols = new LinkedHashMap<>();
        Set<String> present = new LinkedHashSet<>();
        rows.forEach(r -> present.addAll(r.values().keySet()));
        present.forEach(s -> cols.put(s, new ArrayList<>(rows.size())));
        for (Row r : rows) {
            t.add(r.timeMs() / 1000);
            for (String s : present) {
                Double v = r.values().get(s);
                cols.get(s).add(v == null || v.isNaN() || v.isInfinite() ? null : v);
            }
        }
        return new Columns(t, cols);
    }

    /** Times (epoch seconds) and aligned series values. */
    public record Columns(List<Long> t, Map<String, List<Double>> series) {
    }

    public synchronized int rows() {
        return rows.size();
    }

    public synchronized Set<String> droppedSeries() {
        return Set.copyOf(dropped);
    }
}

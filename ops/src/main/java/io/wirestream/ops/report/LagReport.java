package io.wirestream.ops.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wirestream.ops.alert.AlertState;
import io.wirestream.ops.lag.GroupLag;
import io.wirestream.ops.lag.GroupStatus;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.lag.PartitionLag;
import io.wirestream.ops.pipeline.PipelineSnapshot;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders lag and pipeline snapshots for people (a text table) and for scripts (JSON, the same document
 * {@code /api/lag} and {@code wirestream lag --json} return). NaN seconds (unknown) become JSON null.
 */
public final class LagReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LagReport() {
    }

    /** The {@code /api/lag} document as maps and lists. */
    public static Map<String, Object> lagDocument(LagSnapshot snapshot, Map<String, AlertState> alerts, Duration window) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", snapshot.time().toString());
        doc.put("error", snapshot.error().orElse(null));
        doc.put("window_seconds", window.toMillis() / 1000.0);
        List<Object> groups = new ArrayList<>();
        for (GroupLag g : snapshot.groups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", g.group());
            m.put("state", g.state());
            m.put("members", g.members());
            m.put("status", g.status().name());
            m.put("status_meaning", g.status().meaning());
            m.put("total_lag", g.totalLag());
            m.put("max_lag", g.maxLag());
            m.put("max_lag_seconds", number(g.maxLagSeconds()));
            AlertState a = alerts.get(g.group());
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("firing", a != null && a.firing());
            alert.put("reasons", a == null ? List.of() : a.reasons());
            alert.put("since", a == null ? null : a.since().toString());
            m.put("alert", alert);
            if (g.retry() != null) {
                Map<String, Object> retry = new LinkedHashMap<>();
                retry.put("connector", g.retry().connector());
                retry.put("task", g.retry().task());
                retry.put("system", g.retry().system());
                retry.put("reason", g.retry().reason());
                retry.put("since", g.retry().since().toString());
                retry.put("attempts", g.retry().attempts());
                m.put("retry", retry);
            } else {
                m.put("retry", null);
            }
            List<Object> parts = new ArrayList<>();
            for (PartitionLag p : g.partitions()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("topic", p.topic());
                pm.put("partition", p.partition());
                pm.put("committed", p.committed());
                pm.put("log_start_offset", p.logStartOffset());
                pm.put("log_end_offset", p.logEndOffset());
                pm.put("lag", p.lag());
                pm.put("lag_seconds", number(p.lagSeconds()));
                pm.put("status", p.status().name());
                parts.add(pm);
            }
            m.put("partitions", parts);
            groups.add(m);
        }
        doc.put("groups", groups);
        return doc;
    }

    /** The {@code /api/pipeline} document. */
    public static Map<String, Object> pipelineDocument(PipelineSnapshot p) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", p.time().toString());
        doc.put("counters", p.counters());
        Map<String, Object> rates = new LinkedHashMap<>();
        p.ratesPerSecond().forEach((k, v) -> rates.put(k, number(v)));
        doc.put("rates_per_second", rates);
        doc.put("sunk_by_group", p.sunkByGroup());
        doc.put("topic_partitions", p.topicPartitions());
        List<Object> jmx = new ArrayList<>();
        p.jmx().forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", s.def().name());
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < s.def().labels().size(); i++) {
                labels.put(s.def().labels().get(i), s.labelValues().get(i));
            }
            m.put("labels", labels);
            m.put("value", number(s.value()));
            jmx.add(m);
        });
        doc.put("jmx", jmx);
        return doc;
    }

    public static String toJson(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    /**
     * A fixed-width table: GROUP, STATUS, STATE, MEMBERS, TOTAL LAG, MAX LAG S; with {@code partitions}, one
     * indented line per partition under its group (topic-partition, committed, end, lag, lag s, status).
     */
    public static String table(LagSnapshot snapshot, Map<String, AlertState> alerts, boolean partitions) {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(5, snapshot.groups().stream().mapToInt(g -> g.group().length()).max().orElse(5));
        String fmt = "%-" + w + "s  %-8s  %-18s  %7s  %12s  %11s%s%n";
        sb.append(String.format(Locale.ROOT, fmt, "GROUP", "STATUS", "STATE", "MEMBERS", "TOTAL LAG", "MAX LAG S", ""));
        for (GroupLag g : snapshot.groups()) {
            AlertState a = alerts.get(g.group());
            String alert = (g.retry() != null ? "  " + g.retry().describe() : "")
                + (a != null && a.firing() ? "  ALERT: " + String.join("; ", a.reasons()) : "");
            sb.append(String.format(Locale.ROOT, fmt, g.group(), g.status(), g.state(), g.members(), g.totalLag(),
                seconds(g.maxLagSeconds()), alert));
            if (partitions) {
                for (PartitionLag p : g.partitions()) {
                    sb.append(String.format(Locale.ROOT, "  %-" + Math.max(20, w - 2) + "s  committed %d  end %d  lag %d  lag %s s  %s%n",
                        p.topic() + "-" + p.partition(), p.committed(), p.logEndOffset(), p.lag(), seconds(p.lagSeconds()), p.status()));
                }
            }
        }
        if (snapshot.groups().isEmpty()) {
            sb.append("(no consumer groups)\n");
        }
        snapshot.error().ifPresent(e -> sb.append("last poll failed: ").append(e).append('\n'));
        long failing = snapshot.groups().stream().filter(g -> g.status().failing()).count();
        if (failing > 0) {
            sb.append(failing).append(" group(s) in ").append(GroupStatus.ERR).append(" or ").append(GroupStatus.STOP).append('\n');
        }
        return sb.toString();
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "?" : String.format(Locale.ROOT, "%.1f", s);
    }
}

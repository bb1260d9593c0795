package io.wirestream.ops.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes samples in the Prometheus text exposition format 0.0.4 ({@code text/plain; version=0.0.4}):
 * per family a {@code # HELP} and {@code # TYPE} line, then one line per sample; label values escaped
 * (backslash, double quote, newline); NaN and infinities as Prometheus spells them. Families appear in the
 * order first seen; a family with no sample is not written.
 */
public final class PrometheusTextWriter {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusTextWriter() {
    }

    public static String write(List<MetricSample> samples) {
        Map<MetricDef, List<MetricSample>> byDef = new java.util.IdentityHashMap<>();
        List<MetricDef> order = new ArrayList<>();
        for (MetricSample s : samples) {
            List<MetricSample> list = byDef.get(s.def());
            if (list == null) {
                list = new ArrayList<>();
                byDef.put(s.def(), list);
                order.add(s.def());
            }
            list.add(s);
        }
        StringBuilder sb = new StringBuilder(samples.size() * 80);
        for (MetricDef def : order) {
            List<MetricSample> list = byDef.get(def);
            sb.append("# HELP ").append(def.name()).append(' ').append(escapeHelp(def.help())).append('\n');
            sb.append("# TYPE ").append(def.name()).append(' ').append(def.type().prometheusName()).append('\n');
            for (MetricSample s : list) {
                sb.append(def.name());
                if (!def.labels().isEmpty()) {
                    sb.append('{');
                    for (int i = 0; i < def.labels().size(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        sb.append(def.labels().get(i)).append("=\"").append(escapeLabel(s.labelValues().get(i))).append('"');
                    }
                    sb.append('}');
                }
                sb.append(' ').append(format(s.value())).append('\n');
            }
        }
        return sb.toString();
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String escapeLabel(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}

package io.wirestream.ops.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One metric family: its Prometheus name (units in the name), type, help text and label names.
 */
public record MetricDef(String name, Type type, String help, List<String> labels) {

    /** Prometheus metric types used here. */
    public enum Type {
        GAUGE, COUNTER;

        public String prometheusName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public MetricDef {
        Objects.requireNonNull(name);
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
        labels = List.copyOf(labels);
        for (String l : labels) {
            if (!l.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new IllegalArgumentException("bad label name " + l);
            }
        }
    }

    static MetricDef gauge(String name, String help, String... labels) {
        return new MetricDef(name, Type.GAUGE, help, List.of(labels));
    }

    static MetricDef counter(String name, String help, String... labels) {
        return new MetricDef(name, Type.COUNTER, help, List.of(labels));
    }

    /** A sample of this metric; {@code labelValues} in the order of {@link #labels()}. */
    public MetricSample sample(double value, String... labelValues) {
        return new MetricSample(this, List.of(labelValues), value);
    }
}

package io.wirestream.ops.metrics;

import java.util.List;

/** One value of a metric with its label values (in the order of the definition's labels). */
public record MetricSample(MetricDef def, List<String> labelValues, double value) {
    public MetricSample {
        labelValues = List.copyOf(labelValues);
        if (labelValues.size() != def.labels().size()) {
            throw new IllegalArgumentException(def.name() + " takes labels " + def.labels() + ", got " + labelValues);
        }
    }
}

package io.wirestream.ops.pipeline;

import io.wirestream.ops.metrics.MetricSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's counters at one poll.
 *
 * @param time            when
 * @param counters        stage -> count: {@code ingested} (raw topic end offsets), {@code enriched} (enriched topic end offsets),
 *                        {@code dead_lettered} (DLQ end offsets), {@code sunk} (sum over sink groups of committed offsets on the enriched topic)
 * @param sunkByGroup     sink group -> committed offsets on the enriched topic
 * @param ratesPerSecond  stage -> increase per second since the previous poll (absent on the first poll)
 * @param topicPartitions topic -> partitions (0 if it does not exist)
 * @param jmx             Kafka Streams / Connect samples visible in this JVM
 */
public record PipelineSnapshot(Instant time, Map<String, Long> counters, Map<String, Long> sunkByGroup,
                               Map<String, Double> ratesPerSecond, Map<String, Integer> topicPartitions, List<MetricSample> jmx) {

    public static final String INGESTED = "ingested";
    public static final String ENRICHED = "enriched";
    public static final String DEAD_LETTERED = "dead_lettered";
    public static final String SUNK = "sunk";

    public PipelineSnapshot {
        counters = ordered(counters);
        sunkByGroup = ordered(sunkByGroup);
        ratesPerSecond = ordered(ratesPerSecond);
        topicPartitions = ordered(topicPartitions);
        jmx = List.copyOf(jmx);
    }

    /** An unmodifiable copy that keeps the caller's order (stage order on the dashboard and in JSON). */
    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }

    public static PipelineSnapshot empty(Instant time) {
        return new PipelineSnapshot(time, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    }
}

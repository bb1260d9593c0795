package io.wirestream.sink.runtime;

import java.util.Map;

/**
 * What a sink is asked to do, as {@code wirestream up}, {@code wirestream sink} and the compose configs ask it: the
 * topics to read, the dead letter queue, the cluster (with the client settings of {@code --command-config}, for a
 * connector that talks to Kafka itself) and the sinks' own options, keyed by the names each {@link SinkPlugin}
 * declares (e.g. {@link SinkPlugins#JSONL_DIRECTORY}). A sink whose options are absent is not run.
 */
public record SinkTarget(String topics, String dlqTopic, short dlqReplication, String bootstrapServers,
                         Map<String, Object> kafkaClientProps, Map<String, String> options) {

    public SinkTarget {
        kafkaClientProps = kafkaClientProps == null ? Map.of() : Map.copyOf(kafkaClientProps);
        options = Map.copyOf(options);
    }

    /** The option {@code key}, or null. */
    public String option(String key) {
        return options.get(key);
    }
}

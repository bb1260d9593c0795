package io.wirestream.sink.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.wirestream.sink.jsonl.JsonLinesSinkConfig;
import io.wirestream.sink.jsonl.JsonLinesSinkConnector;
import io.wirestream.sink.postgres.PostgresSinkConfig;
import io.wirestream.sink.postgres.PostgresSinkConnector;

/**
 * Connector configs for the project's sinks with the project's defaults: Connect's error handling on
 * ({@code errors.tolerance=all}, bad records to a dead letter queue topic with {@code __connect.errors.*} context
 * headers, {@code errors.retry.timeout} of 10 minutes for retriable converter errors), one task per connector. Callers add or override keys as they need.
 * The pipeline runs its sinks through {@link SinkPlugins}, whose plugins build their configs here.
 */
public final class ConnectorConfigs {

    private ConnectorConfigs() {
    }

    /** The common part: class, topics, tasks, error handling (DLQ only when {@code dlqTopic} is not null). */
    public static Map<String, String> sink(Class<?> connectorClass, String topics, String dlqTopic, short dlqReplication) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", connectorClass.getName());
        config.put("topics", topics);
        config.put("tasks.max", "1");
        config.put("errors.tolerance", "all");
        config.put("errors.log.enable", "true");
        // a converter that cannot reach the schema registry retries for 10 minutes before the record counts as failed
        config.put("errors.retry.timeout", "600000");
        config.put("errors.retry.delay.max.ms", "30000");
        if (dlqTopic != null) {
            config.put("errors.deadletterqueue.topic.name", dlqTopic);
            config.put("errors.deadletterqueue.topic.replication.factor", Short.toString(dlqReplication));
            config.put("errors.deadletterqueue.context.headers.enable", "true");
        }
        return config;
    }

    public static Map<String, String> postgres(String topics, String dlqTopic, short dlqReplication, String url, String user,
                                               String password, String schema) {
        Map<String, String> config = sink(PostgresSinkConnector.class, topics, dlqTopic, dlqReplication);
        config.put(PostgresSinkConfig.CONNECTION_URL_CONFIG, url);
        if (user != null) {
            config.put(PostgresSinkConfig.CONNECTION_USER_CONFIG, user);
        }
        if (password != null) {
            config.put(PostgresSinkConfig.CONNECTION_PASSWORD_CONFIG, password);
        }
        if (schema != null) {
            config.put(PostgresSinkConfig.SCHEMA_CONFIG, schema);
        }
        return config;
    }

    /** A client setting as a connector config value: a Kafka {@code Password} revealed (connector configs are strings). */
    static String text(Object value) {
        return value instanceof org.apache.kafka.common.config.types.Password p ? p.value() : String.valueOf(value);
    }

    public static Map<String, String> jsonLines(String topics, String dlqTopic, short dlqReplication, Path directory) {
        return jsonLines(topics, dlqTopic, dlqReplication, directory, null);
    }

    /**
     * The JSON Lines sink; with {@code bootstrapServers} (the cluster of the topics) it records each topic's id next to
     * its files, so files of a deleted and re-created topic are moved aside instead of being resumed after.
     */
    public static Map<String, String> jsonLines(String topics, String dlqTopic, short dlqReplication, Path directory,
                                                String bootstrapServers) {
        Map<String, String> config = sink(JsonLinesSinkConnector.class, topics, dlqTopic, dlqReplication);
        config.put(JsonLinesSinkConfig.DIRECTORY_CONFIG, directory.toAbsolutePath().toString());
        if (bootstrapServers != null) {
            config.put(JsonLinesSinkConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        return config;
    }
}

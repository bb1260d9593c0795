package io.wirestream.sink.runtime;

import io.wirestream.schemas.PipelineNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registered sinks ({@link SinkPlugin}, listed in {@code META-INF/services/io.wirestream.sink.runtime.SinkPlugin})
 * and the project's two: JSON Lines ({@link #JSONL_DIRECTORY}) and PostgreSQL ({@link #POSTGRES_URL} and friends).
 */
public final class SinkPlugins {

    /** Option of the JSON Lines sink: the directory it writes under. */
    public static final String JSONL_DIRECTORY = "jsonl.directory";
    /** Options of the PostgreSQL sink: the JDBC URL (runs it), user, password and schema. */
    public static final String POSTGRES_URL = "postgres.url";
    public static final String POSTGRES_USER = "postgres.user";
    public static final String POSTGRES_PASSWORD = "postgres.password";
    public static final String POSTGRES_SCHEMA = "postgres.schema";

    private SinkPlugins() {
    }

    /** Every registered sink, in the order of the service files (the project's own first). */
    public static List<SinkPlugin> all() {
        List<SinkPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(SinkPlugin.class, classLoader()).forEach(plugins::add);
        return plugins;
    }

    /** The options of the project's two sinks, as {@code up} and {@code sink} take them from their flags (null: left out). */
    public static Map<String, String> options(Path jsonlDirectory, String postgresUrl, String postgresUser, String postgresPassword,
                                              String postgresSchema) {
        Map<String, String> options = new LinkedHashMap<>();
        if (jsonlDirectory != null) {
            options.put(JSONL_DIRECTORY, jsonlDirectory.toString());
        }
        if (postgresUrl != null) {
            options.put(POSTGRES_URL, postgresUrl);
            putIfNotNull(options, POSTGRES_USER, postgresUser);
            putIfNotNull(options, POSTGRES_PASSWORD, postgresPassword);
            putIfNotNull(options, POSTGRES_SCHEMA, postgresSchema);
        }
        return options;
    }

    private static void putIfNotNull(Map<String, String> options, String key, String value) {
        if (value != null) {
            options.put(key, value);
        }
    }

    /** The connector configs of the sinks {@code target} asks for, by connector name, in registration order. */
    public static Map<String, Map<String, String>> configs(SinkTarget target) {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (SinkPlugin plugin : all()) {
            plugin.config(target).ifPresent(config -> configs.put(plugin.connector(), config));
        }
        return configs;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SinkPlugins.class.getClassLoader();
    }

    /** The JSON Lines sink: runs when {@link #JSONL_DIRECTORY} is set; records topic ids from the target's cluster. */
    public static final class JsonLines implements SinkPlugin {
        @Override
        public String connector() {
            return PipelineNames.JSONL_CONNECTOR;
        }

        @Override
        public Optional<Map<String, String>> config(SinkTarget target) {
            String directory = target.option(JSONL_DIRECTORY);
            if (directory == null) {
                return Optional.empty();
            }
            Map<String, String> config = ConnectorConfigs.jsonLines(target.topics(), target.dlqTopic(), target.dlqReplication(),
                Path.of(directory), target.bootstrapServers());
            if (target.bootstrapServers() != null) {
                target.kafkaClientProps().forEach((k, v) -> config.putIfAbsent(
                    io.wirestream.sink.jsonl.JsonLinesSinkConfig.KAFKA_PREFIX + k, ConnectorConfigs.text(v)));
            }
            return Optional.of(config);
        }
    }

    /** The PostgreSQL sink: runs when {@link #POSTGRES_URL} is set. */
    public static final class Postgres implements SinkPlugin {
        @Override
        public String connector() {
            return PipelineNames.POSTGRES_CONNECTOR;
        }

        @Override
        public Optional<Map<String, String>> config(SinkTarget target) {
            String url = target.option(POSTGRES_URL);
            return url == null ? Optional.empty() : Optional.of(ConnectorConfigs.postgres(target.topics(), target.dlqTopic(),
                target.dlqReplication(), url, target.option(POSTGRES_USER), target.option(POSTGRES_PASSWORD), target.option(POSTGRES_SCHEMA)));
        }
    }
}

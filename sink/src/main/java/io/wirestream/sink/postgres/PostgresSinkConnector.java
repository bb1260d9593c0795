package io.wirestream.sink.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.sink.ArticleSinkConnector;

/**
 * Writes enriched articles to PostgreSQL: {@code articles} (one row per story, the latest version, full-text search),
 * {@code article_entities} and {@code article_topics}. See {@link PostgresWriter} for the write semantics and
 * {@link PostgresSinkConfig} for the configuration.
 */
public class PostgresSinkConnector extends ArticleSinkConnector {

    private static final Logger log = LoggerFactory.getLogger(PostgresSinkConnector.class);

    @Override
    protected void checkConfig(Map<String, String> props) {
        PostgresSinkConfig config = new PostgresSinkConfig(props);
        log.info("Starting PostgreSQL sink connector: {}", config);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PostgresSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return PostgresSinkConfig.CONFIG_DEF;
    }

    /** Per-key validation, then a connection attempt whose failure is reported on connection.url. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            values.put(v.name(), v);
        }
        boolean keysValid = values.values().stream()
                .filter(v -> v.name().startsWith("connection."))
                .allMatch(v -> v.errorMessages().isEmpty());
        ConfigValue url = values.get(PostgresSinkConfig.CONNECTION_URL_CONFIG);
        if (keysValid && url != null && url.value() != null) {
            PostgresSinkConfig parsed = new PostgresSinkConfig(connectorConfigs);
            Properties p = new Properties();
            p.setProperty("user", parsed.user());
            if (parsed.password() != null && !parsed.password().value().isEmpty()) {
                p.setProperty("password", parsed.password().value());
            }
            p.setProperty("connectTimeout", "10");
            try (Connection ignored = PostgresWriter.connect(parsed.connectionUrl(), p)) {
                log.debug("Validated the connection to {}", parsed.connectionUrl());
            } catch (SQLException e) {
                url.addErrorMessage("Cannot connect to " + parsed.connectionUrl() + " as " + parsed.user() + ": " + e.getMessage());
            }
        }
        return config;
    }
}

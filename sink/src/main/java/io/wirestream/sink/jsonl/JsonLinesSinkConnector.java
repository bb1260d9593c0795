package io.wirestream.sink.jsonl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.sink.ArticleSinkConnector;

/**
 * Writes enriched articles as IPTC ninjs 2.x JSON objects, one per line, into files rolled by day and size, made
 * visible only when complete and durable. See {@link JsonLinesWriter} and {@link JsonLinesSinkConfig}.
 */
public class JsonLinesSinkConnector extends ArticleSinkConnector {

    private static final Logger log = LoggerFactory.getLogger(JsonLinesSinkConnector.class);

    @Override
    protected void checkConfig(Map<String, String> props) {
        log.info("Starting JSON Lines sink connector: {}", new JsonLinesSinkConfig(props));
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JsonLinesSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return JsonLinesSinkConfig.CONFIG_DEF;
    }

    /** Per-key validation, then: the directory must be a writable directory (or creatable). */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        for (ConfigValue v : config.configValues()) {
            if (v.name().equals(JsonLinesSinkConfig.DIRECTORY_CONFIG) && v.errorMessages().isEmpty() && v.value() != null) {
                Path dir = Path.of(v.value().toString());
                Path existing = dir;
                while (existing != null && !Files.exists(existing)) {
                    existing = existing.getParent();
                }
                if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                    v.addErrorMessage(dir + " is not a writable directory (nor can it be created under one)");
                }
            }
        }
        return config;
    }
}

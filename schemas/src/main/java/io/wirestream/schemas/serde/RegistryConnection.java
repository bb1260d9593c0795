package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** The registry client a serializer or deserializer uses: injected (caller closes it) or created from config (closed with the serde). */
final class RegistryConnection {

    private final SchemaRegistryClient injected;
    private SchemaRegistryClient client;
    private AvroSerdeConfig config;

    RegistryConnection(SchemaRegistryClient injected) {
        this.injected = injected;
        this.client = injected;
    }

    AvroSerdeConfig configure(Map<String, ?> configs) {
        config = new AvroSerdeConfig(configs == null ? Map.of() : configs);
        if (injected == null) {
            String url = config.schemaRegistryUrl();
            if (url == null || url.isBlank()) {
                throw new ConfigException(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url,
                        "Missing required configuration: the URL of the schema registry (http://host:port or mock://scope)");
            }
            if (client != null) {
                client.close();
            }
            client = SchemaRegistryClients.create(url, config.maxAttempts(), config.retryBackoffMs(),
                    config.retryBackoffMaxMs(), config.requestTimeoutMs(), configs);
        }
        return config;
    }

    SchemaRegistryClient client() {
        if (client == null) {
            throw new IllegalStateException("Not configured: call configure(...) with "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG + " first, or construct the serde with a SchemaRegistryClient");
        }
        return client;
    }

    AvroSerdeConfig config() {
        if (config == null) {
            config = new AvroSerdeConfig(Map.of());
        }
        return config;
    }

    void close() {
        if (injected == null && client != null) {
            client.close();
            client = null;
        }
    }
}

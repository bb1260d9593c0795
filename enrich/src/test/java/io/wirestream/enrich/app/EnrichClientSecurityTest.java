package io.wirestream.enrich.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.schemas.registry.RegistryUnavailableException;
import io.wirestream.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Security settings given as streams.* keys reach every client of the app, and the registry's serdes. */
class EnrichClientSecurityTest {

    private static final Map<String, String> SECURED = Map.of(
        EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9094",
        EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, "https://registry:8081",
        "streams.security.protocol", "SASL_SSL",
        "streams.sasl.mechanism", "SCRAM-SHA-512",
        "streams.basic.auth.credentials.source", "USER_INFO",
        "streams.basic.auth.user.info", "enrich:pw",
        "streams.schema.registry.ssl.truststore.location", "/etc/registry-ca.p12");

    @Test
    void streamsAndItsAdminGetTheSecuritySettings() {
        EnrichConfig config = new EnrichConfig(SECURED);
        assertThat(config.streamsProperties()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        Map<String, Object> admin = new StreamsConfig(config.streamsProperties()).getAdminConfigs("x");
        assertThat(admin).containsEntry("security.protocol", "SASL_SSL").containsEntry("bootstrap.servers", "kafka:9094");
    }

    @Test
    void serdesGetTheRegistryCredentialsButNotTheKafkaOnes() {
        Map<String, Object> serde = new EnrichConfig(SECURED).serdeConfig();
        assertThat(serde).containsEntry("schema.registry.url", "https://registry:8081")
            .containsEntry("basic.auth.credentials.source", "USER_INFO").containsEntry("basic.auth.user.info", "enrich:pw")
            .containsEntry("schema.registry.ssl.truststore.location", "/etc/registry-ca.p12")
            .doesNotContainKeys("security.protocol", "sasl.mechanism");
    }

    @Test
    void aRegistryRefusingTheAppsCredentialsIsAnOutageNotABadRecord() {
        assertThat(EnrichProcessingExceptionHandler.isRegistryOutage(new SerializationException("x",
            new SchemaRegistryException("Could not get schema by id 1: Unauthorized (HTTP 401)", 401, 401)))).isTrue();
        assertThat(EnrichProcessingExceptionHandler.isRegistryOutage(new SerializationException("x",
            new SchemaRegistryException("forbidden", 403, 40301)))).isTrue();
        assertThat(EnrichProcessingExceptionHandler.isRegistryOutage(new SerializationException("x",
            new RegistryUnavailableException("down", 503, 50301)))).isTrue();
        assertThat(EnrichProcessingExceptionHandler.isRegistryOutage(new SerializationException("x",
            new SchemaRegistryException("Could not get schema by id 9: not found (HTTP 404)", 404, 40403)))).isFalse();
    }
}

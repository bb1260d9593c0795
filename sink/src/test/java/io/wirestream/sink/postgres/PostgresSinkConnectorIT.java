package io.wirestream.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.wirestream.sink.testutil.Postgres;

/** Connector-level validation (what Connect's REST validate endpoint shows) against the real PostgreSQL. */
class PostgresSinkConnectorIT {

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue v : new PostgresSinkConnector().validate(config).configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void aReachableDatabaseValidates() {
        assertThat(errors(Map.of("connection.url", Postgres.URL, "connection.user", Postgres.USER))).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsReportedOnConnectionUrl() {
        Map<String, List<String>> errors = errors(Map.of(
                "connection.url", "jdbc:postgresql://127.0.0.1:1/none", "connection.user", Postgres.USER));

        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url").get(0)).contains("Cannot connect to jdbc:postgresql://127.0.0.1:1/none");
    }

    @Test
    void badValuesAreReportedOnTheirOwnKeys() {
        Map<String, List<String>> errors = errors(Map.of(
                "connection.url", "mysql://x", "schema", "News-Archive", "kill.mode", "shred", "batch.size", "0"));

        assertThat(errors).containsOnlyKeys("connection.url", "schema", "kill.mode", "batch.size");
    }
}

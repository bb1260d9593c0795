package io.wirestream.sink.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import io.wirestream.sink.jsonl.JsonLinesSinkConnector;
import io.wirestream.sink.postgres.PostgresSinkConnector;

class ConfigDocumentationTest {

    @Test
    void everyConfigKeyOfBothConnectorsAndTheConverterIsDocumented() {
        assertThat(ConfigTables.definitions()).containsKeys("postgres", "jsonl", "avro-converter");
        for (Map.Entry<String, ConfigDef> def : ConfigTables.definitions().entrySet()) {
            assertThat(def.getValue().configKeys()).isNotEmpty();
            for (ConfigDef.ConfigKey key : def.getValue().configKeys().values()) {
                assertThat(key.documentation).as(def.getKey() + " key " + key.name).isNotBlank().hasSizeGreaterThan(15);
            }
        }
    }

    @Test
    void theConnectorsExposeTheDocumentedConfigDefs() {
        assertThat(new PostgresSinkConnector().config().names()).isEqualTo(ConfigTables.definitions().get("postgres").names());
        assertThat(new JsonLinesSinkConnector().config().names()).isEqualTo(ConfigTables.definitions().get("jsonl").names());
    }

    @Test
    void theReadmeTablesAreGeneratedFromTheCurrentConfigDefs() throws Exception {
        Path readme = Path.of("README.md");
        String current = Files.readString(readme, StandardCharsets.UTF_8);

        assertThat(ConfigTables.render(current))
                .as("sink/README.md config tables are stale: run the ConfigTables main (command in the README)")
                .isEqualTo(current);
    }

    @Test
    void thePasswordIsAPasswordAndIsMaskedInTheConfigsText() {
        ConfigDef.ConfigKey password = ConfigTables.definitions().get("postgres").configKeys().get("connection.password");

        assertThat(password.type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(new io.wirestream.sink.postgres.PostgresSinkConfig(Map.of(
                "connection.url", "jdbc:postgresql://127.0.0.1:5432/news", "connection.password", "s3cret")).toString())
                .doesNotContain("s3cret").contains("[hidden]");
    }
}

package io.wirestream.sink.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.wirestream.sink.jsonl.JsonLinesSinkConnector;
import io.wirestream.sink.postgres.PostgresSinkConnector;

/** The examples in sink/config are valid for the connectors they name. */
class ConfigExamplesTest {

    private static Map<String, String> properties(String file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config", file))) {
            p.load(r);
        }
        Map<String, String> map = new HashMap<>();
        p.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> json(String file) throws Exception {
        Map<String, Object> root = new ObjectMapper().readValue(Path.of("config", file).toFile(), Map.class);
        return (Map<String, String>) root.get("config");
    }

    /** The flat maps docker-compose PUTs to /connectors/NAME/config. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> flatJson(String file) throws Exception {
        return new ObjectMapper().readValue(Path.of("config", file).toFile(), Map.class);
    }

    private static List<String> errors(ConfigDef def, Map<String, String> config) {
        return def.validate(config).stream().filter(v -> !v.errorMessages().isEmpty())
                .map(ConfigValue::toString).toList();
    }

    @Test
    void thePostgresExamplesAreValid() throws Exception {
        for (Map<String, String> config : List.of(properties("postgres-sink.properties"), json("postgres-sink.json"),
                flatJson("compose-wirestream-postgres.json"))) {
            assertThat(config.get("connector.class")).isEqualTo(PostgresSinkConnector.class.getName());
            assertThat(errors(new PostgresSinkConnector().config(), config)).isEmpty();
        }
    }

    @Test
    void theJsonLinesExamplesAreValid() throws Exception {
        for (Map<String, String> config : List.of(properties("jsonl-sink.properties"), json("jsonl-sink.json"),
                flatJson("compose-wirestream-jsonl.json"))) {
            assertThat(config.get("connector.class")).isEqualTo(JsonLinesSinkConnector.class.getName());
            assertThat(errors(new JsonLinesSinkConnector().config(), config)).isEmpty();
        }
    }

    @Test
    void theWorkerExampleUsesTheProjectsConverter() throws Exception {
        assertThat(properties("connect-standalone.properties"))
                .containsEntry("value.converter", "io.wirestream.sink.converter.AvroConverter")
                .containsKey("value.converter.schema.registry.url");
    }
}

package io.wirestream.sink.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The connector configs docker-compose.yml registers ({@code sink/config/compose-<connector>.json}, PUT by
 * {@code connect-init}) follow from the registered sinks: one file per sink the compose options ask for, holding what
 * its {@link SinkPlugin} builds for the compose cluster (the number of tasks is the file's to choose).
 */
class ComposeSinkConfigsTest {

    static final SinkTarget COMPOSE = new SinkTarget("news.enriched", "news.dlq", (short) 3, "kafka-1:9092,kafka-2:9092,kafka-3:9092",
        Map.of(), SinkPlugins.options(Path.of("/var/lib/wirestream/out"), "jdbc:postgresql://postgres:5432/wirestream", "wirestream",
            "wirestream", "public"));

    @Test
    @SuppressWarnings("unchecked")
    void everySinkHasItsComposeConfigAndTheFileHoldsWhatThePluginBuilds() throws Exception {
        Map<String, Map<String, String>> sinks = SinkPlugins.configs(COMPOSE);
        assertThat(sinks).containsKeys("wirestream-jsonl", "wirestream-postgres");
        sinks.forEach((connector, config) -> {
            Path file = Path.of("config", "compose-" + connector + ".json");
            assertThat(file).as("the compose config of sink " + connector).isRegularFile();
            Map<String, String> onDisk;
            try {
                onDisk = new ObjectMapper().readValue(file.toFile(), Map.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            config.forEach((key, value) -> {
                if (!key.equals("tasks.max")) {
                    assertThat(onDisk).as(file + " follows SinkPlugins").containsEntry(key, value);
                }
            });
        });
    }
}

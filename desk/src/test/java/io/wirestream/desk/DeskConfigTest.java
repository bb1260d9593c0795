package io.wirestream.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DeskConfigTest {

    @Test
    void theReadmeTableIsGeneratedFromTheCurrentConfigDef() throws Exception {
        String current = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(current).contains("<!-- config:desk:begin -->");
        assertThat(DeskConfigDocs.render(current))
            .as("desk/README.md config table is stale: run the DeskConfigDocs main (command in its javadoc)").isEqualTo(current);
    }

    @Test
    void theDefaultsFromPropertiesAreTheDesksDefaultsAndEveryOtherKeyIsAClientProperty() {
        DeskConfig c = DeskConfig.from(Map.of("bootstrap.servers", "k:9092", "security.protocol", "SASL_SSL",
            "basic.auth.user.info", "u:p", "topics.prefix", "wire.", "max.streams", "7"));
        DeskConfig defaults = DeskConfig.defaults(Map.of(), "http://127.0.0.1:8081");
        assertThat(c.host()).isEqualTo(defaults.host());
        assertThat(c.port()).isEqualTo(defaults.port());
        assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(15)).isEqualTo(defaults.heartbeat());
        assertThat(c.recentStories()).isEqualTo(defaults.recentStories());
        assertThat(c.registryUrl()).isEqualTo(defaults.registryUrl());
        assertThat(c.maxStreams()).isEqualTo(7);
        assertThat(c.topics().enriched()).isEqualTo("wire.enriched");
        assertThat(c.token()).isNull();
        assertThat(c.corsOrigin()).isNull();
        assertThat(c.clientProps()).containsEntry("bootstrap.servers", "k:9092").containsEntry("security.protocol", "SASL_SSL")
            .containsEntry("basic.auth.user.info", "u:p").doesNotContainKeys("topics.prefix", "max.streams");
    }

    @Test
    void anInvalidValueIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> DeskConfig.from(Map.of("listen.port", "70000"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("listen.port");
        assertThatThrownBy(() -> DeskConfig.from(Map.of("max.streams", "0"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("max.streams");
    }
}

package io.wirestream.ingest;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestConfigTest {

    @Test
    void everyKeyIsDocumented() {
        for (ConfigDef.ConfigKey key : IngestConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank().hasSizeGreaterThan(15);
            assertThat(key.group).as(key.name).isNotBlank();
        }
    }

    @Test
    void theReadmeTableIsGeneratedFromTheCurrentConfigDef() throws Exception {
        String current = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(IngestConfigDocs.render(current))
                .as("ingest/README.md config table is stale: run the IngestConfigDocs main (command in the README)")
                .isEqualTo(current);
    }

    @Test
    void defaultsAreTheCommandLineDefaults() {
        IngestConfig c = new IngestConfig(Map.of());
        assertThat(c.rawTopic()).isEqualTo("news.raw");
        assertThat(c.source()).isEqualTo("wirestream");
        assertThat(c.format()).isNull();
        assertThat(c.charset()).isNull();
        assertThat(c.httpPort()).isNull();
        assertThat(c.watchDir()).isNull();
        assertThat(c.feeds()).isEmpty();
        assertThat(c.longRunning()).isFalse();
        assertThat(c.ackTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void theCommandLineConfigMapsOntoIngestConfig() {
        IngestApp.Config cli = new IngestApp.Config(List.of("a"), false, "nitf", "b:9092", "http://r:8081", "x.raw", Path.of("in"), 0,
                "0.0.0.0", List.of(URI.create("https://e.com/f.rss")), Duration.ofSeconds(60), Path.of("s.json"), 1000, "agency",
                StandardCharsets.ISO_8859_1, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(30));
        IngestConfig c = cli.toIngestConfig();
        assertThat(c.bootstrapServers()).isEqualTo("b:9092");
        assertThat(c.rawTopic()).isEqualTo("x.raw");
        assertThat(c.format()).isEqualTo("nitf");
        assertThat(c.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(c.watchDir()).isEqualTo(Path.of("in"));
        assertThat(c.watchStableFor()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.httpPort()).isZero();
        assertThat(c.feeds()).containsExactly(URI.create("https://e.com/f.rss"));
        assertThat(c.feedInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.ackTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxBytes()).isEqualTo(1000);
    }

    @Test
    void producerKeysPassThroughAndBadValuesFailFast() {
        assertThat(new IngestConfig(Map.of("producer.compression.type", "zstd")).producerOverrides()).containsEntry("compression.type", "zstd");
        assertThatThrownBy(() -> new IngestConfig(Map.of("charset", "no-such-charset"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new IngestConfig(Map.of("http.port", 70000))).isInstanceOf(ConfigException.class);
    }
}

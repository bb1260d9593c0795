package io.wirestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    @Test
    void everyKeyIsDocumented() {
        for (ConfigDef.ConfigKey key : AvroSerdeConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank().hasSizeGreaterThan(20);
        }
    }

    @Test
    void keysMatchConfluentsNames() {
        assertThat(AvroSerdeConfig.CONFIG_DEF.names())
                .contains("schema.registry.url", "auto.register.schemas", "specific.avro.reader");
    }

    @Test
    void defaults() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", "mock://x"));

        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.maxAttempts()).isEqualTo(4);
        assertThat(config.specificType(false)).isNull();
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.max.attempts", 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.max.attempts");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("auto.register.schemas", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas");
    }
}

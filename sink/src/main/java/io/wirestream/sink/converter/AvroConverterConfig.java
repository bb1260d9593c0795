package io.wirestream.sink.converter;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration of {@link AvroConverter} (keys are given without the {@code key.converter.}/{@code value.converter.} prefix). */
public final class AvroConverterConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "URL of a Confluent-API-compatible schema registry, e.g. "
            + "http://127.0.0.1:8081, or mock://<scope> for an in-memory registry shared within the JVM (tests).";

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final boolean AUTO_REGISTER_SCHEMAS_DEFAULT = true;
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "When writing (fromConnectData), register the record's schema "
            + "under <topic>-value (or -key) if it is not registered yet; when false the schema must already be registered.";

    public static final String SCHEMA_CACHE_SIZE_CONFIG = "schemas.cache.size";
    public static final int SCHEMA_CACHE_SIZE_DEFAULT = 1000;
    private static final String SCHEMA_CACHE_SIZE_DOC = "How many schemas (by registry id and by Connect schema) the converter keeps converted in memory.";

    public static final ConfigDef CONFIG_DEF = io.wirestream.schemas.registry.RegistryClientSecurity.define(define(new ConfigDef()));

    public static ConfigDef define(ConfigDef def) {
        return def
                .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
                .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, AUTO_REGISTER_SCHEMAS_DEFAULT, Importance.MEDIUM,
                        AUTO_REGISTER_SCHEMAS_DOC)
                .define(SCHEMA_CACHE_SIZE_CONFIG, Type.INT, SCHEMA_CACHE_SIZE_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.LOW, SCHEMA_CACHE_SIZE_DOC);
    }

    public AvroConverterConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL_CONFIG);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    public int schemaCacheSize() {
        return getInt(SCHEMA_CACHE_SIZE_CONFIG);
    }
}

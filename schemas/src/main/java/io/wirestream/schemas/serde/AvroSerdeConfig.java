package io.wirestream.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration of the Avro serializers, deserializers and serdes. Key names follow Confluent's where Confluent has one. */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "URL of the schema registry: http(s)://host:port "
            + "(several comma-separated, tried in turn), or mock://<scope> for an in-memory registry shared per scope "
            + "in this JVM (tests). Required, unless the serde was constructed with a SchemaRegistryClient.";

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final boolean AUTO_REGISTER_SCHEMAS_DEFAULT = true;
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "Whether the serializer registers the record's schema "
            + "under the subject (<topic>-value or <topic>-key). When false the schema must already be registered "
            + "under the subject; its id is looked up and serializing fails with a clear error when it is absent.";

    public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
    public static final boolean SPECIFIC_AVRO_READER_DEFAULT = false;
    private static final String SPECIFIC_AVRO_READER_DOC = "Whether the generic deserializer returns instances of the "
            + "generated SpecificRecord classes (found by the writer schema's full name) instead of GenericData.Record. "
            + "The specific deserializer always does.";

    public static final String SPECIFIC_AVRO_KEY_TYPE_CONFIG = "specific.avro.key.type";
    private static final String SPECIFIC_AVRO_KEY_TYPE_DOC = "Generated SpecificRecord class the specific deserializer "
            + "reads keys into (reader schema for schema evolution). Default: the class named like the writer schema.";

    public static final String SPECIFIC_AVRO_VALUE_TYPE_CONFIG = "specific.avro.value.type";
    private static final String SPECIFIC_AVRO_VALUE_TYPE_DOC = "Generated SpecificRecord class the specific deserializer "
            + "reads values into (reader schema for schema evolution). Default: the class named like the writer schema.";

    public static final String SCHEMA_REGISTRY_MAX_ATTEMPTS_CONFIG = "schema.registry.max.attempts";
    public static final int SCHEMA_REGISTRY_MAX_ATTEMPTS_DEFAULT = 4;
    private static final String SCHEMA_REGISTRY_MAX_ATTEMPTS_DOC = "Attempts per registry request in all, including "
            + "the first (1 = no retry). Only connection failures and 5xx / 408 / 429 answers are retried.";

    public static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";
    public static final long SCHEMA_REGISTRY_RETRY_BACKOFF_MS_DEFAULT = 100L;
    private static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MS_DOC = "Wait before the first retry of a registry "
            + "request; doubled on each further retry up to schema.registry.retry.backoff.max.ms.";

    public static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG = "schema.registry.retry.backoff.max.ms";
    public static final long SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_DEFAULT = 2_000L;
    private static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_DOC = "Upper bound of the wait between retries "
            + "of a registry request.";

    public static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
    public static final long SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DEFAULT = 30_000L;
    private static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DOC = "Timeout of one HTTP request to the registry.";

    public static final ConfigDef CONFIG_DEF = io.wirestream.schemas.registry.RegistryClientSecurity.define(define(new ConfigDef()));

    public AvroSerdeConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    /** Adds the serde keys to {@code def} (for configs that embed them, e.g. a converter's). */
    public static ConfigDef define(ConfigDef def) {
        String group = "Avro serde";
        int order = 0;
        return def
                .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, null, Importance.HIGH, SCHEMA_REGISTRY_URL_DOC,
                        group, ++order, ConfigDef.Width.LONG, "Schema registry URL")
                .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, AUTO_REGISTER_SCHEMAS_DEFAULT, Importance.MEDIUM,
                        AUTO_REGISTER_SCHEMAS_DOC, group, ++order, ConfigDef.Width.SHORT, "Auto-register schemas")
                .define(SPECIFIC_AVRO_READER_CONFIG, Type.BOOLEAN, SPECIFIC_AVRO_READER_DEFAULT, Importance.LOW,
                        SPECIFIC_AVRO_READER_DOC, group, ++order, ConfigDef.Width.SHORT, "Specific Avro reader")
                .define(SPECIFIC_AVRO_KEY_TYPE_CONFIG, Type.CLASS, null, Importance.LOW,
                        SPECIFIC_AVRO_KEY_TYPE_DOC, group, ++order, ConfigDef.Width.LONG, "Specific Avro key type")
                .define(SPECIFIC_AVRO_VALUE_TYPE_CONFIG, Type.CLASS, null, Importance.LOW,
                        SPECIFIC_AVRO_VALUE_TYPE_DOC, group, ++order, ConfigDef.Width.LONG, "Specific Avro value type")
                .define(SCHEMA_REGISTRY_MAX_ATTEMPTS_CONFIG, Type.INT, SCHEMA_REGISTRY_MAX_ATTEMPTS_DEFAULT, Range.between(1, 100),
                        Importance.LOW, SCHEMA_REGISTRY_MAX_ATTEMPTS_DOC, group, ++order, ConfigDef.Width.SHORT, "Registry attempts")
                .define(SCHEMA_REGISTRY_RETRY_BACKOFF_MS_CONFIG, Type.LONG, SCHEMA_REGISTRY_RETRY_BACKOFF_MS_DEFAULT, Range.atLeast(0),
                        Importance.LOW, SCHEMA_REGISTRY_RETRY_BACKOFF_MS_DOC, group, ++order, ConfigDef.Width.SHORT, "Registry retry backoff (ms)")
                .define(SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_DEFAULT, Range.atLeast(0),
                        Importance.LOW, SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_DOC, group, ++order, ConfigDef.Width.SHORT, "Registry max retry backoff (ms)")
                .define(SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG, Type.LONG, SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DEFAULT, Range.atLeast(1),
                        Importance.LOW, SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DOC, group, ++order, ConfigDef.Width.SHORT, "Registry request timeout (ms)");
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL_CONFIG);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
    }

    /** The configured reader class for keys or values, or null. */
    public Class<?> specificType(boolean isKey) {
        return getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE_CONFIG : SPECIFIC_AVRO_VALUE_TYPE_CONFIG);
    }

    public int maxAttempts() {
        return getInt(SCHEMA_REGISTRY_MAX_ATTEMPTS_CONFIG);
    }

    public long retryBackoffMs() {
        return getLong(SCHEMA_REGISTRY_RETRY_BACKOFF_MS_CONFIG);
    }

    public long retryBackoffMaxMs() {
        return getLong(SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG);
    }

    public long requestTimeoutMs() {
        return getLong(SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG);
    }

    /** Config docs as a table (for the README). */
    public static void main(String[] args) {
        System.out.println(CONFIG_DEF.toEnrichedRst());
    }
}

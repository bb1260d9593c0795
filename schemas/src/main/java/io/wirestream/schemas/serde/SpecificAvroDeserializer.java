package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into generated classes. The writer schema comes from the registry by id and is
 * resolved against the reader class's schema (the type given to the constructor, {@code specific.avro.value.type}
 * / {@code specific.avro.key.type}, or else the class named like the writer schema), so data written with an older
 * or newer compatible schema reads fine. Null bytes give null; bad bytes give a {@link SerializationException}
 * that says what is wrong, never null.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final AvroRecordDecoder decoder;
    private Class<?> type;

    /** Needs {@code schema.registry.url} in {@link #configure}. */
    public SpecificAvroDeserializer() {
        this(null, null);
    }

    /** Uses this client (not closed by the deserializer); {@link #configure} is optional. */
    public SpecificAvroDeserializer(SchemaRegistryClient client) {
        this(client, null);
    }

    /** Reads into {@code type}; needs {@code schema.registry.url} in {@link #configure}. */
    public SpecificAvroDeserializer(Class<T> type) {
        this(null, type);
    }

    /** Reads into {@code type} (null: the class named like the writer schema) with this client. */
    public SpecificAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.decoder = new AvroRecordDecoder(client);
        this.type = type;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = decoder.configure(configs, isKey);
        Class<?> configured = config.specificType(isKey);
        if (type == null && configured != null) {
            if (!SpecificRecord.class.isAssignableFrom(configured)) {
                throw new org.apache.kafka.common.config.ConfigException((isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE_CONFIG
                        : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG), configured.getName(), "not a generated SpecificRecord class");
            }
            type = configured;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        Object value = decoder.decode(topic, data, true, type);
        if (value != null && type != null && !type.isInstance(value)) {
            throw new SerializationException("Expected " + type.getName() + " on topic '" + topic + "' but read "
                    + value.getClass().getName());
        }
        return (T) value;
    }

    @Override
    public void close() {
        decoder.close();
    }
}

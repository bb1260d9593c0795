package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes any Avro record ({@link GenericRecord}, generated classes too) in Confluent's wire format, the schema
 * registered (or looked up) under {@code <topic>-value} / {@code <topic>-key}. Null serializes to null.
 */
public class GenericAvroSerializer implements Serializer<GenericRecord> {

    private final AvroRecordEncoder encoder;

    /** Needs {@code schema.registry.url} in {@link #configure}. */
    public GenericAvroSerializer() {
        this(null);
    }

    /** Uses this client (not closed by the serializer); {@link #configure} is optional. */
    public GenericAvroSerializer(SchemaRegistryClient client) {
        this.encoder = new AvroRecordEncoder(client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoder.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, GenericRecord data) {
        return encoder.encode(topic, data);
    }

    @Override
    public void close() {
        encoder.close();
    }
}

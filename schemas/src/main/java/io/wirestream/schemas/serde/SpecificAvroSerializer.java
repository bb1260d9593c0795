package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes generated Avro classes in Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary), the schema registered (or, with {@code auto.register.schemas=false}, looked up) under
 * {@code <topic>-value} / {@code <topic>-key}. Null serializes to null (tombstones).
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final AvroRecordEncoder encoder;

    /** Needs {@code schema.registry.url} in {@link #configure}. */
    public SpecificAvroSerializer() {
        this(null);
    }

    /** Uses this client (not closed by the serializer); {@link #configure} is optional. */
    public SpecificAvroSerializer(SchemaRegistryClient client) {
        this.encoder = new AvroRecordEncoder(client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoder.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return encoder.encode(topic, (org.apache.avro.generic.IndexedRecord) data);
    }

    @Override
    public void close() {
        encoder.close();
    }
}

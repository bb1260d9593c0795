package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link SpecificAvroSerializer} + {@link SpecificAvroDeserializer} as one Kafka {@link Serde}. */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SpecificAvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;

    /** Needs {@code schema.registry.url} in {@link #configure}. */
    public SpecificAvroSerde() {
        this(null, null);
    }

    /** Uses this client (not closed by the serde). */
    public SpecificAvroSerde(SchemaRegistryClient client) {
        this(client, null);
    }

    /** Reads into {@code type}; needs {@code schema.registry.url} in {@link #configure}. */
    public SpecificAvroSerde(Class<T> type) {
        this(null, type);
    }

    /** Reads into {@code type} (null: the class named like the writer schema) with this client. */
    public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type) {
        this.serializer = new SpecificAvroSerializer<>(client);
        this.deserializer = new SpecificAvroDeserializer<>(client, type);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}

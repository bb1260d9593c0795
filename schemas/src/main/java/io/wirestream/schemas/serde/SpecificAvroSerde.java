package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@link SpecificAvroSerializer} + {@link SpecificAvroDeserializer} as one Kafka {@link Serde}
 * ({@code configure}/{@code close} go to both, as in Kafka's {@link Serdes.WrapperSerde}).
 */
public class SpecificAvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

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
        super(new SpecificAvroSerializer<>(client), new SpecificAvroDeserializer<>(client, type));
    }
}

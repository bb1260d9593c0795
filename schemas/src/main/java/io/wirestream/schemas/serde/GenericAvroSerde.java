package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@link GenericAvroSerializer} + {@link GenericAvroDeserializer} as one Kafka {@link Serde}
 * ({@code configure}/{@code close} go to both, as in Kafka's {@link Serdes.WrapperSerde}).
 */
public class GenericAvroSerde extends Serdes.WrapperSerde<GenericRecord> {

    /** Needs {@code schema.registry.url} in {@link #configure}. */
    public GenericAvroSerde() {
        this(null);
    }

    /** Uses this client (not closed by the serde). */
    public GenericAvroSerde(SchemaRegistryClient client) {
        super(new GenericAvroSerializer(client), new GenericAvroDeserializer(client));
    }
}

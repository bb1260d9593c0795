package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into {@link GenericRecord}s with the writer's schema (strings as
 * {@code org.apache.avro.util.Utf8}), or, with {@code specific.avro.reader=true}, into the generated classes named
 * like the writer schema. Null bytes give null; bad bytes a {@link SerializationException}, never null.
 */
public class GenericAvroDeserializer implements Deserializer<GenericRecord> {

    private final AvroRecordDecoder decoder;
    private boolean specific;

    /** Needs {@code schema.registry.url} in {@link #configure}. */
    public GenericAvroDeserializer() {
        this(null);
    }

    /** Uses this client (not closed by the deserializer); {@link #configure} is optional. */
    public GenericAvroDeserializer(SchemaRegistryClient client) {
        this.decoder = new AvroRecordDecoder(client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        specific = decoder.configure(configs, isKey).specificAvroReader();
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
        Object value = decoder.decode(topic, data, specific, null);
        if (value != null && !(value instanceof GenericRecord)) {
            throw new SerializationException("Expected an Avro record on topic '" + topic + "' but read "
                    + value.getClass().getName());
        }
        return (GenericRecord) value;
    }

    @Override
    public void close() {
        decoder.close();
    }
}

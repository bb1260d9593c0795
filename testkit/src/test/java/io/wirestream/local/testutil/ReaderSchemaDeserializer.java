package io.wirestream.local.testutil;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;

/**
 * Reads Confluent-wire-format bytes the way an application built against an older or newer schema does: the
 * writer schema comes from the registry (by the id in the bytes), the reader schema is the application's own,
 * and Avro's schema resolution maps one onto the other.
 */
public final class ReaderSchemaDeserializer implements Deserializer<GenericRecord> {

    private final SchemaRegistryClient client;
    private final Schema readerSchema;

    public ReaderSchemaDeserializer(SchemaRegistryClient client, Schema readerSchema) {
        this.client = client;
        this.readerSchema = readerSchema;
    }

    @Override
    public GenericRecord deserialize(String topic, byte[] data) {
        Schema writer = client.getById(WireFormat.schemaId(data));
        try {
            return new GenericDatumReader<GenericRecord>(writer, readerSchema)
                    .read(null, DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null));
        } catch (IOException e) {
            throw new SerializationException("Cannot read " + writer.getFullName() + " as " + readerSchema, e);
        }
    }
}

package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaNotFoundException;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads Confluent-wire-format bytes: checks the header, fetches the writer schema by id, and decodes the payload,
 * resolving it against a reader schema (the generated class's schema for specific records) so that data written
 * with an older or newer schema reads into the current class.
 */
final class AvroRecordDecoder {

    private final RegistryConnection registry;
    private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private boolean isKey;

    private record ReaderKey(int writerId, Class<?> type) { }

    static {
        AvroClassTrust.trustGeneratedClasses();
    }

    AvroRecordDecoder(SchemaRegistryClient client) {
        this.registry = new RegistryConnection(client);
    }

    AvroSerdeConfig configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        return registry.configure(configs);
    }

    AvroSerdeConfig config() {
        return registry.config();
    }

    boolean isKey() {
        return isKey;
    }

    /**
     * Decodes {@code data}.
     *
     * @param specific read into generated classes (else GenericData.Record)
     * @param type the generated class to read into, or null to use the class named like the writer schema
     */
    Object decode(String topic, byte[] data, boolean specific, Class<?> type) {
        if (data == null) {
            return null;
        }
        int id = WireFormat.schemaId(data);
        Schema writer = writerSchema(topic, id);
        Class<?> readerType = specific ? readerClass(topic, id, writer, type) : null;
        try {
            DatumReader<Object> reader = readers.computeIfAbsent(new ReaderKey(id, readerType), key -> newReader(writer, key.type()));
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                    data.length - WireFormat.HEADER_SIZE, null);
            Object value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Could not deserialize " + writer.getFullName() + " on topic '" + topic
                        + "' (schema id " + id + "): bytes left over after the record; the payload does not match its schema");
            }
            if (value == null) {
                throw new SerializationException("Decoded null from " + data.length + " bytes on topic '" + topic
                        + "' (schema id " + id + ")");
            }
            return value;
        } catch (SerializationException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new SerializationException("Could not deserialize " + writer.getFullName() + " on topic '" + topic
                    + "' (schema id " + id + (readerType == null ? "" : ", reading into " + readerType.getName())
                    + ", " + data.length + " bytes): " + e, e);
        }
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return registry.client().getById(id);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("Unknown schema id " + id + " in a message on topic '" + topic
                    + "': the schema registry has no schema with this id (" + e.getMessage() + ")", e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not fetch schema id " + id + " for a message on topic '" + topic
                    + "': " + e.getMessage(), e);
        }
    }

    private static Class<?> readerClass(String topic, int id, Schema writer, Class<?> type) {
        if (type != null) {
            return type;
        }
        Class<?> found = SpecificData.get().getClass(writer);
        if (found == null || !SpecificRecord.class.isAssignableFrom(found)) {
            throw new SerializationException("No generated SpecificRecord class for " + writer.getFullName()
                    + " (schema id " + id + ", topic '" + topic + "') on the classpath; configure "
                    + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG + " / " + AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE_CONFIG
                    + " or use the generic deserializer");
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static DatumReader<Object> newReader(Schema writer, Class<?> type) {
        if (type == null) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        SpecificData model = SpecificData.getForClass(type);
        Schema readerSchema = model.getSchema(type);
        return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(writer, readerSchema, model);
    }

    void close() {
        registry.close();
    }
}

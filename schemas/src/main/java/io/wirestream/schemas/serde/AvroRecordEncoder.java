package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaNotFoundException;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryException;
import io.wirestream.schemas.registry.SubjectNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Writes a record in Confluent's wire format, registering or looking up its schema under the TopicNameStrategy subject. */
final class AvroRecordEncoder {

    private final RegistryConnection registry;
    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private boolean isKey;
    private boolean autoRegister = AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_DEFAULT;

    private record WriterKey(Schema schema, Class<?> type) { }

    static {
        AvroClassTrust.trustGeneratedClasses();
    }

    AvroRecordEncoder(SchemaRegistryClient client) {
        this.registry = new RegistryConnection(client);
    }

    void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = registry.configure(configs);
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
    }

    byte[] encode(String topic, IndexedRecord record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = TopicNameStrategy.subject(topic, isKey);
        int id = schemaId(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(id));
        try {
            // buffered: the direct encoder writes every varint byte through the (synchronised) stream; same bytes
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer(schema, record).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize " + schema.getFullName() + " for topic '" + topic
                    + "' (schema id " + id + "): " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String subject, Schema schema) {
        SchemaRegistryClient client = registry.client();
        try {
            return autoRegister ? client.register(subject, schema) : client.lookupId(subject, schema);
        } catch (SubjectNotFoundException | SchemaNotFoundException e) {
            throw new SerializationException("Schema of " + schema.getFullName() + " is not registered under subject '"
                    + subject + "' and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG
                    + "=false, so the serializer may not register it; register it first. " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not " + (autoRegister ? "register" : "look up") + " the schema of "
                    + schema.getFullName() + " under subject '" + subject + "': " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writer(Schema schema, IndexedRecord record) {
        Class<?> type = record instanceof SpecificRecord ? record.getClass() : null;
        return writers.computeIfAbsent(new WriterKey(schema, type), key -> key.type() != null
                ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, SpecificData.getForClass(key.type()))
                : new GenericDatumWriter<>(schema, GenericData.get()));
    }

    void close() {
        registry.close();
    }
}

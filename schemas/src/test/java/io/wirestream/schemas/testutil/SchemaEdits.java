package io.wirestream.schemas.testutil;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/** Derives edited versions of a record schema (a field added or removed) and converts records to them. */
public final class SchemaEdits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaEdits() {
    }

    /** {@code schema} with one more top-level field, given as JSON (e.g. {@code {"name":"x","type":"int"}}). */
    public static Schema withField(Schema schema, String fieldJson) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
            ((ArrayNode) root.get("fields")).add(JSON.readTree(fieldJson));
            return new Schema.Parser().parse(root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code schema} without the named top-level field. */
    public static Schema withoutField(Schema schema, String fieldName) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
            Iterator<com.fasterxml.jackson.databind.JsonNode> fields = root.get("fields").elements();
            while (fields.hasNext()) {
                if (fieldName.equals(fields.next().get("name").asText())) {
                    fields.remove();
                }
            }
            return new Schema.Parser().parse(root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated record as a generic record of {@code target} (Avro schema resolution; new fields take their defaults). */
    public static GenericRecord convert(SpecificRecordBase record, Schema target) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecordBase>(record.getSchema(),
                    org.apache.avro.specific.SpecificData.getForClass(record.getClass())).write(record, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(record.getSchema(), target, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.wirestream.enrich.topology;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Sets {@code clusterId} and {@code duplicateOf} in an EnrichedArticle already encoded (Confluent wire format)
 * without decoding and re-encoding it. They are the schema's last two fields, both {@code ["null", "string"]}, so in
 * Avro's binary encoding they are the record's last bytes: the enrich stage writes {@code (own story id, null)}
 * there, and the cluster stage swaps that tail for the assignment's. Decoding the story, copying it into a builder
 * and encoding it again cost about a tenth of the single cluster task's time for every story that joins a cluster.
 * Nothing is patched unless the schema ends with those two fields and the bytes end with the tail expected, so a
 * schema that moves them, or a record written otherwise, takes the slow way instead of being corrupted.
 */
final class ClusterFields {

    /** Whether {@link EnrichedArticle}'s schema ends with the two fields, as this class needs. */
    static final boolean PATCHABLE = endsWithClusterFields(EnrichedArticle.getClassSchema());

    private ClusterFields() {
    }

    /**
     * {@code encoded} with {@code clusterId} / {@code duplicateOf} set, where it now holds {@code (ownId, null)}:
     * {@code encoded} itself when that is what it holds already, else a patched copy; null when it does not end so
     * (or the schema does not allow patching): then decode and re-encode.
     */
    static byte[] assign(byte[] encoded, String ownId, String clusterId, String duplicateOf) {
        if (!PATCHABLE) {
            return null;
        }
        byte[] old = tail(ownId, null);
        int keep = encoded.length - old.length;
        if (keep < WireFormat.HEADER_SIZE || !Arrays.equals(encoded, keep, encoded.length, old, 0, old.length)) {
            return null;
        }
        byte[] fresh = tail(clusterId, duplicateOf);
        if (Arrays.equals(fresh, old)) {
            return encoded;
        }
        byte[] out = Arrays.copyOf(encoded, keep + fresh.length);
        System.arraycopy(fresh, 0, out, keep, fresh.length);
        return out;
    }

    /** The Avro binary encoding of the two fields. */
    static byte[] tail(String clusterId, String duplicateOf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writeOptional(encoder, clusterId);
            writeOptional(encoder, duplicateOf);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static void writeOptional(BinaryEncoder encoder, String value) throws IOException {
        if (value == null) {
            encoder.writeIndex(0);
        } else {
            encoder.writeIndex(1);
            encoder.writeString(value);
        }
    }

    static boolean endsWithClusterFields(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        int n = fields.size();
        return n >= 2 && isOptionalString(fields.get(n - 2), "clusterId") && isOptionalString(fields.get(n - 1), "duplicateOf");
    }

    private static boolean isOptionalString(Schema.Field field, String name) {
        Schema type = field.schema();
        return field.name().equals(name) && type.getType() == Schema.Type.UNION && type.getTypes().size() == 2
            && type.getTypes().get(0).getType() == Schema.Type.NULL && type.getTypes().get(1).getType() == Schema.Type.STRING;
    }
}

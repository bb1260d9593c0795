package io.wirestream.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: one magic byte {@code 0x00}, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the value (no container header).
 */
public final class WireFormat {

    /** The only magic byte there is. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Bytes before the Avro payload: magic byte + schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The 5 header bytes for a schema id. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** Header followed by {@code avroPayload}. */
    public static byte[] encode(int schemaId, byte[] avroPayload) {
        return ByteBuffer.allocate(HEADER_SIZE + avroPayload.length).put(MAGIC_BYTE).putInt(schemaId).put(avroPayload).array();
    }

    /**
     * The schema id of a framed message.
     *
     * @throws SerializationException when the bytes are shorter than the header or do not start with the magic byte
     */
    public static int schemaId(byte[] data) {
        if (data == null) {
            throw new SerializationException("No data: cannot read a schema id from null bytes");
        }
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("Truncated data: " + data.length + " byte(s), but Confluent wire format needs "
                    + HEADER_SIZE + " header bytes (magic byte 0x00 + 4-byte schema id) before the Avro payload");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x (expected 0x00): the data is not in "
                    + "Confluent's Avro wire format (first bytes: %s)", data[0] & 0xff, hexPrefix(data, 8)));
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    /** The Avro payload of a framed message (no copy), after checking the header. */
    public static ByteBuffer payload(byte[] data) {
        schemaId(data);
        return ByteBuffer.wrap(data, HEADER_SIZE, data.length - HEADER_SIZE).slice();
    }

    static String hexPrefix(byte[] data, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, data.length); i++) {
            sb.append(String.format("%02x", data[i] & 0xff));
        }
        if (data.length > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}

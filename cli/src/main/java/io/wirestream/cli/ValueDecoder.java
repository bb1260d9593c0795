package io.wirestream.cli;

import io.wirestream.schemas.registry.SchemaNotFoundException;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryException;
import io.wirestream.schemas.serde.AvroSerdeConfig;
import io.wirestream.schemas.serde.GenericAvroDeserializer;
import io.wirestream.schemas.serde.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes whatever bytes a topic holds, never failing: Confluent-framed Avro when the bytes are framed with a schema
 * id the registry knows (into the generated classes for the pipeline's own schemas), else UTF-8 text when they are
 * readable text, else raw bytes. Dead letter queues hold the original bytes of records that failed, so any of the
 * three can turn up there.
 */
final class ValueDecoder implements AutoCloseable {

    /** What the bytes turned out to be. */
    sealed interface Decoded {
    }

    /** No value (a tombstone). */
    record Null() implements Decoded {
    }

    /** Confluent-framed Avro: a generated class such as {@code EnrichedArticle}, or a {@link GenericRecord}. */
    record Avro(GenericRecord record, int schemaId) implements Decoded {
    }

    /** Valid UTF-8 without control characters other than tab and line breaks. */
    record Text(String text) implements Decoded {
    }

    /** Anything else. */
    record Binary(byte[] bytes) implements Decoded {
    }

    /** Bytes shown in hex before the rest is cut off. */
    static final int HEX_LIMIT = 256;

    private final GenericAvroDeserializer specific;
    private final GenericAvroDeserializer generic;
    private final Consumer<String> warn;
    private final Set<Integer> unusableSchemaIds = new HashSet<>();

    /**
     * @param registry the registry to look schema ids up in (not closed here), or null to never decode Avro
     * @param warn told once per schema id that cannot be fetched (registry down, unknown id)
     */
    ValueDecoder(SchemaRegistryClient registry, Consumer<String> warn) {
        this.warn = warn;
        if (registry == null) {
            specific = null;
            generic = null;
            return;
        }
        specific = new GenericAvroDeserializer(registry);
        specific.configure(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true), false);
        generic = new GenericAvroDeserializer(registry);
        generic.configure(Map.of(), false);
    }

    /** What {@code data} read from {@code topic} is. Never throws. */
    Decoded decode(String topic, byte[] data) {
        if (data == null) {
            return new Null();
        }
        Avro avro = avro(topic, data);
        if (avro != null) {
            return avro;
        }
        String text = text(data);
        return text != null ? new Text(text) : new Binary(data);
    }

    private Avro avro(String topic, byte[] data) {
        if (specific == null || data.length < WireFormat.HEADER_SIZE || data[0] != WireFormat.MAGIC_BYTE) {
            return null;
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        if (id < 0 || unusableSchemaIds.contains(id)) {
            return null;
        }
        try {
            return new Avro(specific.deserialize(topic, data), id);
        } catch (RuntimeException specificFailed) {
            if (registryFailure(specificFailed)) {
                unusableSchemaIds.add(id);
                warn.accept(unknownSchema(specificFailed)
                    ? "schema id " + id + " is not in the schema registry; showing such values as text or bytes"
                    : "cannot fetch schema id " + id + " (" + FailureHandler.describe(specificFailed)
                        + "); showing such values as text or bytes");
                return null;
            }
            try {
                // a schema with no generated class on the classpath, or one the class cannot read
                return new Avro(generic.deserialize(topic, data), id);
            } catch (RuntimeException | StackOverflowError notAvro) {
                return null; // framed-looking bytes that are not Avro of that schema: text or bytes
            }
        } catch (StackOverflowError e) {
            return null;
        }
    }

    private static boolean unknownSchema(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private static boolean registryFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }

    /** The bytes as a string when they are valid UTF-8 without control characters (bar tab, CR, LF); else null. */
    static String text(byte[] data) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return null;
            }
        }
        return s;
    }

    /** Lower-case hex of the first {@link #HEX_LIMIT} bytes, then {@code ... (N bytes)} when there are more. */
    static String hex(byte[] data) {
        String hex = HexFormat.of().formatHex(data, 0, Math.min(HEX_LIMIT, data.length));
        return data.length > HEX_LIMIT ? hex + "... (" + data.length + " bytes)" : hex;
    }

    /** Text if {@link #text} accepts the bytes, else {@link #hex}; {@code null} for null. */
    static String textOrHex(byte[] data) {
        if (data == null) {
            return null;
        }
        String text = text(data);
        return text != null ? text : hex(data);
    }

    @Override
    public void close() {
        if (specific != null) {
            specific.close();
            generic.close();
        }
    }
}

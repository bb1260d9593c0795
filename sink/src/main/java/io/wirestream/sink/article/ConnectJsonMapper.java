package io.wirestream.sink.article;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;

/**
 * Turns a Connect value into plain JSON: structs and maps into objects (fields in schema order), arrays into arrays,
 * {@code Timestamp} into ISO-8601 instants ({@code 2018-08-01T03:00:00Z}), {@code Date} into {@code yyyy-MM-dd},
 * {@code Time} into {@code HH:mm:ss.SSS}, decimals into numbers, bytes into base64. Deterministic: the same value
 * always gives the same JSON.
 *
 * <p>Streams to a {@link JsonGenerator} rather than building a Jackson tree (a node and a map entry per value were most
 * of the sink's allocation). The text is what {@code JsonNode.toString()} gave for the tree of the same value, byte for
 * byte: the same generator calls on a default, character-based generator ({@code ConnectJsonMapperTest} pins it).
 */
public final class ConnectJsonMapper {

    /** Default features, as {@code JsonNode.toString()} writes. */
    static final JsonFactory JSON = new JsonFactory();

    private ConnectJsonMapper() {
    }

    /** The JSON text of the value. */
    public static String toJsonString(Schema schema, Object value) {
        return writeString(g -> write(g, schema, value));
    }

    /** What {@code body} writes, as a string (what {@code ObjectMapper.writeValueAsString} does, without a mapper). */
    public static String writeString(Body body) {
        BufferRecycler recycler = JSON._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                body.write(g);
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string writer does not fail
        } finally {
            recycler.releaseToPool();
        }
    }

    /** Writes JSON to a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes the value as one JSON value. */
    public static void write(JsonGenerator g, Schema schema, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        if (schema != null && schema.name() != null) {
            switch (schema.name()) {
                case Timestamp.LOGICAL_NAME -> {
                    g.writeString(Instant.ofEpochMilli(((java.util.Date) value).getTime()).toString());
                    return;
                }
                case Date.LOGICAL_NAME -> {
                    g.writeString(LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC).toString());
                    return;
                }
                case Time.LOGICAL_NAME -> {
                    g.writeString(LocalTime.ofNanoOfDay(((java.util.Date) value).getTime() * 1_000_000L).toString());
                    return;
                }
                case Decimal.LOGICAL_NAME -> {
                    g.writeNumber((BigDecimal) value);
                    return;
                }
                default -> { }
            }
        }
        if (value instanceof Struct struct) {
            g.writeStartObject();
            for (Field f : struct.schema().fields()) {
                g.writeFieldName(f.name());
                write(g, f.schema(), struct.get(f));
            }
            g.writeEndObject();
        } else if (value instanceof Map<?, ?> map) {
            writeMap(g, schema == null ? null : schema.valueSchema(), map);
        } else if (value instanceof Collection<?> items) {
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            g.writeStartArray();
            for (Object item : items) {
                write(g, valueSchema, item);
            }
            g.writeEndArray();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof byte[] bytes) {
            g.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer buffer) {
            ByteBuffer dup = buffer.duplicate();
            byte[] bytes = new byte[dup.remaining()];
            dup.get(bytes);
            g.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof java.util.Date d) {
            g.writeString(Instant.ofEpochMilli(d.getTime()).toString());
        } else {
            g.writeString(value.toString());
        }
    }

    /**
     * A map as an object with its keys (as strings) sorted. Keys equal as strings (possible only for non-string keys)
     * give one property, at the place of the first with the value of the last, as an object node's {@code set} did.
     */
    private static void writeMap(JsonGenerator g, Schema valueSchema, Map<?, ?> map) throws IOException {
        @SuppressWarnings("unchecked")
        Map.Entry<String, Object>[] entries = new Map.Entry[map.size()];
        int n = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            entries[n++] = new AbstractMap.SimpleImmutableEntry<>(String.valueOf(e.getKey()), e.getValue());
        }
        Arrays.sort(entries, 0, n, Map.Entry.comparingByKey()); // stable, like the sorted stream before
        g.writeStartObject();
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && entries[i + 1].getKey().equals(entries[i].getKey())) {
                continue;
            }
            g.writeFieldName(entries[i].getKey());
            write(g, valueSchema, entries[i].getValue());
        }
        g.writeEndObject();
    }
}

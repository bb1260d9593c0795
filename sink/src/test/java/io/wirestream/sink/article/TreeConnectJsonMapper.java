package io.wirestream.sink.article;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The first, tree-building {@link ConnectJsonMapper} (a Jackson {@link JsonNode} per value), kept as the oracle that the
 * streaming one must match byte for byte ({@code ConnectJsonMapperTest}).
 *
 * <p>Turns a Connect value into plain JSON: structs and maps into objects (fields in schema order), arrays into arrays,
 * {@code Timestamp} into ISO-8601 instants ({@code 2018-08-01T03:00:00Z}), {@code Date} into {@code yyyy-MM-dd},
 * {@code Time} into {@code HH:mm:ss.SSS}, decimals into numbers, bytes into base64. Deterministic: the same value
 * always gives the same JSON.
 */
final class TreeConnectJsonMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private TreeConnectJsonMapper() {
    }

    static JsonNode toJson(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (schema != null && schema.name() != null) {
            switch (schema.name()) {
                case Timestamp.LOGICAL_NAME -> {
                    return NODES.textNode(Instant.ofEpochMilli(((java.util.Date) value).getTime()).toString());
                }
                case Date.LOGICAL_NAME -> {
                    return NODES.textNode(LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC).toString());
                }
                case Time.LOGICAL_NAME -> {
                    return NODES.textNode(LocalTime.ofNanoOfDay(((java.util.Date) value).getTime() * 1_000_000L).toString());
                }
                case Decimal.LOGICAL_NAME -> {
                    return NODES.numberNode((BigDecimal) value);
                }
                default -> { }
            }
        }
        if (value instanceof Struct struct) {
            ObjectNode node = NODES.objectNode();
            for (Field f : struct.schema().fields()) {
                node.set(f.name(), toJson(f.schema(), struct.get(f)));
            }
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            map.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey((a, b) -> String.valueOf(a).compareTo(String.valueOf(b))))
                    .forEach(e -> node.set(String.valueOf(e.getKey()), toJson(valueSchema, e.getValue())));
            return node;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode node = NODES.arrayNode();
            Schema valueSchema = schema == null ? null : schema.valueSchema();
            for (Object item : items) {
                node.add(toJson(valueSchema, item));
            }
            return node;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer dup = buffer.duplicate();
            byte[] bytes = new byte[dup.remaining()];
            dup.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof java.util.Date d) {
            return NODES.textNode(Instant.ofEpochMilli(d.getTime()).toString());
        }
        return NODES.textNode(value.toString());
    }
}

package io.wirestream.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * How {@code wirestream tail} prints one record of raw bytes: stories and raw articles readably, other Avro as
 * {@code key: {json}}, text as {@code key: text}, other bytes as {@code key: hex (N bytes)}, and the error headers of
 * a dead letter queue record ({@code __streams.errors.*}, {@code __connect.errors.*}) on indented lines underneath.
 * Never throws for a record's content.
 */
final class TailRenderer {

    /** Header name prefixes of Kafka Streams' and Kafka Connect's dead letter queue records. */
    static final List<String> ERROR_HEADER_PREFIXES = List.of("__streams.errors.", "__connect.errors.");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ValueDecoder values;
    private final boolean json;
    private final boolean stackTraces;

    /**
     * @param json one JSON object per record instead of text
     * @param stackTraces also print error headers holding a stack trace (text mode; JSON always has them)
     */
    TailRenderer(ValueDecoder values, boolean json, boolean stackTraces) {
        this.values = values;
        this.json = json;
        this.stackTraces = stackTraces;
    }

    static boolean isErrorHeader(String name) {
        return ERROR_HEADER_PREFIXES.stream().anyMatch(name::startsWith);
    }

    static boolean hasErrorHeaders(ConsumerRecord<?, ?> record) {
        return StreamSupport.stream(record.headers().spliterator(), false).anyMatch(h -> isErrorHeader(h.key()));
    }

    String render(ConsumerRecord<byte[], byte[]> record) {
        ValueDecoder.Decoded value = values.decode(record.topic(), record.value());
        try {
            return json ? json(record, value) : text(record, value);
        } catch (RuntimeException | StackOverflowError e) {
            // a record that decodes but cannot be shown (e.g. a story missing fields): its bytes, never a stop
            ValueDecoder.Decoded bytes = record.value() == null ? new ValueDecoder.Null() : new ValueDecoder.Binary(record.value());
            try {
                return json ? json(record, bytes) : text(record, bytes);
            } catch (RuntimeException again) {
                return key(record) + ": (cannot show this record: " + e + ")";
            }
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return String.valueOf(ValueDecoder.textOrHex(record.key()));
    }

    private String text(ConsumerRecord<byte[], byte[]> record, ValueDecoder.Decoded value) {
        String line;
        if (value instanceof ValueDecoder.Avro avro && avro.record() instanceof EnrichedArticle story) {
            line = StoryFormatter.format(story);
        } else if (value instanceof ValueDecoder.Avro avro && avro.record() instanceof RawArticle raw) {
            line = StoryFormatter.headlineLine(raw);
        } else if (value instanceof ValueDecoder.Avro avro) {
            line = key(record) + ": " + avro.record();
        } else if (value instanceof ValueDecoder.Text t) {
            line = key(record) + ": " + t.text();
        } else if (value instanceof ValueDecoder.Binary b) {
            line = key(record) + ": " + ValueDecoder.hex(b.bytes())
                + (b.bytes().length > ValueDecoder.HEX_LIMIT ? "" : " (" + b.bytes().length + " bytes)");
        } else {
            line = key(record) + ": deleted (tombstone)";
        }
        StringBuilder out = new StringBuilder(line.endsWith("\n") ? line.substring(0, line.length() - 1) : line);
        for (Header h : record.headers()) {
            if (!isErrorHeader(h.key()) || (!stackTraces && h.key().endsWith("stacktrace"))) {
                continue;
            }
            String headerValue = h.value() == null ? "(none)" : ValueDecoder.textOrHex(h.value()).strip();
            out.append("\n    ").append(h.key()).append(": ").append(headerValue.replaceAll("\\R\\s*", "\n      "));
        }
        return out.toString();
    }

    private String json(ConsumerRecord<byte[], byte[]> record, ValueDecoder.Decoded value) {
        boolean errors = hasErrorHeaders(record);
        if (value instanceof ValueDecoder.Avro avro && !errors) {
            return avro.record().toString(); // the Avro record as JSON, as ever
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("key", record.key() == null ? null : ValueDecoder.textOrHex(record.key()));
        doc.put("topic", record.topic());
        doc.put("partition", record.partition());
        doc.put("offset", record.offset());
        if (value instanceof ValueDecoder.Avro avro) {
            doc.set("value", avroJson(avro));
        } else if (value instanceof ValueDecoder.Text t) {
            doc.put("text", t.text());
        } else if (value instanceof ValueDecoder.Binary b) {
            doc.put("base64", Base64.getEncoder().encodeToString(b.bytes()));
        } else {
            doc.putNull("value");
        }
        if (record.headers().iterator().hasNext()) {
            ObjectNode headers = doc.putObject("headers");
            for (Header h : record.headers()) {
                if (h.value() == null) {
                    headers.putNull(h.key());
                } else {
                    String text = ValueDecoder.text(h.value());
                    headers.put(h.key(), text != null ? text : "base64:" + Base64.getEncoder().encodeToString(h.value()));
                }
            }
        }
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode avroJson(ValueDecoder.Avro avro) {
        String rendered = avro.record().toString();
        try {
            return JSON.readTree(rendered);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(rendered);
        }
    }
}

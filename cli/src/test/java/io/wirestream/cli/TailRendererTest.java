package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.GenericAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How tail prints records of any bytes, dead letter queue records with their error headers included. */
class TailRendererTest {

    static final Schema NOTE = SchemaBuilder.record("Note").namespace("test.tail").fields().requiredString("text").endRecord();

    final String scope = "mock://tail-renderer-" + UUID.randomUUID();
    final SchemaRegistryClient registry = SchemaRegistryClients.create(scope);
    final ValueDecoder values = new ValueDecoder(registry, w -> { });

    @AfterEach
    void tearDown() {
        values.close();
        SchemaRegistryClients.dropMockScope(scope);
    }

    static ConsumerRecord<byte[], byte[]> record(String key, byte[] value, String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1] == null ? null : headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>("news.dlq", 0, 42L, 0L, TimestampType.CREATE_TIME, -1, -1,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, h, Optional.empty());
    }

    static final String[] STREAMS_ERRORS = {
        "origin", "ingest",
        "__streams.errors.exception", "org.apache.kafka.common.errors.SerializationException",
        "__streams.errors.message", "Unknown magic byte 0x7b",
        "__streams.errors.stacktrace", "org.apache.kafka.common.errors.SerializationException: Unknown magic byte 0x7b\n\tat a.b.C.d(C.java:1)",
        "__streams.errors.topic", "news.raw",
        "__streams.errors.offset", "7"};

    private byte[] framedNote(String text) {
        GenericRecord note = new GenericData.Record(NOTE);
        note.put("text", text);
        try (GenericAvroSerializer serializer = new GenericAvroSerializer(registry)) {
            serializer.configure(Map.of(), false);
            return serializer.serialize("news.test", note);
        }
    }

    @Test
    void aDeadLetterRecordOfTextPrintsTheTextAndItsErrorHeadersButNotTheStackTrace() {
        String out = new TailRenderer(values, false, false)
            .render(record("story-1", "{\"headline\": 1}".getBytes(StandardCharsets.UTF_8), STREAMS_ERRORS));
        assertThat(out).isEqualTo("""
            story-1: {"headline": 1}
                __streams.errors.exception: org.apache.kafka.common.errors.SerializationException
                __streams.errors.message: Unknown magic byte 0x7b
                __streams.errors.topic: news.raw
                __streams.errors.offset: 7""");
    }

    @Test
    void verboseAddsTheStackTraceIndented() {
        String out = new TailRenderer(values, false, true)
            .render(record("story-1", "x".getBytes(StandardCharsets.UTF_8), STREAMS_ERRORS));
        assertThat(out).contains("""
                __streams.errors.stacktrace: org.apache.kafka.common.errors.SerializationException: Unknown magic byte 0x7b
                  at a.b.C.d(C.java:1)
            """);
    }

    @Test
    void connectErrorHeadersAndBinaryValuesPrintToo() {
        String out = new TailRenderer(values, false, false).render(record(null, new byte[] {(byte) 0xff, 0},
            "__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException",
            "__connect.errors.exception.message", null));
        assertThat(out).isEqualTo("""
            null: ff00 (2 bytes)
                __connect.errors.exception.class.name: org.apache.kafka.connect.errors.DataException
                __connect.errors.exception.message: (none)""");
    }

    @Test
    void avroRecordsPrintAsBeforeAndTombstonesAsDeleted() {
        TailRenderer text = new TailRenderer(values, false, false);
        assertThat(text.render(record("k", framedNote("hi")))).isEqualTo("k: {\"text\": \"hi\"}");
        assertThat(text.render(record("k", null))).isEqualTo("k: deleted (tombstone)");
        assertThat(new TailRenderer(values, true, false).render(record("k", framedNote("hi")))).isEqualTo("{\"text\": \"hi\"}");
    }

    @Test
    void jsonOfANonAvroRecordHasTheTextOrBase64AndTheHeaders() throws Exception {
        TailRenderer json = new TailRenderer(values, true, false);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode text = mapper.readTree(json.render(record("story-1", "not avro".getBytes(StandardCharsets.UTF_8), STREAMS_ERRORS)));
        assertThat(text.get("key").asText()).isEqualTo("story-1");
        assertThat(text.get("offset").asLong()).isEqualTo(42);
        assertThat(text.get("text").asText()).isEqualTo("not avro");
        assertThat(text.get("headers").get("__streams.errors.exception").asText())
            .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(text.get("headers").get("__streams.errors.stacktrace").asText()).contains("at a.b.C.d");
        assertThat(text.get("headers").get("origin").asText()).isEqualTo("ingest");

        JsonNode binary = mapper.readTree(json.render(record("k", new byte[] {(byte) 0xff, 0})));
        assertThat(Base64.getDecoder().decode(binary.get("base64").asText())).containsExactly((byte) 0xff, 0);
        assertThat(binary.has("headers")).isFalse();

        JsonNode avroWithErrors = mapper.readTree(json.render(record("k", framedNote("hi"), STREAMS_ERRORS)));
        assertThat(avroWithErrors.get("value").get("text").asText()).isEqualTo("hi");
        assertThat(avroWithErrors.get("headers").get("__streams.errors.message").asText()).isEqualTo("Unknown magic byte 0x7b");

        JsonNode tombstone = mapper.readTree(json.render(record("k\"1", null)));
        assertThat(tombstone.get("key").asText()).isEqualTo("k\"1");
        assertThat(tombstone.get("value").isNull()).isTrue();
    }
}

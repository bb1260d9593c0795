package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.GenericAvroSerializer;
import io.wirestream.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What tail makes of a topic's bytes: framed Avro the registry knows, else text, else bytes; never an exception. */
class ValueDecoderTest {

    static final Schema NOTE = SchemaBuilder.record("Note").namespace("test.tail").fields()
        .requiredString("text").requiredInt("n").endRecord();

    String scope;
    SchemaRegistryClient registry;
    List<String> warnings = new ArrayList<>();
    ValueDecoder decoder;

    @BeforeEach
    void setUp() {
        scope = "mock://value-decoder-" + UUID.randomUUID();
        registry = SchemaRegistryClients.create(scope);
        decoder = new ValueDecoder(registry, warnings::add);
    }

    @AfterEach
    void tearDown() {
        decoder.close();
        SchemaRegistryClients.dropMockScope(scope);
    }

    private byte[] framed(GenericRecord record) {
        try (GenericAvroSerializer serializer = new GenericAvroSerializer(registry)) {
            serializer.configure(Map.of(), false);
            return serializer.serialize("news.test", record);
        }
    }

    @Test
    void framedAvroOfAKnownSchemaDecodesToTheRecord() {
        GenericRecord note = new GenericData.Record(NOTE);
        note.put("text", "hello");
        note.put("n", 7);
        ValueDecoder.Decoded decoded = decoder.decode("news.dlq", framed(note));
        assertThat(decoded).isInstanceOf(ValueDecoder.Avro.class);
        GenericRecord back = ((ValueDecoder.Avro) decoded).record();
        assertThat(back.get("text").toString()).isEqualTo("hello");
        assertThat(back.get("n")).isEqualTo(7);
        assertThat(warnings).isEmpty();
    }

    @Test
    void thePipelinesOwnSchemasDecodeToTheirGeneratedClasses() {
        RawArticle raw = RawArticle.newBuilder().setStoryId("s-1").setVersion(1).setSource("test").setFormat("plain-text")
            .setPubStatus(PubStatus.USABLE).setReceived(Instant.parse("2018-08-01T03:00:00Z"))
            .setVersionCreated(Instant.parse("2018-07-31T18:00:00Z")).setHeadline("Headline").setBody("Body")
            .setLanguage("en").setSubjects(List.of()).setContentHash("00").setAttributes(Map.of()).build();
        ValueDecoder.Decoded decoded = decoder.decode("news.raw", framed(raw));
        assertThat(((ValueDecoder.Avro) decoded).record()).isInstanceOf(RawArticle.class).isEqualTo(raw);
    }

    @Test
    void utf8TextThatIsNotAvroIsText() {
        String json = "{\"headline\": \"Grüße aus Köln\"}\n";
        assertThat(decoder.decode("news.dlq", json.getBytes(StandardCharsets.UTF_8)))
            .isEqualTo(new ValueDecoder.Text(json));
        assertThat(decoder.decode("news.dlq", new byte[0])).isEqualTo(new ValueDecoder.Text(""));
    }

    @Test
    void invalidUtf8OrControlCharactersAreBinary() {
        byte[] invalid = {(byte) 0xc3, 0x28, 0x07};
        assertThat(decoder.decode("news.dlq", invalid)).isInstanceOf(ValueDecoder.Binary.class);
        assertThat(decoder.decode("news.dlq", "bell\u0007".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ValueDecoder.Binary.class);
        assertThat(ValueDecoder.text("tab\tand\r\nnewline".getBytes(StandardCharsets.UTF_8))).isEqualTo("tab\tand\r\nnewline");
    }

    @Test
    void framedBytesWithASchemaIdTheRegistryDoesNotKnowAreBinaryWithOneWarning() {
        byte[] unknownId = WireFormat.encode(4242, new byte[] {2, 'h', 'i'});
        assertThat(decoder.decode("news.dlq", unknownId)).isInstanceOf(ValueDecoder.Binary.class);
        assertThat(decoder.decode("news.dlq", unknownId)).isInstanceOf(ValueDecoder.Binary.class);
        assertThat(warnings).containsExactly("schema id 4242 is not in the schema registry; showing such values as text or bytes");
    }

    @Test
    void framedBytesThatDoNotMatchTheirSchemaAreBinaryNotAnException() {
        GenericRecord note = new GenericData.Record(NOTE);
        note.put("text", "hello");
        note.put("n", 7);
        byte[] good = framed(note);
        byte[] truncated = java.util.Arrays.copyOf(good, WireFormat.HEADER_SIZE + 2);
        assertThat(decoder.decode("news.dlq", truncated)).isInstanceOf(ValueDecoder.Binary.class);
        byte[] tooLong = java.util.Arrays.copyOf(good, good.length + 3);
        assertThat(decoder.decode("news.dlq", tooLong)).isInstanceOf(ValueDecoder.Binary.class);
        assertThat(decoder.decode("news.dlq", new byte[] {0, 0, 0})).isInstanceOf(ValueDecoder.Binary.class);
    }

    @Test
    void withoutARegistryFramedBytesAreBytes() {
        ValueDecoder noRegistry = new ValueDecoder(null, warnings::add);
        assertThat(noRegistry.decode("t", WireFormat.encode(1, new byte[] {2, 'h', 'i'}))).isInstanceOf(ValueDecoder.Binary.class);
        assertThat(noRegistry.decode("t", null)).isInstanceOf(ValueDecoder.Null.class);
    }

    @Test
    void hexIsBoundedToTheFirst256BytesThenSaysHowManyThereWere() {
        assertThat(ValueDecoder.hex(new byte[] {0, 1, (byte) 0xab, (byte) 0xff})).isEqualTo("0001abff");
        byte[] big = new byte[1000];
        String hex = ValueDecoder.hex(big);
        assertThat(hex).hasSize(2 * ValueDecoder.HEX_LIMIT + "... (1000 bytes)".length()).endsWith("00... (1000 bytes)");
        assertThat(ValueDecoder.textOrHex("key-1".getBytes(StandardCharsets.UTF_8))).isEqualTo("key-1");
        assertThat(ValueDecoder.textOrHex(new byte[] {(byte) 0xff})).isEqualTo("ff");
        assertThat(ValueDecoder.textOrHex(null)).isNull();
    }
}

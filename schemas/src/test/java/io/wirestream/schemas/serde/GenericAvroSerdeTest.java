package io.wirestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.testutil.SampleArticles;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GenericAvroSerdeTest {

    private static final Schema EVENT = SchemaBuilder.record("Event").namespace("io.wirestream.test").fields()
            .requiredString("id").optionalLong("at").name("tags").type().array().items().stringType().noDefault()
            .endRecord();

    private String url;
    private GenericAvroSerde serde;

    @BeforeEach
    void setUp() {
        url = "mock://" + getClass().getSimpleName() + "-" + UUID.randomUUID();
        serde = AvroSerdes.generic(url, false);
    }

    @AfterEach
    void tearDown() {
        serde.close();
        SchemaRegistryClients.dropMockScope(url);
    }

    @Test
    void genericRecordRoundTripsWithTheWriterSchema() {
        GenericData.Record event = new GenericData.Record(EVENT);
        event.put("id", "e-1");
        event.put("at", 1_700_000_000_000L);
        event.put("tags", java.util.List.of("a", "b"));

        GenericRecord back = serde.deserializer().deserialize("events", serde.serializer().serialize("events", event));

        assertThat(back.getSchema()).isEqualTo(EVENT);
        assertThat(back.get("id").toString()).isEqualTo("e-1");
        assertThat(back.get("at")).isEqualTo(1_700_000_000_000L);
        assertThat(back.get("tags").toString()).isEqualTo("[a, b]");
        assertThat(GenericData.get().compare(back, event, EVENT)).isZero();
    }

    @Test
    void generatedRecordsAreReadGenericallyByDefault() {
        byte[] bytes = serde.serializer().serialize("news.raw", SampleArticles.raw("s-1", 1));

        GenericRecord back = serde.deserializer().deserialize("news.raw", bytes);

        assertThat(back).isInstanceOf(GenericData.Record.class);
        assertThat(back.get("storyId").toString()).isEqualTo("s-1");
    }

    @Test
    void specificAvroReaderReturnsTheGeneratedClass() {
        RawArticle article = SampleArticles.raw("s-2", 1);
        byte[] bytes = serde.serializer().serialize("news.raw", article);
        GenericAvroDeserializer specific = new GenericAvroDeserializer();
        specific.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url,
                AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true), false);

        assertThat(specific.deserialize("news.raw", bytes)).isEqualTo(article);
    }

    @Test
    void unknownIdIsAClearSerializationException() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("events", WireFormat.encode(4711, new byte[] {0})))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 4711")
                .hasMessageContaining("'events'");
    }

    @Test
    void badMagicByteIsAClearSerializationException() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("events", new byte[] {1, 0, 0, 0, 1, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x01");
    }

    @Test
    void nullStaysNull() {
        assertThat(serde.serializer().serialize("events", null)).isNull();
        assertThat(serde.deserializer().deserialize("events", null)).isNull();
    }
}

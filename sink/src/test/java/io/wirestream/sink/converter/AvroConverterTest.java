package io.wirestream.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.SpecificAvroDeserializer;
import io.wirestream.schemas.serde.SpecificAvroSerializer;
import io.wirestream.sink.testutil.Articles;

class AvroConverterTest {

    private final String scope = "avro-converter-" + UUID.randomUUID();
    private final String url = "mock://" + scope;
    private final AvroConverter converter = new AvroConverter();
    private final SpecificAvroSerializer<EnrichedArticle> serializer = new SpecificAvroSerializer<>();
    private final SpecificAvroDeserializer<EnrichedArticle> deserializer = new SpecificAvroDeserializer<>();

    @BeforeEach
    void configure() {
        converter.configure(Map.of("schema.registry.url", url), false);
        serializer.configure(Map.of("schema.registry.url", url), false);
        deserializer.configure(Map.of("schema.registry.url", url, "specific.avro.reader", true,
                "specific.avro.value.type", EnrichedArticle.class.getName()), false);
    }

    @AfterEach
    void close() throws Exception {
        converter.close();
        serializer.close();
        deserializer.close();
        SchemaRegistryClients.dropMockScope(scope);
    }

    private EnrichedArticle roundTrip(EnrichedArticle article) {
        byte[] bytes = serializer.serialize("news.enriched", article);
        SchemaAndValue connect = converter.toConnectData("news.enriched", bytes);
        byte[] back = converter.fromConnectData("news.enriched", connect.schema(), connect.value());
        return deserializer.deserialize("news.enriched", back);
    }

    @Test
    void enrichedArticleWithAllNestedRecordsRoundTrips() {
        EnrichedArticle article = Articles.seed("story-1", 2);

        assertThat(roundTrip(article)).isEqualTo(article);
    }

    @Test
    void readsNestedValuesIntoStructs() {
        byte[] bytes = serializer.serialize("news.enriched", Articles.seed("story-1", 1));

        SchemaAndValue connect = converter.toConnectData("news.enriched", bytes);

        Struct value = (Struct) connect.value();
        assertThat(value.getStruct("article").getString("storyId")).isEqualTo("story-1");
        assertThat(value.getStruct("article").getString("pubStatus")).isEqualTo("USABLE");
        assertThat(value.getStruct("article").get("received")).isEqualTo(java.util.Date.from(java.time.Instant.parse("2018-08-01T03:00:01Z")));
        List<?> entities = value.getArray("entities");
        assertThat(entities).hasSize(3);
        assertThat(((Struct) entities.get(1)).getArray("roles")).containsExactly("Defense Minister");
        assertThat(((Struct) value.getArray("topics").get(0)).getString("iptc")).isEqualTo("medtop:20000150");
    }

    @Test
    void emptyArraysNullOptionalsAndUnicodeRoundTrip() {
        EnrichedArticle article = Articles.enriched("ストーリー-🚀", 1, PubStatus.WITHHELD, null,
                "Русский текст, 日本語のテキスト, emoji 🛰️ and a NUL-free \u2028 line separator");
        RawArticle raw = RawArticle.newBuilder(article.getArticle()).setUrgency(null).setVersionCreated(null)
                .setByline(null).setLanguage(null).setSubjects(List.of()).setAttributes(Map.of()).build();
        EnrichedArticle edge = EnrichedArticle.newBuilder(article).setArticle(raw).setEntities(List.of())
                .setTopics(List.of()).setAmounts(List.of()).setDates(List.of()).build();

        assertThat(roundTrip(edge)).isEqualTo(edge);
    }

    @Test
    void bytesNotInTheWireFormatAreADataException() {
        assertThatThrownBy(() -> converter.toConnectData("news.enriched", "{\"not\":\"avro\"}".getBytes()))
                .isInstanceOf(DataException.class).hasMessageContaining("wire format");
    }

    @Test
    void anUnknownSchemaIdIsADataException() {
        assertThatThrownBy(() -> converter.toConnectData("news.enriched", new byte[] {0, 0, 0, 0x7f, 0x7f, 2}))
                .isInstanceOf(DataException.class).hasMessageContaining("schema id");
    }

    @Test
    void truncatedAvroIsADataException() {
        byte[] bytes = serializer.serialize("news.enriched", Articles.seed("story-1", 1));

        assertThatThrownBy(() -> converter.toConnectData("news.enriched", java.util.Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(DataException.class);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(converter.toConnectData("news.enriched", null)).isEqualTo(SchemaAndValue.NULL);
        assertThat(converter.fromConnectData("news.enriched", null, null)).isNull();
    }
}

package io.wirestream.sink.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wirestream.schemas.RawArticle;
import io.wirestream.sink.converter.AvroData;
import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.ConnectRecords;

class ArticleDocumentTest {

    private final ConnectRecords records = new ConnectRecords("news.enriched");
    private final ConnectRecords others = new ConnectRecords("news.enriched"); // another converter: other schema instances

    @AfterEach
    void close() throws Exception {
        records.close();
        others.close();
    }

    @Test
    void readsTheEnrichedArticle() {
        ArticleDocument d = ArticleDocument.from(records.record(Articles.seed("AP/seed 1", 1), 0).value());

        assertThat(d.storyId()).isEqualTo("AP/seed 1");
        assertThat(d.version()).isEqualTo(1);
        assertThat(d.pubStatus()).isEqualTo("USABLE");
        assertThat(d.urgency()).isEqualTo(3);
        assertThat(d.byline()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(d.subjects()).containsExactly("medtop:11000000");
        assertThat(d.received()).isEqualTo(Instant.parse("2018-08-01T03:00:01Z"));
        assertThat(d.enrichedAt()).isEqualTo(Instant.parse("2018-08-01T03:00:01.250Z"));
        assertThat(d.taxonomyVersion()).isEqualTo("2026-11-01");
        assertThat(d.entities()).extracting(ArticleDocument.EntityTag::id)
                .containsExactly("loc:iso3166:JP", "person:itsunori-onodera", "org:lockheed-martin");
        assertThat(d.entities().get(0).mentionCount()).isEqualTo(1);
        assertThat(d.entities().get(1).roles()).containsExactly("Defense Minister");
        assertThat(d.entities().get(1).linkedTo()).isEqualTo("loc:iso3166:JP");
        assertThat(d.topics()).extracting(ArticleDocument.TopicTag::code).containsExactly("missile-defense", "northern-territories");
        assertThat(d.topics().get(1).iptc()).isNull();
    }

    @Test
    void schemasThatTakeTurnsReadTheSame() {
        for (int i = 0; i < 3; i++) {
            ArticleDocument a = ArticleDocument.from(records.record(Articles.large("l", 2), 0).value());
            ArticleDocument b = ArticleDocument.from(others.record(Articles.large("l", 2), 0).value());
            assertThat(b).isEqualTo(a);
            assertThat(b.documentJson()).isEqualTo(a.documentJson());
        }
    }

    @Test
    void aBareRawArticleIsReadToo() {
        AvroData avroData = new AvroData();
        RawArticle raw = Articles.seed("raw-1", 2).getArticle();
        Schema schema = avroData.toConnectSchema(RawArticle.getClassSchema());
        ArticleDocument d = ArticleDocument.from(avroData.toConnectValue(schema, RawArticle.getClassSchema(), raw));

        assertThat(d.storyId()).isEqualTo("raw-1");
        assertThat(d.urgency()).isNull();
        assertThat(d.entities()).isEmpty();
        assertThat(d.enrichedAt()).isNull();
    }

    @Test
    void whatCannotBeReadIsADataExceptionNamingIt() {
        assertThatThrownBy(() -> ArticleDocument.from("text")).isInstanceOf(DataException.class).hasMessageContaining("java.lang.String");
        Schema noId = SchemaBuilder.struct().name("Bare").field("storyId", Schema.OPTIONAL_STRING_SCHEMA).build();
        assertThatThrownBy(() -> ArticleDocument.from(new Struct(noId)))
                .isInstanceOf(DataException.class).hasMessage("Field 'storyId' of Bare is missing or null");
        assertThatThrownBy(() -> ArticleDocument.from(new Struct(noId).put("storyId", "s")))
                .isInstanceOf(DataException.class).hasMessageContaining("version");
        Schema wrongEntities = SchemaBuilder.struct().name("Odd").field("storyId", Schema.STRING_SCHEMA)
                .field("version", Schema.INT32_SCHEMA).field("entities", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
        assertThatThrownBy(() -> ArticleDocument.from(new Struct(wrongEntities).put("storyId", "s").put("version", 1)
                .put("entities", List.of("x")))).isInstanceOf(DataException.class).hasMessage("Field 'entities' must hold structs");
        Schema articleNotStruct = SchemaBuilder.struct().name("Odd2").field("article", Schema.STRING_SCHEMA).build();
        assertThatThrownBy(() -> ArticleDocument.from(new Struct(articleNotStruct).put("article", "x")))
                .isInstanceOf(DataException.class).hasMessageContaining("article");
    }
}

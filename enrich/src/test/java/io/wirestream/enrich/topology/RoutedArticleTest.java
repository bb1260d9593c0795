package io.wirestream.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Lineage;
import io.wirestream.schemas.serde.WireFormat;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class RoutedArticleTest {

    private static final byte[] PAYLOAD = {10, 20, 30, 40, 50, 60};
    /** A registry where every topic's subject has its own schema id, unlike one that shares ids across subjects. */
    private static final Map<String, Integer> IDS = Map.of("news.enriched", 7, "news.topic.a", 7, "news.topic.b", 9);

    private final AtomicInteger encodings = new AtomicInteger();
    private final Serializer<EnrichedArticle> fakeSerde = (topic, article) -> {
        encodings.incrementAndGet();
        return WireFormat.encode(IDS.get(topic), PAYLOAD);
    };
    private final AtomicInteger decodings = new AtomicInteger();
    private final EnrichedArticle article = EnrichedArticle.newBuilder()
        .setArticle(RawArticles.story("s", 1, "body"))
        .setLineage(new Lineage("news.raw", 0, 0L))
        .setEnricherVersion("dev").setTaxonomyVersion("t").setEnrichedAt(Instant.EPOCH)
        .build();
    private final Serializer<RoutedArticle> serializer = RoutedArticle.serializer(fakeSerde, bytes -> {
        decodings.incrementAndGet();
        return article;
    }, "news.enriched");

    @Test
    void theBodyEncodedForNewsEnrichedIsReusedWithEachTopicsOwnSchemaId() {
        byte[] enriched = WireFormat.encode(IDS.get("news.enriched"), PAYLOAD);

        // the first record per topic is decoded and goes through the serde (registering the subject, learning its id)
        assertThat(serializer.serialize("news.topic.a", new RoutedArticle("a", enriched))).isEqualTo(WireFormat.encode(7, PAYLOAD));
        assertThat(serializer.serialize("news.topic.b", new RoutedArticle("b", enriched))).isEqualTo(WireFormat.encode(9, PAYLOAD));
        assertThat(encodings).as("and once per body schema id for news.enriched, to learn it is this release's").hasValue(3);
        assertThat(decodings).hasValue(2);

        // later ones reuse the body: same bytes where the id is the same, re-framed where it is not
        byte[] toA = serializer.serialize("news.topic.a", new RoutedArticle("a", enriched));
        byte[] toB = serializer.serialize("news.topic.b", new RoutedArticle("b", enriched));
        assertThat(toA).isSameAs(enriched);
        assertThat(toB).isEqualTo(WireFormat.encode(9, PAYLOAD));
        assertThat(enriched).as("the shared bytes are not modified").isEqualTo(WireFormat.encode(7, PAYLOAD));
        assertThat(encodings).hasValue(3);
        assertThat(decodings).as("later records are never decoded").hasValue(2);
    }

    @Test
    void aBodyWrittenWithAnotherSchemaIsEncodedAgainNotReframed() {
        byte[] enriched = WireFormat.encode(IDS.get("news.enriched"), PAYLOAD);
        serializer.serialize("news.topic.b", new RoutedArticle("b", enriched));
        // staged by an enrich of another release (another EnrichedArticle schema, id 5): its body is no encoding of
        // this release's schema, so framing it with news.topic.b's id would make consumers misread it
        byte[] older = WireFormat.encode(5, new byte[] {1, 2, 3});

        assertThat(serializer.serialize("news.topic.b", new RoutedArticle("b", older))).isEqualTo(WireFormat.encode(9, PAYLOAD));
        assertThat(serializer.serialize("news.topic.b", new RoutedArticle("b", older))).isEqualTo(WireFormat.encode(9, PAYLOAD));
        assertThat(serializer.serialize("news.topic.b", new RoutedArticle("b", enriched))).isEqualTo(WireFormat.encode(9, PAYLOAD));
        assertThat(decodings).as("the first record and each record of the other schema").hasValue(3);
    }

    @Test
    void aTombstoneSerializesToNull() {
        assertThat(serializer.serialize("news.topic.a", RoutedArticle.tombstone("a"))).isNull();
        assertThat(encodings).hasValue(0);
        assertThat(decodings).hasValue(0);
    }
}

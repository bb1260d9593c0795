package io.wirestream.enrich.topology;

import io.wirestream.schemas.EnrichedArticle;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An enriched article on its way to one {@code news.topic.<slug>} topic. The slug picks the Kafka topic
 * (see {@link EnrichTopology}'s topic-name extractor); a {@code null} article is a tombstone, sent when a new
 * version of a story is no longer classified under a topic it used to be routed to.
 *
 * @param slug    taxonomy slug, e.g. {@code missile-defense}
 * @param article what to write, or null for a tombstone
 */
record RoutedArticle(String slug, EnrichedArticle article) {

    RoutedArticle {
        Objects.requireNonNull(slug, "slug");
    }

    /** Serializes the article only, with the target topic's own subject, so consumers see a plain EnrichedArticle. */
    static Serializer<RoutedArticle> serializer(Serializer<EnrichedArticle> articles) {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, RoutedArticle routed) {
                return routed == null || routed.article() == null ? null : articles.serialize(topic, routed.article());
            }

            @Override
            public byte[] serialize(String topic, Headers headers, RoutedArticle routed) {
                return routed == null || routed.article() == null ? null : articles.serialize(topic, headers, routed.article());
            }
        };
    }
}

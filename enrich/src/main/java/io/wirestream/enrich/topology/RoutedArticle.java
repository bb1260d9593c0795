package io.wirestream.enrich.topology;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.WireFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An enriched article on its way to one {@code news.topic.<slug>} topic. The slug picks the Kafka topic
 * (see {@link EnrichTopology}'s topic-name extractor); {@code null} bytes are a tombstone, sent when a new
 * version of a story is no longer classified under a topic it used to be routed to.
 *
 * @param slug          taxonomy slug, e.g. {@code missile-defense}
 * @param enrichedBytes the article as encoded for news.enriched (Confluent wire format), or null for a tombstone
 */
record RoutedArticle(String slug, byte[] enrichedBytes) {

    RoutedArticle {
        Objects.requireNonNull(slug, "slug");
    }

    static RoutedArticle tombstone(String slug) {
        return new RoutedArticle(slug, null);
    }

    /**
     * Serializes the article only, under the target topic's own subject, so consumers see a plain EnrichedArticle.
     * Encoding a large article once per topic dominated the topology's cost, so the Avro body already encoded for
     * news.enriched is reused: the first record for each topic is decoded and goes through {@code articles} (which
     * registers the schema under {@code <topic>-value} and tells its schema id); after that the same body is framed
     * with that topic's schema id. The writer schema is always {@link EnrichedArticle#getClassSchema()}, and a
     * registry never changes the id of a registered (subject, schema), so the bytes are the ones {@code articles}
     * would produce. A body of another writer schema (staged by another release of enrich) is decoded and encoded
     * again, never re-framed: only a body with the schema id {@code articles} gives this release's schema on
     * {@code enrichedTopic} (learnt once per id) is.
     *
     * @param articles the EnrichedArticle serializer (registers subjects)
     * @param decode   reads news.enriched's bytes back, for the first record of each topic
     * @param enrichedTopic the topic the bodies were encoded for (news.enriched)
     */
    static Serializer<RoutedArticle> serializer(Serializer<EnrichedArticle> articles, Function<byte[], EnrichedArticle> decode,
                                                String enrichedTopic) {
        Map<String, Integer> schemaIdByTopic = new ConcurrentHashMap<>();
        // per schema id of the bodies: whether it is the id news.enriched's serializer gives this release's schema, so
        // such a body may be re-framed; a body staged by another release's schema is decoded and encoded each time
        Map<Integer, Boolean> reusableBodyIds = new ConcurrentHashMap<>();
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, RoutedArticle routed) {
                return serialize(topic, null, routed);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, RoutedArticle routed) {
                if (routed == null || routed.enrichedBytes() == null) {
                    return null;
                }
                Integer id = schemaIdByTopic.get(topic);
                byte[] body = routed.enrichedBytes();
                int bodyId = WireFormat.schemaId(body);
                Boolean reusable = reusableBodyIds.get(bodyId);
                if (id == null || reusable == null || !reusable) {
                    EnrichedArticle article = decode.apply(body);
                    if (reusable == null) {
                        int ours = WireFormat.schemaId(articles.serialize(enrichedTopic, article));
                        reusableBodyIds.putIfAbsent(bodyId, ours == bodyId);
                    }
                    byte[] bytes = headers == null ? articles.serialize(topic, article) : articles.serialize(topic, headers, article);
                    schemaIdByTopic.putIfAbsent(topic, WireFormat.schemaId(bytes));
                    return bytes;
                }
                if (id == WireFormat.schemaId(body)) {
                    return body;
                }
                byte[] framed = body.clone();
                System.arraycopy(WireFormat.header(id), 0, framed, 0, WireFormat.HEADER_SIZE);
                return framed;
            }
        };
    }
}

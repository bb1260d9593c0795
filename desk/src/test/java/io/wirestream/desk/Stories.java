package io.wirestream.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.Evidence;
import io.wirestream.schemas.Lineage;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;

/** Enriched stories for the desk's tests. */
final class Stories {

    private Stories() {
    }

    static EnrichedArticle story(String id, int version, String source, String headline, String topic, String entityId) {
        return build(id, version, PubStatus.USABLE, source, headline, topic, entityId);
    }

    static EnrichedArticle kill(String id, int version, String source) {
        return build(id, version, PubStatus.CANCELED, source, "KILL", null, null);
    }

    static EnrichedArticle build(String id, int version, PubStatus status, String source, String headline, String topic, String entityId) {
        String body = "Japan plans to deploy the Aegis Ashore system. " + headline;
        Instant now = Instant.now();
        RawArticle raw = RawArticle.newBuilder().setStoryId(id).setVersion(version).setSource(source).setFormat("plain-text")
                .setPubStatus(status).setReceived(now).setHeadline(headline).setBody(body).setContentHash("ab".repeat(32))
                .setAttributes(Map.of()).build();
        List<Entity> entities = new ArrayList<>();
        List<TopicTag> topics = new ArrayList<>();
        MentionSpan japan = MentionSpan.newBuilder().setStart(0).setEnd(5).setText("Japan").build();
        if (entityId != null) {
            entities.add(Entity.newBuilder().setId(entityId).setName("Japan").setType("LOCATION").setMentions(List.of(japan)).build());
        }
        if (topic != null) {
            topics.add(TopicTag.newBuilder().setCode(topic).setLabel(topic).setScore(3.0)
                    .setEvidence(List.of(Evidence.newBuilder().setKind("TERM").setText("Aegis").setSpans(List.of(japan)).build())).build());
        }
        return EnrichedArticle.newBuilder().setArticle(raw).setEntities(entities).setTopics(topics)
                .setLineage(Lineage.newBuilder().setTopic("news.raw").setPartition(0).setOffset(0).build())
                .setEnricherVersion("test").setTaxonomyVersion("test").setEnrichedAt(now).build();
    }
}

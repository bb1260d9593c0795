package io.wirestream.schemas.testutil;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.Evidence;
import io.wirestream.schemas.Lineage;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small, fully populated sample records. */
public final class SampleArticles {

    private SampleArticles() {
    }

    public static RawArticle raw(String storyId, int version) {
        return RawArticle.newBuilder()
                .setStoryId(storyId)
                .setVersion(version)
                .setSource("AP")
                .setFormat("plain-text")
                .setPubStatus(PubStatus.USABLE)
                .setUrgency(3)
                .setReceived(Instant.parse("2026-11-25T10:15:30.123Z"))
                .setVersionCreated(Instant.parse("2026-11-25T10:14:00Z"))
                .setHeadline("Japan to deploy missile defense near northern islands")
                .setSlugline("JAPAN-DEFENSE")
                .setByline("By A. Reporter")
                .setDateline("TOKYO")
                .setBody("TOKYO (AP) - Japan's Defense Minister said on Tuesday ...")
                .setLanguage("en")
                .setSubjects(List.of("politics", "defense"))
                .setContentHash("sha256:0f1e2d")
                .setAttributes(Map.of("priority", "r"))
                .build();
    }

    public static EnrichedArticle enriched(String storyId) {
        MentionSpan span = MentionSpan.newBuilder().setStart(22).setEnd(38).setText("Defense Minister").build();
        return EnrichedArticle.newBuilder()
                .setArticle(raw(storyId, 2))
                .setEntities(List.of(Entity.newBuilder().setId("Q17").setName("Japan").setType("GPE")
                        .setRoles(List.of()).setSalience(0.9).setMentions(List.of(span)).build()))
                .setTopics(List.of(TopicTag.newBuilder().setCode("missile-defense").setLabel("Missile defense")
                        .setIptc("medtop:20000065").setScore(0.82)
                        .setEvidence(List.of(Evidence.newBuilder().setKind("term").setText("missile defense")
                                .setWeight(2.0).setSpans(List.of(span)).build())).build()))
                .setLineage(Lineage.newBuilder().setTopic("news.raw").setPartition(1).setOffset(42L).build())
                .setEnricherVersion("0.1.0")
                .setTaxonomyVersion("2026-11")
                .setEnrichedAt(Instant.parse("2026-11-25T10:16:00Z"))
                .build();
    }
}

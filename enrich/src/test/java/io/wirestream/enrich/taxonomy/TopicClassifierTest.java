package io.wirestream.enrich.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.text.Tokenizer;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.TopicTag;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicClassifierTest {
    private static final Taxonomy TAXONOMY = Taxonomy.parse("""
            version: "t"
            topics:
              - slug: missile-defense
                label: Missile defense
                threshold: 3
                terms: {missile defense: 3, interceptor: 2, radar: 1}
                requires: [[missile defense, interceptor]]
                excludes: [video game]
              - slug: kurils
                label: Kurils
                threshold: 2
                entities: {loc:northern-territories: 2}
            """, "test");

    private final TopicClassifier classifier = new TopicClassifier(TAXONOMY);

    private List<TopicTag> classify(String body, List<Entity> entities) {
        return classifier.classify(Tokenizer.tokenize(body), null, entities);
    }

    @Test
    void scoresTermsWithDiminishingRepeatsAndGivesEvidenceSpans() {
        List<TopicTag> tags = classify("Missile defense radars and interceptors. More interceptors.", List.of());
        assertThat(tags).hasSize(1);
        TopicTag t = tags.get(0);
        assertThat(t.getCode()).isEqualTo("missile-defense");
        assertThat(t.getScore()).isEqualTo(3 + 2 * (1 + Math.log(2)) + 1, org.assertj.core.data.Offset.offset(0.001));
        assertThat(t.getEvidence().get(0).getText()).isEqualTo("interceptor");
        assertThat(t.getEvidence().get(0).getSpans()).extracting(MentionSpan::getText).containsExactly("interceptors", "interceptors");
    }

    @Test
    void needsARequiredTermAndStopsAtAnExclusion() {
        assertThat(classify("radar radar radar radar radar radar radar radar radar radar", List.of())).isEmpty();
        assertThat(classify("The missile defense video game has interceptors.", List.of())).isEmpty();
    }

    @Test
    void entitiesTriggerTopics() {
        Entity kurils = Entity.newBuilder().setId("loc:northern-territories").setName("Northern Territories")
                .setType("LOCATION").setMentions(List.of(new MentionSpan(0, 5, "Kuril"))).build();
        assertThat(classify("Kuril fishing", List.of(kurils))).extracting(TopicTag::getCode).containsExactly("kurils");
    }
}

package io.wirestream.enrich.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
    private static final String SMALL = """
            version: "7"
            topics:
              - slug: missile-defense
                label: Missile defense
                iptc: medtop:20000602
                threshold: 3
                terms: {missile defense: 3, interceptor: 2}
              - slug: northern-territories
                label: Northern Territories
                terms: [kurils]
                entities: {loc:northern-territories: 3}
            """;

    @Test
    void defaultCoversEveryIptcTopLevelAndTheCustomTopics() {
        Taxonomy t = Taxonomy.defaults();
        List<String> iptc = t.topics().stream().map(TopicDefinition::iptc).filter(c -> c != null).toList();
        for (int i = 1; i <= 17; i++) assertThat(iptc).contains(String.format("medtop:%02d000000", i));
        assertThat(t.slugs()).contains("defence", "armed-forces", "military-weaponry", "international-relations",
                "diplomacy", "summit-meetings", "nuclear-policy", "national-security", "economy", "international-trade",
                "missile-defense", "northern-territories", "korean-peninsula", "japan-russia-relations");
        for (TopicDefinition d : t.topics()) {
            if (d.iptc() != null) assertThat(IptcVocabulary.defaults().contains(d.iptc())).as(d.slug()).isTrue();
        }
    }

    @Test
    void parsesTopicsWithTheirTermsAndEntities() {
        Taxonomy t = Taxonomy.parse(SMALL, "small");
        assertThat(t.slugs()).containsExactly("missile-defense", "northern-territories");
        TopicDefinition md = t.topic("missile-defense");
        assertThat(md.label()).isEqualTo("Missile defense");
        assertThat(md.iptc()).isEqualTo("medtop:20000602");
        assertThat(md.threshold()).isEqualTo(3.0);
        assertThat(md.terms()).containsEntry("missile defense", 3.0);
        assertThat(t.topic("northern-territories").terms()).containsEntry("kurils", 1.0);
        assertThat(t.topic("northern-territories").iptc()).isNull();
    }

    @Test
    void versionIsTheFileVersionPlusAContentHash() {
        Taxonomy a = Taxonomy.parse(SMALL, "a");
        Taxonomy b = Taxonomy.parse(SMALL.replace("interceptor: 2", "interceptor: 2.5"), "b");
        assertThat(a.version()).startsWith("7+").isNotEqualTo(b.version());
        assertThat(Taxonomy.parse(SMALL, "again").version()).isEqualTo(a.version());
    }

    @Test
    void refusesAnInvalidFileWithLineNumbers() {
        assertThatThrownBy(() -> Taxonomy.parse("version: 1\ntopics:\n  - slug: Bad Slug\n    label: x\n    terms: {a: 1}\n", "f"))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageContaining("line 3: slug 'Bad Slug'");
    }
}

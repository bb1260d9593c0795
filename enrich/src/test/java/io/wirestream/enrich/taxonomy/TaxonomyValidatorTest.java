package io.wirestream.enrich.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyValidatorTest {
    @Test
    void reportsEveryProblemWithItsLine() {
        List<TaxonomyError> errors = TaxonomyValidator.validate("""
                version: "1"
                topics:
                  - slug: ok
                    label: Fine
                    terms: {war: 1}
                  - slug: ok
                    label: Again
                    terms: {war: 1}
                  - slug: no-label
                    iptc: medtop:123
                    terms: {peace: lots}
                    colour: red
                """);
        assertThat(errors).extracting(TaxonomyError::toString).containsExactly(
                "line 6: duplicate slug 'ok' (first at line 3)",
                "line 9: topic 'no-label' has no label",
                "line 10: iptc 'medtop:123' must look like medtop:20000598",
                "line 11: weight of 'peace' must be a non-zero number",
                "line 12: unknown topic key 'colour' (expected one of [slug, label, iptc, threshold, terms, phrases, entities, requires, excludes, description])");
    }

    @Test
    void termsKeepTheirFileOrderSoEvidenceIsTheSameOnEveryRun() {
        List<String> words = List.of("zeta", "alpha", "mu", "bombings", "bombing", "kappa", "beta", "omega", "delta");
        String yaml = "version: 1\ntopics:\n  - slug: x\n    label: X\n    terms: {"
                + String.join(", ", words.stream().map(w -> w + ": 1").toList()) + "}\n";
        TopicDefinition topic = Taxonomy.parse(yaml, "test").topics().get(0);
        assertThat(topic.terms().keySet()).containsExactlyElementsOf(words);
    }

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        List<TaxonomyError> errors = TaxonomyValidator.validate("version: 1\ntopics:\n  - slug: [unclosed\n");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).line()).isGreaterThan(0);
        assertThat(errors.get(0).message()).startsWith("syntax:");
    }

    @Test
    void rejectsIptcCodesOutsideTheVocabulary() {
        assertThat(TaxonomyValidator.validate("version: 1\ntopics:\n  - slug: x\n    label: X\n    iptc: medtop:99999999\n    terms: [a]\n"))
                .extracting(TaxonomyError::toString).containsExactly("line 5: iptc 'medtop:99999999' is not an IPTC Media Topic");
    }

    @Test
    void acceptsJson() {
        assertThat(TaxonomyValidator.validate("{\"version\": \"1\", \"topics\": [{\"slug\": \"x\", \"label\": \"X\", \"terms\": {\"war\": 2}}]}"))
                .isEmpty();
    }

    @Test
    void theDefaultTaxonomyIsValid() throws Exception {
        try (var in = Taxonomy.class.getResourceAsStream(Taxonomy.DEFAULT_RESOURCE)) {
            assertThat(TaxonomyValidator.validate(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
        }
    }
}

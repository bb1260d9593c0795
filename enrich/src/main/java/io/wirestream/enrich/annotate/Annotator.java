package io.wirestream.enrich.annotate;

import io.wirestream.enrich.entity.EntityRecognizer;
import io.wirestream.enrich.entity.EntityResolver;
import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.entity.Mention;
import io.wirestream.enrich.ner.NameCombiner;
import io.wirestream.enrich.ner.NerTagger;
import io.wirestream.enrich.taxonomy.Taxonomy;
import io.wirestream.enrich.taxonomy.TopicClassifier;
import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.enrich.text.Tokenizer;
import io.wirestream.enrich.value.AmountExtractor;
import io.wirestream.enrich.value.DateExtractor;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.RawArticle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Annotates a story: tokens, entity mentions (gazetteer trie + rules, and the trained {@link NerTagger} combined with
 * them by {@link NameCombiner}), entities with aliases merged, roles and
 * salience, money / quantities, dates resolved against the story's date, and taxonomy topics with evidence.
 * Build once (loading the gazetteers and the tagger's model takes a second or more and about 40 + 38 MB of heap) and share: it is immutable
 * and thread-safe.
 * The Kafka Streams topology and {@code wirestream annotate} both go through {@link #annotate(RawArticle)} /
 * {@link #annotate(String, String, LocalDate)}.
 */
public final class Annotator {
    private final Taxonomy taxonomy;
    private final EntityRecognizer recognizer;
    private final EntityResolver resolver;
    private final AmountExtractor amounts = new AmountExtractor();
    private final DateExtractor dates = new DateExtractor();
    private final TopicClassifier classifier;
    private final NerTagger tagger;
    private final NameCombiner combiner;

    private Annotator(Taxonomy taxonomy) {
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
        Gazetteer gazetteer = Gazetteer.defaults();
        this.recognizer = new EntityRecognizer(gazetteer);
        this.resolver = new EntityResolver(gazetteer);
        this.classifier = new TopicClassifier(taxonomy);
        this.tagger = NerTagger.disabled() ? null : NerTagger.defaults();
        this.combiner = new NameCombiner(gazetteer);
    }

    /** An annotator with the taxonomy that ships with Wirestream. */
    public static Annotator withDefaultTaxonomy() {
        return new Annotator(Taxonomy.defaults());
    }

    /** An annotator with a user's taxonomy (see {@link Taxonomy#load(java.nio.file.Path)}). */
    public static Annotator withTaxonomy(Taxonomy taxonomy) {
        return new Annotator(taxonomy);
    }

    /** Annotates a raw article: its body and headline, dates resolved against versionCreated (else received), UTC. */
    public Annotation annotate(RawArticle article) {
        Instant when = article.getVersionCreated() != null ? article.getVersionCreated() : article.getReceived();
        LocalDate storyDate = when == null ? null : LocalDate.ofInstant(when, ZoneOffset.UTC);
        return annotate(article.getHeadline(), article.getBody(), storyDate);
    }

    /**
     * Annotates a story. Spans index into {@code body}; the headline (may be null) counts towards salience and
     * topics only. {@code storyDateOrNull} resolves "July 31" and "Thursday".
     */
    public Annotation annotate(String headline, String body, LocalDate storyDateOrNull) {
        String text = body == null ? "" : body;
        TokenizedText tokens = Tokenizer.tokenize(text);
        TokenizedText head = headline == null || headline.isBlank() ? null : Tokenizer.tokenize(headline);
        List<Mention> mentions = recognizer.recognize(tokens);
        // the tagger proposes names with the rules' mentions and resolved entities as features; the combiner keeps
        // the rules' ids, roles and nationalities; the resolver then merges aliases and mints ids as before
        if (tagger != null) {
            List<Entity> ruled = resolver.resolve(tokens, mentions, headline);
            mentions = combiner.combine(tokens, mentions, tagger.tag(tokens, mentions, ruled));
        }
        List<Entity> entities = resolver.resolve(tokens, mentions, headline);
        return new Annotation(entities, classifier.classify(tokens, head, entities), amounts.extract(tokens),
                dates.extract(tokens, storyDateOrNull));
    }

    /** Version of the taxonomy in use, stamped on every output. */
    public String taxonomyVersion() {
        return taxonomy.version();
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }
}

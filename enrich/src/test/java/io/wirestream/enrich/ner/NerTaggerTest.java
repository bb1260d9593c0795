package io.wirestream.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.enrich.entity.EntityRecognizer;
import io.wirestream.enrich.entity.EntityResolver;
import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.entity.Mention;
import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.enrich.text.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped tagger on small hand-made sentences, training determinism, and loading a bad model file. */
class NerTaggerTest {
    private static final Gazetteer GAZETTEER = Gazetteer.defaults();

    /** Span text -> class, as the shipped model tags the text (with the rules' opinion as features, as in the annotator). */
    private static Map<String, String> tag(String text) {
        TokenizedText t = Tokenizer.tokenize(text);
        List<Mention> rules = new EntityRecognizer(GAZETTEER).recognize(t);
        List<NerTagger.Span> spans = NerTagger.defaults().tag(t, rules, new EntityResolver(GAZETTEER).resolve(t, rules, null));
        return spans.stream().collect(Collectors.toMap(s -> t.span(s.from(), s.to()), NerTagger.Span::type, (a, b) -> a));
    }

    @Test
    void keepsALoneSurnameTheRulesOnlyGuessedWhenTheTaggerIsSureOfIt() {
        // the rules alone guess "Lukashenko" and the resolver drops an unknown lone word before a comma; the tagger's
        // confident PER with the same span confirms the guess
        String text = "Sergei Posukhov, the president's political adviser, spoke to reporters on Friday.\n"
                + "Lukashenko, 41, won presidential polls in 1994 on promises to restore order and fight corruption.\n"
                + "Lukashenko signed a pact with Moscow in April.\n";
        Annotation a = Annotator.withDefaultTaxonomy().annotate(null, text, null);
        assertThat(a.entities()).filteredOn(e -> e.getName().equals("Lukashenko"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("PERSON");
                    assertThat(e.getMentions()).hasSize(2);
                });
        TokenizedText t = Tokenizer.tokenize(text);
        List<Mention> rules = new EntityRecognizer(GAZETTEER).recognize(t);
        assertThat(NerTagger.defaults().tag(t, rules, new EntityResolver(GAZETTEER).resolve(t, rules, null)))
                .allSatisfy(s -> assertThat(s.margin()).isPositive().isLessThan(Float.POSITIVE_INFINITY));
    }

    @Test
    void findsNamesInAnAllCapsHeadline() {
        Map<String, String> spans = tag("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nTOKYO 1996-12-06");
        assertThat(spans).containsEntry("JAPAN", "LOC").containsEntry("CHINA", "LOC").containsEntry("TOKYO", "LOC");
        assertThat(spans).doesNotContainKeys("SOCCER", "LUCKY", "WIN", "SURPRISE", "DEFEAT");
    }

    @Test
    void tagsClubsInASportsResultLineAsOrganisations() {
        Map<String, String> spans = tag("Leicestershire 22 points , Somerset 4 .\nManchester United 2 Arsenal 1 .");
        assertThat(spans).containsEntry("Leicestershire", "ORG").containsEntry("Somerset", "ORG")
                .containsEntry("Arsenal", "ORG");
        assertThat(spans.get("Manchester United")).isEqualTo("ORG");
    }

    @Test
    void tagsAnUnlistedClubAfterItsPlayer() {
        Map<String, String> spans = tag("Striker Ronaldo scored twice as Real Madrid won 3-1 at home on Sunday .");
        assertThat(spans).containsEntry("Real Madrid", "ORG").containsEntry("Ronaldo", "PER");
    }

    @Test
    void keepsATitleOutsideThePersonsName() {
        Map<String, String> spans = tag("Foreign Minister Sergey Lavrov met President Vladimir Putin in Moscow on Tuesday .");
        assertThat(spans).containsEntry("Sergey Lavrov", "PER").containsEntry("Vladimir Putin", "PER")
                .containsEntry("Moscow", "LOC");
        assertThat(spans).doesNotContainKeys("Foreign Minister Sergey Lavrov", "President Vladimir Putin");
    }

    @Test
    void decodesOnlyWellFormedSpansThatNeverCrossASentenceEnd() {
        TokenizedText t = Tokenizer.tokenize("He met New York officials. York Minster is old.");
        for (NerTagger.Span s : NerTagger.defaults().tag(t)) {
            assertThat(s.to()).isGreaterThan(s.from());
            for (int k = s.from(); k < s.to() - 1; k++) assertThat(t.is(k, TokenizedText.SENT_END)).isFalse();
        }
    }

    private static final String TINY_CORPUS = """
            Peter\tB-PER
            Smith\tI-PER
            visited\tO
            Paris\tB-LOC
            .\tO

            Acme\tB-ORG
            Corp\tI-ORG
            hired\tO
            Anna\tB-PER
            Berg\tI-PER
            in\tO
            Oslo\tB-LOC
            .\tO

            The\tO
            French\tB-MISC
            team\tO
            beat\tO
            Leeds\tB-ORG
            .\tO

            """;

    private static byte[] train(Path dir, String name, long seed) throws IOException {
        return train(dir, name, seed, null);
    }

    static byte[] train(Path dir, String name, long seed, Path clusters) throws IOException {
        Path corpus = dir.resolve("tiny.conll");
        Files.writeString(corpus, TINY_CORPUS);
        Path out = dir.resolve(name);
        new NerTrainer(new PrintWriter(Writer.nullWriter()))
                .train(new NerTrainer.Options(List.of(corpus), List.of(), out, seed, 3, 12, clusters), GAZETTEER);
        return Files.readAllBytes(out);
    }

    @Test
    void trainingTwiceWithTheSameSeedWritesTheSameModelBytes(@TempDir Path dir) throws IOException {
        byte[] a = train(dir, "a.bin", 7);
        byte[] b = train(dir, "b.bin", 7);
        assertThat(a).isEqualTo(b);
        assertThat(Files.readString(NerTrainer.manifestPath(dir.resolve("a.bin"))))
                .contains("\"seed\": 7", "\"epochs\": 3", "tiny.conll", NerTrainer.sha256(dir.resolve("tiny.conll")));
    }

    @Test
    void aTrainedModelLoadsBackAndTagsWhatItLearnt(@TempDir Path dir) throws IOException {
        train(dir, "m.bin", 1);
        NerTagger tagger = NerTagger.load(dir.resolve("m.bin"), GAZETTEER);
        TokenizedText t = Tokenizer.tokenize("Peter Smith visited Paris .");
        assertThat(tagger.tag(t)).extracting(s -> t.span(s.from(), s.to()) + "/" + s.type())
                .contains("Peter Smith/PER", "Paris/LOC");
    }

    @Test
    void aMissingModelFileIsAnErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-model.bin");
        assertThatThrownBy(() -> NerTagger.load(missing, GAZETTEER)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void aCorruptModelFileIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path notGzip = dir.resolve("garbage.bin");
        Files.writeString(notGzip, "this is not a model");
        assertThatThrownBy(() -> NerTagger.load(notGzip, GAZETTEER)).isInstanceOf(IOException.class)
                .hasMessageContaining(notGzip.toString()).hasMessageContaining("corrupt");

        train(dir, "good.bin", 1);
        byte[] good = Files.readAllBytes(dir.resolve("good.bin"));
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> NerTagger.load(truncated, GAZETTEER)).isInstanceOf(IOException.class)
                .hasMessageContaining(truncated.toString()).hasMessageContaining("corrupt");
    }
}

package io.wirestream.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.enrich.text.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building word clusters from unlabeled text (deterministic, alike contexts alike paths); a model that uses them. */
class WordClustersTest {
    private static final String TEXT = """
            Anna flew to Paris on Monday . Ben flew to London on Tuesday . Carl flew to Berlin on Friday .
            Anna drove to Berlin on Tuesday . Ben drove to Paris on Friday . Carl drove to London on Monday .
            Anna said the talks in London went well . Ben said the talks in Paris went well . Carl said the talks in Berlin went well .
            The minister met Anna in Paris on Friday . The minister met Ben in Berlin on Monday . The minister met Carl in London on Tuesday .
            Dora stayed home .
            """;

    private static Map<String, String> build(Path dir, String name, long seed) throws IOException {
        Path text = dir.resolve("text.txt");
        Files.writeString(text, TEXT);
        return WordClusterBuilder.run(new WordClusterBuilder.Options(List.of(), List.of(text), dir.resolve(name), seed, 3, 20, 8));
    }

    private static int common(String a, String b) {
        int k = 0;
        while (k < a.length() && k < b.length() && a.charAt(k) == b.charAt(k)) k++;
        return k;
    }

    @Test
    void buildingTwiceWithTheSameSeedWritesTheSameBytes(@TempDir Path dir) throws IOException {
        build(dir, "a.tsv.gz", 5);
        build(dir, "b.tsv.gz", 5);
        assertThat(Files.readAllBytes(dir.resolve("a.tsv.gz"))).isEqualTo(Files.readAllBytes(dir.resolve("b.tsv.gz")));
    }

    @Test
    void wordsSeenInTheSameContextsShareMoreOfTheirPath(@TempDir Path dir) throws IOException {
        Map<String, String> c = build(dir, "c.tsv.gz", 1);
        assertThat(common(c.get("paris"), c.get("london"))).isGreaterThan(common(c.get("paris"), c.get("monday")));
        assertThat(common(c.get("monday"), c.get("friday"))).isGreaterThan(common(c.get("monday"), c.get("anna")));
        assertThat(c).doesNotContainKey("dora"); // seen once: under the minimum count
    }

    @Test
    void theFileReadsBackWithTheSamePathsAndNumbersAsZeros(@TempDir Path dir) throws IOException {
        Map<String, String> c = build(dir, "d.tsv.gz", 1);
        WordClusters read;
        try (InputStream in = Files.newInputStream(dir.resolve("d.tsv.gz"))) {
            read = WordClusters.read(in);
        }
        assertThat(read.size()).isEqualTo(c.size());
        assertThat(read.prefixes("paris")).isNotNull();
        assertThat(read.prefixes("no-such-word")).isNull();
        assertThat(WordClusters.key("1996-08-30")).isEqualTo("0000-00-00");
    }

    @Test
    void aModelTrainedWithClustersCarriesThemAndTrainsToTheSameBytes(@TempDir Path dir) throws IOException {
        build(dir, "clusters.tsv.gz", 1);
        Path clusters = dir.resolve("clusters.tsv.gz");
        byte[] a = NerTaggerTest.train(dir, "a.bin", 3, clusters);
        byte[] b = NerTaggerTest.train(dir, "b.bin", 3, clusters);
        assertThat(a).isEqualTo(b);
        byte[] without = NerTaggerTest.train(dir, "plain.bin", 3, null);
        assertThat(a).isNotEqualTo(without);
        assertThat(Files.readString(NerTrainer.manifestPath(dir.resolve("a.bin"))))
                .contains("\"wordClusters\"", NerTrainer.sha256(clusters), NerFeatures.CLUSTER_DESCRIPTION);
        assertThat(Files.readString(NerTrainer.manifestPath(dir.resolve("plain.bin")))).doesNotContain("wordClusters");

        Files.delete(clusters); // the model does not need the file any more
        NerTagger tagger = NerTagger.load(dir.resolve("a.bin"), Gazetteer.defaults());
        TokenizedText t = Tokenizer.tokenize("Peter Smith visited Paris .");
        assertThat(tagger.tag(t)).extracting(s -> t.span(s.from(), s.to()) + "/" + s.type())
                .contains("Peter Smith/PER", "Paris/LOC");
    }
}

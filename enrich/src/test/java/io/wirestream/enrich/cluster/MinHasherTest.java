package io.wirestream.enrich.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wirestream.enrich.topology.RawArticles;
import io.wirestream.schemas.RawArticle;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinHasherTest {

    private final MinHasher hasher = new MinHasher(128, 3, ClusterSettings.SEED);

    @Test
    void wordsAreLowerCasedAndPunctuationDoesNotSeparateCopies() {
        assertThat(MinHasher.words("Japan's \"Aegis Ashore\" -- plan, said Lavrov."))
            .containsExactly("japans", "aegis", "ashore", "plan", "said", "lavrov");
        assertThat(hasher.signature(MinHasher.words("Russia voices concern, over Japan's plan.")))
            .isEqualTo(hasher.signature(MinHasher.words("RUSSIA VOICES CONCERN OVER JAPAN'S PLAN")));
    }

    @Test
    void similarityEstimatesTheJaccardOfTheShingleSets() {
        List<String> a = numbered(0, 200);
        List<String> b = numbered(50, 250); // 150 of 250 three-word shingles shared... roughly 0.6
        double exact = 148.0 / 248.0;
        assertThat(MinHasher.similarity(hasher.signature(a), hasher.signature(b))).isCloseTo(exact, within(0.15));
        assertThat(MinHasher.similarity(hasher.signature(a), hasher.signature(a))).isEqualTo(1.0);
        assertThat(MinHasher.similarity(hasher.signature(a), hasher.signature(numbered(1000, 1200)))).isLessThan(0.05);
    }

    @Test
    void signaturesAreStableAcrossInstancesWithTheSameSeed() {
        List<String> words = MinHasher.words("the same text gives the same signature every time");
        assertThat(new MinHasher(128, 3, ClusterSettings.SEED).signature(words)).isEqualTo(hasher.signature(words));
        assertThat(new MinHasher(128, 3, 42).signature(words)).isNotEqualTo(hasher.signature(words));
    }

    @Test
    void aTextShorterThanAShingleStillHasASignature() {
        assertThat(hasher.signature(List.of("one"))).hasSize(128);
        assertThat(hasher.signature(List.of())).hasSize(128);
    }

    @Test
    void lshPutsNearDuplicatesInACommonBucketAndUnrelatedTextsNot() {
        LshIndex lsh = new LshIndex(32, 4);
        List<String> a = numbered(0, 300);
        List<String> nearCopy = numbered(0, 290);
        assertThat(lsh.bucketKeys(hasher.signature(a))).containsAnyElementsOf(lsh.bucketKeys(hasher.signature(nearCopy)));
        assertThat(lsh.bucketKeys(hasher.signature(a))).doesNotContainAnyElementsOf(
            lsh.bucketKeys(hasher.signature(numbered(5000, 5300))));
        assertThat(lsh.candidateProbability(0.8)).isGreaterThan(0.999);
        assertThat(lsh.candidateProbability(0.1)).isLessThan(0.01);
    }

    private static List<String> numbered(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "w" + i).toList();
    }

    @Test
    void signaturesAreTheOnesStoredPrintsWereComputedWith() {
        // values of the first implementation (one hash per shingle occurrence, minimum from Long.MAX_VALUE unsigned):
        // the index compares new prints with stored ones, so a faster MinHash must give the same signatures
        RawArticle seed = RawArticles.seed("x");
        List<String> words = MinHasher.words(seed.getHeadline() + "\n" + seed.getBody());
        MinHasher wordHasher = new MinHasher(128, 1, ClusterSettings.SEED + 1);
        int[] shingles = hasher.signature(words);
        assertThat(Arrays.copyOf(shingles, 4)).containsExactly(21139793, 2400180, 2453120, 18248124);
        assertThat(Arrays.hashCode(shingles)).isEqualTo(-974361890);
        assertThat(Arrays.hashCode(wordHasher.signature(words))).isEqualTo(696191399);
        // a short text with non-ASCII words: few shingles, so some functions keep their starting minimum
        List<String> unicode = MinHasher.words("\u00dcn\u00efcode caf\u00e9 \u2014 na\u00efve \u201cquotes\u201d \u6771\u4eac "
            + "Stra\u00dfe \u0130stanbul \ufb01ne");
        assertThat(hasher.signature(unicode)).contains(Integer.MAX_VALUE);
        assertThat(Arrays.hashCode(hasher.signature(unicode))).isEqualTo(-1900945202);
        assertThat(Arrays.hashCode(wordHasher.signature(unicode))).isEqualTo(1229364151);
        assertThat(wordHasher.signature(MinHasher.utf8(words))).isEqualTo(wordHasher.signature(words));
    }

    @Test
    void fastSignaturesAndWordBytesEqualTheFirstImplementationsOnRandomTexts() {
        // the vectorised minimum and the word bytes without strings against the straightforward code they replace
        MinHasher wordHasher = new MinHasher(128, 1, ClusterSettings.SEED + 1);
        StoryPrinter printer = new StoryPrinter(ClusterSettings.defaults());
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        String alphabet = "abcXYZ019 ,.'\u2019-\n\u00e9\u00c9\u00df\u0130\ufb01\u6771\u4eac\u2014\u00a0\ud835\udc00\ud800!";
        RawArticle seed = RawArticles.seed("x");
        List<String> texts = new java.util.ArrayList<>(List.of("", " ", "a", "'", "one two", seed.getHeadline() + "\n" + seed.getBody()));
        for (int t = 0; t < 300; t++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(t < 100 ? 20 : 400);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            List<String> words = firstWords(text);
            assertThat(MinHasher.words(text)).as(text).isEqualTo(words);
            byte[][] bytes = MinHasher.utf8Words(text);
            assertThat(bytes.length).as(text).isEqualTo(words.size());
            for (int w = 0; w < bytes.length; w++) {
                assertThat(bytes[w]).as("word %d of %s", w, text).isEqualTo(words.get(w).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(hasher.signature(bytes)).as(text).isEqualTo(firstSignature(words, 3, ClusterSettings.SEED));
            assertThat(wordHasher.signature(bytes)).as(text).isEqualTo(firstSignature(words, 1, ClusterSettings.SEED + 1));
            StoryPrint print = printer.print(new ClusterAssigner.Story("s", "src", 0L, text, List.of()));
            // a print keeps 16 bits of each value (StoryPrint)
            assertThat(print.shingles()).as(text).isEqualTo(StoryPrint.narrow(firstSignature(words, 3, ClusterSettings.SEED)));
            assertThat(print.words()).as(text).isEqualTo(StoryPrint.narrow(firstSignature(words, 1, ClusterSettings.SEED + 1)));
        }
    }

    /** The first implementation of the words: code point by code point, through strings. */
    private static List<String> firstWords(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String folded = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (cp == '\'' || cp == '\u2019') {
                continue;
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** The first implementation: every shingle occurrence hashed, one unsigned minimum per function. */
    private static int[] firstSignature(List<String> words, int shingleSize, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        long[] seeds = new long[128];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = random.nextLong();
        }
        long[] mins = new long[seeds.length];
        Arrays.fill(mins, Long.MAX_VALUE);
        int shingles = Math.max(1, words.size() - shingleSize + 1);
        for (int s = 0; s < shingles; s++) {
            long h = 0xcbf29ce484222325L;
            for (int w = s; w < Math.min(words.size(), s + shingleSize); w++) {
                for (byte b : words.get(w).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ ' ') * 0x100000001b3L;
            }
            for (int i = 0; i < seeds.length; i++) {
                long z = h ^ seeds[i];
                z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
                z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
                z = z ^ (z >>> 31);
                if (Long.compareUnsigned(z, mins[i]) < 0) {
                    mins[i] = z;
                }
            }
        }
        int[] signature = new int[seeds.length];
        for (int i = 0; i < seeds.length; i++) {
            signature[i] = (int) (mins[i] >>> 32);
        }
        return signature;
    }
}

package io.wirestream.enrich.cluster;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * MinHash signatures over word shingles. Text is normalised first (NFKC, lower case, every character that is not a
 * letter or a digit becomes a space, so punctuation, quotes and dashes never separate two copies of a story), then
 * cut into overlapping shingles of {@code shingleSize} words; each of the {@code numHashes} functions keeps the
 * smallest hash of any shingle. The share of positions where two signatures agree estimates the Jaccard similarity
 * of the two shingle sets (standard error about {@code 1/sqrt(numHashes)}).
 *
 * <p>Hash functions are {@code mix(h(shingle) XOR seed_i)} with 64-bit FNV-1a for {@code h} and the SplitMix64
 * finaliser for {@code mix}; the seeds come from a fixed {@link SplittableRandom} seed, so signatures are stable
 * across restarts and machines (they live in a changelogged store). Immutable and thread-safe.
 */
public final class MinHasher {

    private final int shingleSize;
    private final long[] seeds;

    /**
     * @param numHashes   signature length, e.g. 128
     * @param shingleSize words per shingle, 1 for word sets
     * @param seed        fixed seed of the hash family (changing it invalidates stored signatures)
     */
    public MinHasher(int numHashes, int shingleSize, long seed) {
        if (numHashes < 1 || shingleSize < 1) {
            throw new IllegalArgumentException("numHashes and shingleSize must be positive");
        }
        this.shingleSize = shingleSize;
        SplittableRandom random = new SplittableRandom(seed);
        this.seeds = new long[numHashes];
        for (int i = 0; i < numHashes; i++) {
            seeds[i] = random.nextLong();
        }
    }

    public int numHashes() {
        return seeds.length;
    }

    /** Normalised words of {@code text}: lower case, punctuation stripped, split on anything not a letter or digit. */
    public static List<String> words(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (cp == '\'' || cp == '\u2019') {
                // apostrophes join: "minister's" and "ministers" shingle alike, "don't" stays one word
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

    /** The signature of the shingle set of {@code words}; a text shorter than one shingle is one shingle. */
    public int[] signature(List<String> words) {
        long[] min = new long[seeds.length];
        Arrays.fill(min, Long.MAX_VALUE);
        int shingles = Math.max(1, words.size() - shingleSize + 1);
        for (int s = 0; s < shingles; s++) {
            long h = 0xcbf29ce484222325L;
            for (int w = s; w < Math.min(words.size(), s + shingleSize); w++) {
                for (byte b : words.get(w).getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ ' ') * 0x100000001b3L;
            }
            for (int i = 0; i < seeds.length; i++) {
                long v = mix(h ^ seeds[i]);
                if (Long.compareUnsigned(v, min[i]) < 0) {
                    min[i] = v;
                }
            }
        }
        int[] signature = new int[seeds.length];
        for (int i = 0; i < seeds.length; i++) {
            signature[i] = (int) (min[i] >>> 32);
        }
        return signature;
    }

    /** Estimated Jaccard similarity: the share of positions where the two signatures agree. */
    public static double similarity(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("signatures of different lengths: " + a.length + " and " + b.length);
        }
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

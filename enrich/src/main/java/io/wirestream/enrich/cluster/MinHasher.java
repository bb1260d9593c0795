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

    /** Normalised words of {@code text} (see {@link #utf8Words}), as strings. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (byte[] word : utf8Words(text)) {
            words.add(new String(word, StandardCharsets.UTF_8));
        }
        return words;
    }

    /**
     * The UTF-8 bytes of each normalised word of {@code text}, what the print hashes: NFKC, lower case, split on
     * anything not a letter or digit, apostrophes dropped ("minister's" and "ministers" shingle alike, "don't" stays
     * one word). Bytes, not strings: the print needs no word as a string.
     */
    public static byte[][] utf8Words(String text) {
        if (text == null || text.isEmpty()) {
            return new byte[0][];
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int length = folded.length();
        List<byte[]> words = new ArrayList<>(length / 5 + 1);
        byte[] word = new byte[64];
        int size = 0;
        for (int i = 0; i < length; ) {
            char c = folded.charAt(i);
            if (c < 0x80) {
                i++;
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                    if (size == word.length) {
                        word = Arrays.copyOf(word, size * 2);
                    }
                    word[size++] = (byte) c;
                } else if (c != '\'' && size > 0) {
                    words.add(Arrays.copyOf(word, size));
                    size = 0;
                }
                continue;
            }
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (size + 4 > word.length) {
                    word = Arrays.copyOf(word, word.length * 2);
                }
                size = appendUtf8(word, size, cp);
            } else if (cp != '\u2019' && size > 0) {
                words.add(Arrays.copyOf(word, size));
                size = 0;
            }
        }
        if (size > 0) {
            words.add(Arrays.copyOf(word, size));
        }
        return words.toArray(new byte[0][]);
    }

    /** Writes the UTF-8 encoding of the code point {@code cp} (not a surrogate) at {@code at}; the new length. */
    private static int appendUtf8(byte[] out, int at, int cp) {
        if (cp < 0x800) {
            out[at++] = (byte) (0xc0 | (cp >> 6));
        } else if (cp < 0x10000) {
            out[at++] = (byte) (0xe0 | (cp >> 12));
            out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        } else {
            out[at++] = (byte) (0xf0 | (cp >> 18));
            out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        }
        out[at++] = (byte) (0x80 | (cp & 0x3f));
        return at;
    }

    /** The signature of the shingle set of {@code words}; a text shorter than one shingle is one shingle. */
    public int[] signature(List<String> words) {
        return signature(utf8(words));
    }

    /**
     * The same signature from the words as {@link #utf8} encoded them, so the two hashers of one text (shingles and
     * single words) encode its words once.
     */
    public int[] signature(byte[][] utf8Words) {
        return signature(utf8Words, wordHashes(utf8Words));
    }

    /** As {@link #signature(byte[][])} with the words' {@link #wordHashes} already computed (by the other hasher). */
    int[] signature(byte[][] utf8Words, long[] wordHashes) {
        return signatureOfHashes(shingleHashes(utf8Words, wordHashes));
    }

    /**
     * 64-bit FNV-1a of each word followed by a space: a word's hash as a 1-shingle, and the state every shingle
     * starting with that word continues from, so each word's first hashing serves both signatures.
     */
    static long[] wordHashes(byte[][] words) {
        long[] out = new long[words.length];
        for (int w = 0; w < words.length; w++) {
            long h = 0xcbf29ce484222325L;
            for (byte b : words[w]) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            out[w] = (h ^ ' ') * 0x100000001b3L;
        }
        return out;
    }

    /** The UTF-8 bytes of each word (ASCII words copied straight from their chars). */
    public static byte[][] utf8(List<String> words) {
        byte[][] out = new byte[words.size()][];
        for (int w = 0; w < out.length; w++) {
            out[w] = utf8(words.get(w));
        }
        return out;
    }

    private static byte[] utf8(String word) {
        int n = word.length();
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            if (c >= 0x80) {
                return word.getBytes(StandardCharsets.UTF_8);
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /** 64-bit FNV-1a of each shingle (its words' UTF-8 bytes, each word followed by a space), without repeats. */
    private long[] shingleHashes(byte[][] words, long[] wordHashes) {
        int shingles = Math.max(1, words.length - shingleSize + 1);
        // a repeated shingle cannot change a minimum: hashing each once halves the work for single words. Repeats
        // are found with an open-addressing set (a sort cost more than it saved on 3-shingles, which rarely repeat)
        long[] table = new long[Integer.highestOneBit(shingles) * 4];
        int mask = table.length - 1;
        boolean zeroSeen = false;
        long[] hashes = new long[shingles];
        int distinct = 0;
        for (int s = 0; s < shingles; s++) {
            // the first word's bytes are hashed already (an empty text is the empty shingle: the offset basis)
            long h = words.length == 0 ? 0xcbf29ce484222325L : wordHashes[s];
            for (int w = s + 1; w < Math.min(words.length, s + shingleSize); w++) {
                for (byte b : words[w]) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ ' ') * 0x100000001b3L;
            }
            boolean fresh;
            if (h == 0) {
                fresh = !zeroSeen;
                zeroSeen = true;
            } else {
                int slot = (int) (mix(h) >>> 32) & mask;
                while (table[slot] != 0 && table[slot] != h) {
                    slot = (slot + 1) & mask;
                }
                fresh = table[slot] == 0;
                table[slot] = h;
            }
            if (fresh) {
                hashes[distinct++] = h;
            }
        }
        return Arrays.copyOf(hashes, distinct);
    }

    /**
     * Per function i, the unsigned minimum of {@code mix(h XOR seed_i)} over the shingle hashes, top 32 bits, the
     * minimum starting at {@code Long.MAX_VALUE} read as unsigned, as it always has: stored signatures must not change.
     *
     * <p>Computed so that C2 vectorizes it: the outer loop runs over the hashes and the inner one over the functions,
     * each function's running minimum in an array (no reduction across iterations). The minimum is kept of
     * {@code mix >>> 1} rather than of {@code mix}: that is a monotone map, so the minimum's top 32 bits are bits 62-31
     * of it, and values below 2^63 let {@code min(v, m) = m + ((v - m) & ((v - m) >> 63))} hold without overflow, a
     * branch-free min of plain long arithmetic (a {@code Math.min} of longs is not vectorized by Java 17's C2). The
     * starting value {@code Long.MAX_VALUE >>> 1} gives {@code Integer.MAX_VALUE}, as before.
     */
    private int[] signatureOfHashes(long[] hashes) {
        long[] seeds = this.seeds;
        int n = seeds.length;
        long[] mins = new long[n];
        Arrays.fill(mins, Long.MAX_VALUE >>> 1);
        for (long h : hashes) {
            for (int i = 0; i < n; i++) {
                long z = h ^ seeds[i];
                z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
                z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
                long d = ((z ^ (z >>> 31)) >>> 1) - mins[i];
                mins[i] += d & (d >> 63);
            }
        }
        int[] signature = new int[n];
        for (int i = 0; i < n; i++) {
            signature[i] = (int) (mins[i] >>> 31);
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

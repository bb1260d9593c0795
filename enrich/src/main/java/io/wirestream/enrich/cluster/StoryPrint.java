package io.wirestream.enrich.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cluster index remembers of one story: its cluster, what it duplicates, when it was indexed, its source,
 * its two MinHash signatures (word shingles for near-duplicates, single words for same-event similarity) and its
 * canonical entity ids. About 600 bytes with the default settings.
 *
 * <p>Each MinHash value keeps its low {@value #VALUE_BITS} bits (b-bit minwise hashing; low, because a minimum's
 * top bits are mostly zeros, while these are uniform): two signatures then agree at a position with probability
 * {@code J + (1 - J) / 65536} instead of {@code J}, a bias far below the estimate's own error (about 0.04 with 128
 * values), and a print is half the size: it is written twice per story (the
 * repartition hop and the store's changelog), and its 128 + 128 values, which do not compress, were a tenth of the
 * bytes the pipeline wrote to Kafka per story. Prints stored by earlier releases hold all 32 bits ({@code valueBits}
 * 32); they are compared on their low 16 bits ({@link #narrowShingles}), so they still match new prints exactly,
 * and their LSH buckets are named from the values as stored, so they leave the buckets they joined.
 *
 * @param storyId     the story
 * @param clusterId   its cluster (its own id when it started the cluster)
 * @param duplicateOf the story it is a near-duplicate copy of, or null
 * @param source      its source (agency)
 * @param timeMs      when it was (last) indexed, epoch ms; the window and the expiry count from here
 * @param shingles    MinHash signature over word shingles
 * @param words       MinHash signature over single words
 * @param entityIds   canonical entity ids, most salient first
 * @param valueBits   bits of each signature value: {@value #VALUE_BITS}, or 32 in a print of an earlier release
 */
public record StoryPrint(String storyId, String clusterId, String duplicateOf, String source, long timeMs,
                         int[] shingles, int[] words, List<String> entityIds, int valueBits) {

    /** Bits kept of each MinHash value in prints made now. */
    public static final int VALUE_BITS = 16;
    /** 32-bit values. */
    private static final byte FORMAT_WIDE = 1;
    /** 16-bit values. */
    private static final byte FORMAT = 2;

    public StoryPrint {
        if (valueBits != VALUE_BITS && valueBits != Integer.SIZE) {
            throw new IllegalArgumentException("signature values of " + valueBits + " bits");
        }
    }

    /** A print made now: signatures of {@value #VALUE_BITS}-bit values (see {@link #narrow}). */
    public StoryPrint(String storyId, String clusterId, String duplicateOf, String source, long timeMs,
                      int[] shingles, int[] words, List<String> entityIds) {
        this(storyId, clusterId, duplicateOf, source, timeMs, shingles, words, entityIds, VALUE_BITS);
    }

    /** The low {@value #VALUE_BITS} bits of each of a signature's 32-bit values. */
    public static int[] narrow(int[] signature) {
        int[] out = new int[signature.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = signature[i] & ((1 << VALUE_BITS) - 1);
        }
        return out;
    }

    /** The shingle signature in {@value #VALUE_BITS}-bit values, what prints are compared on. */
    public int[] narrowShingles() {
        return valueBits == VALUE_BITS ? shingles : narrow(shingles);
    }

    /** The word signature in {@value #VALUE_BITS}-bit values. */
    public int[] narrowWords() {
        return valueBits == VALUE_BITS ? words : narrow(words);
    }

    /** The same print in another cluster. */
    public StoryPrint withCluster(String newClusterId, String newDuplicateOf) {
        return new StoryPrint(storyId, newClusterId, newDuplicateOf, source, timeMs, shingles, words, entityIds, valueBits);
    }

    public byte[] encode() {
        boolean wide = valueBits == Integer.SIZE;
        int valueBytes = wide ? Integer.BYTES : Short.BYTES;
        List<byte[]> strings = new ArrayList<>();
        strings.add(utf8(storyId));
        strings.add(utf8(clusterId));
        strings.add(utf8(duplicateOf == null ? "" : duplicateOf));
        strings.add(utf8(source == null ? "" : source));
        entityIds.forEach(id -> strings.add(utf8(id)));
        int size = 1 + 8 + 4 + valueBytes * shingles.length + 4 + valueBytes * words.length + 4;
        for (byte[] s : strings) {
            size += 4 + s.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(wide ? FORMAT_WIDE : FORMAT).putLong(timeMs);
        putValues(b, shingles, wide);
        putValues(b, words, wide);
        b.putInt(strings.size());
        for (byte[] s : strings) {
            b.putInt(s.length).put(s);
        }
        return b.array();
    }

    private static void putValues(ByteBuffer b, int[] values, boolean wide) {
        b.putInt(values.length);
        for (int v : values) {
            if (wide) {
                b.putInt(v);
            } else {
                b.putShort((short) v);
            }
        }
    }

    /** The {@link #timeMs} of an encoded print, without decoding the rest. */
    public static long timeMs(byte[] encoded) {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        format(b);
        return b.getLong();
    }

    public static StoryPrint decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        boolean wide = format(b) == FORMAT_WIDE;
        long time = b.getLong();
        int[] shingles = values(b, wide);
        int[] words = values(b, wide);
        int n = b.getInt();
        List<String> strings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] s = new byte[b.getInt()];
            b.get(s);
            strings.add(new String(s, StandardCharsets.UTF_8));
        }
        String dup = strings.get(2).isEmpty() ? null : strings.get(2);
        String source = strings.get(3).isEmpty() ? null : strings.get(3);
        return new StoryPrint(strings.get(0), strings.get(1), dup, source, time, shingles, words,
            List.copyOf(strings.subList(4, strings.size())), wide ? Integer.SIZE : VALUE_BITS);
    }

    private static byte format(ByteBuffer b) {
        byte format = b.get();
        if (format != FORMAT && format != FORMAT_WIDE) {
            throw new IllegalStateException("story print in an unknown format " + format);
        }
        return format;
    }

    private static int[] values(ByteBuffer b, boolean wide) {
        int[] out = new int[b.getInt()];
        for (int i = 0; i < out.length; i++) {
            out[i] = wide ? b.getInt() : Short.toUnsignedInt(b.getShort());
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

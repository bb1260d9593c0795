package io.wirestream.enrich.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cluster index remembers of one story: its cluster, what it duplicates, when it was indexed, its source,
 * its two MinHash signatures (word shingles for near-duplicates, single words for same-event similarity) and its
 * canonical entity ids. About 1.1 KB with the default settings.
 *
 * @param storyId     the story
 * @param clusterId   its cluster (its own id when it started the cluster)
 * @param duplicateOf the story it is a near-duplicate copy of, or null
 * @param source      its source (agency)
 * @param timeMs      when it was (last) indexed, epoch ms; the window and the expiry count from here
 * @param shingles    MinHash signature over word shingles
 * @param words       MinHash signature over single words
 * @param entityIds   canonical entity ids, most salient first
 */
public record StoryPrint(String storyId, String clusterId, String duplicateOf, String source, long timeMs,
                         int[] shingles, int[] words, List<String> entityIds) {

    private static final byte FORMAT = 1;

    /** The same print in another cluster. */
    public StoryPrint withCluster(String newClusterId, String newDuplicateOf) {
        return new StoryPrint(storyId, newClusterId, newDuplicateOf, source, timeMs, shingles, words, entityIds);
    }

    public byte[] encode() {
        List<byte[]> strings = new ArrayList<>();
        strings.add(utf8(storyId));
        strings.add(utf8(clusterId));
        strings.add(utf8(duplicateOf == null ? "" : duplicateOf));
        strings.add(utf8(source == null ? "" : source));
        entityIds.forEach(id -> strings.add(utf8(id)));
        int size = 1 + 8 + 4 + 4 * shingles.length + 4 + 4 * words.length + 4;
        for (byte[] s : strings) {
            size += 4 + s.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(FORMAT).putLong(timeMs);
        b.putInt(shingles.length);
        for (int v : shingles) {
            b.putInt(v);
        }
        b.putInt(words.length);
        for (int v : words) {
            b.putInt(v);
        }
        b.putInt(strings.size());
        for (byte[] s : strings) {
            b.putInt(s.length).put(s);
        }
        return b.array();
    }

    /** The {@link #timeMs} of an encoded print, without decoding the rest. */
    public static long timeMs(byte[] encoded) {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalStateException("story print in an unknown format " + format);
        }
        return b.getLong();
    }

    public static StoryPrint decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalStateException("story print in an unknown format " + format);
        }
        long time = b.getLong();
        int[] shingles = ints(b);
        int[] words = ints(b);
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
            List.copyOf(strings.subList(4, strings.size())));
    }

    private static int[] ints(ByteBuffer b) {
        int[] out = new int[b.getInt()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

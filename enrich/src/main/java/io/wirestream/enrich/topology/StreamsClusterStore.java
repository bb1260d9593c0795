package io.wirestream.enrich.topology;

import io.wirestream.enrich.cluster.ClusterStore;
import io.wirestream.enrich.cluster.StoryPrint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The cluster index in the {@value EnrichTopology#CLUSTER_STORE} store (changelogged, so it is restored with its
 * task and written in the task's exactly-once transaction):
 * <ul>
 *   <li>{@code s/<storyId>}: the story's {@link StoryPrint};</li>
 *   <li>{@code m/<length of bucket>:<bucket>/<storyId>}: one bucket membership, its value the 8-byte sequence number
 *       of the addition, so a bucket is read with one prefix scan and ordered oldest first by that number, and a
 *       member leaves with one delete. The length prefix keeps buckets apart whatever characters they hold:
 *       {@code lsh/3:ab}'s prefix {@code m/8:lsh/3:ab/} is not a prefix of any key of {@code lsh/3:abc}
 *       ({@code m/9:...});</li>
 *   <li>{@code c/<length of original>:<original>/<copyId>}: a near-duplicate noted under its original (it joins
 *       no bucket while the original is indexed), its value the 8-byte sequence number of the note;</li>
 *   <li>{@code n/seq}: the sequence numbers handed out so far are all below this value. It is raised
 *       {@value #SEQUENCE_BLOCK} at a time (one write per block, not per addition) and read back after a restore,
 *       so numbers only grow across restarts (some are skipped, which order does not mind).</li>
 * </ul>
 * Before, a bucket was one key {@code b/<bucket>} holding all its ids newline-joined, rewritten whole (about 1.3 KB
 * with 64 ids) for every story added: most of enrich's changelog bytes. A store written that way is converted where
 * it stands, bucket by bucket, the first time each old bucket is read or changed (see {@link #convertLegacy}).
 *
 * <p>The members of the {@value #CACHED_BUCKETS} buckets used last, and as many prints, are also kept in memory,
 * written through. A busy bucket (a frequent entity, a story copied again and again) adds a member and drops its
 * oldest for every story, so its key range fills with RocksDB tombstones that a prefix scan must step over until
 * compaction removes them: reading such buckets from RocksDB for every story cost 23 ms per story in
 * {@code ClusterStageBenchmark} (near-copies), against 1.9 ms with the old lists. The cache is as old as this object, which lives as long as the processor: Kafka Streams
 * initializes the processor again whenever it wipes or restores the store (a task revived after an aborted
 * transaction, a task moved), so what is cached is always what the store holds.
 */
final class StreamsClusterStore implements ClusterStore {

    private static final String STORY = "s/";
    private static final String MEMBER = "m/";
    private static final String COPY = "c/";
    /** The previous release's bucket lists; converted when met, never written. */
    private static final String LEGACY_BUCKET = "b/";
    private static final String SEQUENCE = "n/seq";
    private static final long SEQUENCE_BLOCK = 1024;
    private static final Serializer<String> KEYS = Serdes.String().serializer();
    static final int CACHED_BUCKETS = 4096;

    private final KeyValueStore<String, byte[]> store;
    /** The next sequence number; -1 until read from the store. */
    private long nextSequence = -1;
    private long sequenceLimit;
    /** Whether old-format buckets may remain; null until looked up (again after each expiry). */
    private Boolean legacyBuckets;
    /**
     * Members of recently used buckets, oldest first, exactly as in the store. Lists, not linked sets: the cluster
     * stage walks some 40 full buckets per story, and chasing a linked set's nodes cost 14 % of it; adding and
     * removing scan at most {@code maxBucket} (64) ids.
     */
    private final Map<String, List<String>> cached = lru(CACHED_BUCKETS);
    /** Recently read or written prints (a busy bucket's members are every story's candidates). */
    private final Map<String, StoryPrint> prints = lru(CACHED_BUCKETS);

    StreamsClusterStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** A map that keeps the {@code size} entries used last. */
    private static <V> Map<String, V> lru(int size) {
        return new LinkedHashMap<>(size * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > size;
            }
        };
    }

    @Override
    public StoryPrint story(String storyId) {
        StoryPrint print = prints.get(storyId);
        if (print == null) {
            byte[] bytes = store.get(STORY + storyId);
            if (bytes == null) {
                return null;
            }
            print = StoryPrint.decode(bytes);
            prints.put(storyId, print);
        }
        return print;
    }

    @Override
    public void putStory(StoryPrint print) {
        store.put(STORY + print.storyId(), print.encode());
        prints.put(print.storyId(), print);
    }

    @Override
    public void deleteStory(String storyId) {
        store.delete(STORY + storyId);
        prints.remove(storyId);
    }

    /** A member and when it was added. */
    private record Member(String storyId, long sequence) {
    }

    @Override
    public Collection<String> bucket(String key) {
        List<String> members = cached.get(key);
        if (members == null) {
            members = read(key);
            cached.put(key, members);
        }
        return Collections.unmodifiableList(members);
    }

    private List<String> read(String key) {
        convertLegacy(key);
        return scan(memberPrefix(key));
    }

    /** The ids under {@code prefix}, in the order of their sequence numbers. */
    private List<String> scan(String prefix) {
        List<Member> members = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                members.add(new Member(entry.key.substring(prefix.length()), ByteBuffer.wrap(entry.value).getLong()));
            }
        }
        members.sort(Comparator.comparingLong(Member::sequence));
        List<String> ids = new ArrayList<>(members.size() + 1);
        members.forEach(m -> ids.add(m.storyId()));
        return ids;
    }

    @Override
    public void addToBucket(String key, String storyId) {
        List<String> members = cached.get(key);
        if (members == null) {
            convertLegacy(key);
        } else {
            members.remove(storyId);
            members.add(storyId);
        }
        store.put(memberPrefix(key) + storyId, sequence());
    }

    @Override
    public void removeFromBucket(String key, String storyId) {
        List<String> members = cached.get(key);
        String member = memberPrefix(key) + storyId;
        if (members != null) {
            if (members.remove(storyId)) {
                store.delete(member);
            }
            return;
        }
        convertLegacy(key);
        deleteIfPresent(member);
    }

    @Override
    public void addCopy(String originalId, String copyId) {
        store.put(copyPrefix(originalId) + copyId, sequence());
    }

    @Override
    public List<String> copies(String originalId) {
        return scan(copyPrefix(originalId));
    }

    @Override
    public void removeCopy(String originalId, String copyId) {
        deleteIfPresent(copyPrefix(originalId) + copyId);
    }

    /** Deletes {@code key} only when it is there: a delete is logged even when there is nothing to delete (a tombstone). */
    private void deleteIfPresent(String key) {
        if (store.get(key) != null) {
            store.delete(key);
        }
    }

    @Override
    public List<StoryPrint> storiesIndexedBefore(long cutoffMs) {
        // reads only the time of each print; decodes (256 signature values and the ids) only those that expire
        List<StoryPrint> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(STORY, KEYS)) {
            while (it.hasNext()) {
                byte[] print = it.next().value;
                if (StoryPrint.timeMs(print) < cutoffMs) {
                    old.add(StoryPrint.decode(print));
                }
            }
        }
        legacyBuckets = null;  // expiring converts the buckets of every story it removes: look again
        return old;
    }

    @Override
    public long bucketCount() {
        Set<String> buckets = new HashSet<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(MEMBER, KEYS)) {
            while (it.hasNext()) {
                String key = it.next().key;
                int colon = key.indexOf(':', MEMBER.length());
                int length = Integer.parseInt(key.substring(MEMBER.length(), colon));
                buckets.add(key.substring(colon + 1, colon + 1 + length));
            }
        }
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(LEGACY_BUCKET, KEYS)) {
            while (it.hasNext()) {
                buckets.add(it.next().key.substring(LEGACY_BUCKET.length()));
            }
        }
        return buckets.size();
    }

    static String memberPrefix(String bucket) {
        return MEMBER + bucket.length() + ':' + bucket + '/';
    }

    private static String copyPrefix(String originalId) {
        return COPY + originalId.length() + ':' + originalId + '/';
    }

    private byte[] sequence() {
        if (nextSequence < 0) {
            byte[] limit = store.get(SEQUENCE);
            nextSequence = limit == null ? 0 : ByteBuffer.wrap(limit).getLong();
            sequenceLimit = nextSequence;
        }
        if (nextSequence >= sequenceLimit) {
            sequenceLimit = nextSequence + SEQUENCE_BLOCK;
            store.put(SEQUENCE, ByteBuffer.allocate(Long.BYTES).putLong(sequenceLimit).array());
        }
        return ByteBuffer.allocate(Long.BYTES).putLong(nextSequence++).array();
    }

    /**
     * Rewrites the old-format bucket {@code b/<key>}, if there is one, as memberships in its order (oldest first),
     * before the bucket is read or changed; the bucket's contents stay the same, so this may run while only proposing.
     *
     * <p>Why convert in place rather than version the store name ({@code clusters-v2}): a new store would start
     * empty, so for 48 h copies of stories indexed before the upgrade would start clusters of their own, and the old
     * changelog topic would be left behind for an operator to delete. Why bucket by bucket rather than all at once at
     * start-up: a large index rewritten in one exactly-once transaction could outlast {@code transaction.timeout.ms}.
     * Every story in an old bucket has its print in the store, and expiring a story touches all its buckets, so
     * within one window every old bucket has been converted; until then each bucket access costs one more lookup,
     * and after it none (an expiry that finds no old bucket left ends the lookups).
     */
    private void convertLegacy(String key) {
        if (legacyBuckets == null) {
            try (KeyValueIterator<String, byte[]> it = store.prefixScan(LEGACY_BUCKET, KEYS)) {
                legacyBuckets = it.hasNext();
            }
        }
        if (!legacyBuckets) {
            return;
        }
        byte[] old = store.get(LEGACY_BUCKET + key);
        if (old == null) {
            return;
        }
        store.delete(LEGACY_BUCKET + key);
        if (old.length > 0) {
            String prefix = memberPrefix(key);
            for (String id : new String(old, StandardCharsets.UTF_8).split("\n")) {
                store.put(prefix + id, sequence());
            }
        }
    }
}

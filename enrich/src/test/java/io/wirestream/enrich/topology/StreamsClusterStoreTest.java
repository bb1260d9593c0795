package io.wirestream.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.cluster.StoryPrint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster index's key layout on a real key-value store: bucket order, prefixes, restarts, the old format. */
class StreamsClusterStoreTest {

    private KeyValueStore<String, byte[]> kv;
    private StreamsClusterStore store;

    @BeforeEach
    void setUp() {
        kv = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("clusters"), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled().build();
        kv.init(new MockProcessorContext<>().getStateStoreContext(), kv);
        store = new StreamsClusterStore(kv);
    }

    @Test
    void aBucketListsItsMembersOldestFirstAndAMemberAddedAgainBecomesTheNewest() {
        store.addToBucket("ent/x", "b");
        store.addToBucket("ent/x", "a");
        store.addToBucket("ent/x", "c");
        store.addToBucket("ent/x", "b");

        assertThat(store.bucket("ent/x")).containsExactly("a", "c", "b");
    }

    @Test
    void copiesAreNotedUnderTheirOriginalOldestFirstApartFromOriginalsWithLongerIds() {
        store.addCopy("s1", "c2");
        store.addCopy("s1", "c1");
        store.addCopy("s1/c", "c3");  // an id that starts like another's key must not show under it
        store.addCopy("s10", "c4");

        assertThat(store.copies("s1")).containsExactly("c2", "c1");
        assertThat(store.copies("s1/c")).containsExactly("c3");
        store.removeCopy("s1", "c2");
        store.removeCopy("s1", "never-noted");
        assertThat(store.copies("s1")).containsExactly("c1");
        assertThat(store.bucketCount()).as("copies are no bucket").isZero();
    }

    @Test
    void aMemberLeavesWithOneDeleteAndAnEmptyBucketIsGone() {
        store.addToBucket("ent/x", "a");
        store.addToBucket("ent/x", "b");

        store.removeFromBucket("ent/x", "a");
        store.removeFromBucket("ent/x", "not-a-member");
        assertThat(store.bucket("ent/x")).containsExactly("b");
        store.removeFromBucket("ent/x", "b");

        assertThat(store.bucket("ent/x")).isEmpty();
        assertThat(store.bucketCount()).isZero();
    }

    @Test
    void bucketsWhoseKeysStartAlikeDoNotShareMembers() {
        store.addToBucket("lsh/3:ab", "s1");
        store.addToBucket("lsh/3:abc", "s2");
        store.addToBucket("lsh/3:ab/s", "s3");

        assertThat(store.bucket("lsh/3:ab")).containsExactly("s1");
        assertThat(store.bucket("lsh/3:abc")).containsExactly("s2");
        assertThat(store.bucket("lsh/3:ab/s")).containsExactly("s3");
        assertThat(store.bucketCount()).isEqualTo(3);
    }

    @Test
    void membersAddedAfterARestartAreNewerThanThoseBefore() {
        for (int i = 0; i < 1500; i++) {  // past the first block of sequence numbers
            store.addToBucket("ent/x", "old-" + i);
        }
        StreamsClusterStore restarted = new StreamsClusterStore(kv);  // what a restore leaves: the store, no memory

        restarted.addToBucket("ent/x", "new");
        restarted.addToBucket("ent/x", "old-0");

        List<String> members = List.copyOf(restarted.bucket("ent/x"));
        assertThat(members).hasSize(1501);
        assertThat(members.subList(1498, 1501)).containsExactly("old-1499", "new", "old-0");
    }

    @Test
    void aBucketWrittenByThePreviousReleaseIsReadInItsOrderAndConvertedWhenTouched() {
        kv.put("b/ent/x", "s1\ns2\ns3".getBytes(StandardCharsets.UTF_8));
        StreamsClusterStore upgraded = new StreamsClusterStore(kv);

        assertThat(upgraded.bucket("ent/x")).containsExactly("s1", "s2", "s3");
        upgraded.addToBucket("ent/x", "s4");
        upgraded.removeFromBucket("ent/x", "s2");

        assertThat(upgraded.bucket("ent/x")).containsExactly("s1", "s3", "s4");
        assertThat(kv.get("b/ent/x")).as("the old list is gone").isNull();
        assertThat(upgraded.bucketCount()).isEqualTo(1);
    }

    @Test
    void onlyStoriesIndexedBeforeTheCutoffAreExpiryCandidates() {
        store.putStory(print("early", 1_000));
        store.putStory(print("late", 5_000));

        assertThat(store.storiesIndexedBefore(5_000)).extracting(StoryPrint::storyId).containsExactly("early");
    }

    private static StoryPrint print(String id, long timeMs) {
        return new StoryPrint(id, id, null, "src", timeMs, new int[] {1, 2}, new int[] {3}, List.of("loc:x"));
    }
}

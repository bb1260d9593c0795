package io.wirestream.enrich.cluster;

import java.util.Collection;
import java.util.List;

/**
 * Where {@link ClusterAssigner} keeps its state: one {@link StoryPrint} per story id and the members of each bucket
 * (LSH band buckets and entity buckets), kept in the order they were added. In enrich this is a changelogged Kafka
 * Streams store; in tests and in the evaluation a map ({@link MapClusterStore}). The assigner decides which members a
 * bucket keeps (the newest {@code maxBucket}); the store only adds and removes one member at a time, so each change
 * is one small write.
 */
public interface ClusterStore {

    StoryPrint story(String storyId);

    void putStory(StoryPrint print);

    void deleteStory(String storyId);

    /**
     * Story ids in the bucket, oldest first; empty when there is none. A read-only view, not a copy (the cluster stage
     * reads some 40 full buckets per story, and copying them was a sixth of its time): valid until the store next
     * changes, so copy what must outlive a change.
     */
    Collection<String> bucket(String key);

    /** Makes {@code storyId} the newest member of the bucket (moving it there when it is already a member). */
    void addToBucket(String key, String storyId);

    /** Takes {@code storyId} out of the bucket; nothing happens when it is not a member. */
    void removeFromBucket(String key, String storyId);

    /**
     * Notes that {@code copyId} is a near-duplicate of {@code originalId}: such a copy joins no bucket while its
     * original is indexed (and its text still duplicates the original's), and is put in the buckets if the original
     * is killed.
     */
    void addCopy(String originalId, String copyId);

    /** The copies noted of {@code originalId}, oldest first. */
    List<String> copies(String originalId);

    /** Forgets that {@code copyId} copies {@code originalId}; nothing happens when it was not noted. */
    void removeCopy(String originalId, String copyId);

    /** The prints of the stories indexed before {@code cutoffMs} (order unspecified). */
    List<StoryPrint> storiesIndexedBefore(long cutoffMs);

    /** Number of non-empty buckets (for tests and metrics). */
    long bucketCount();
}

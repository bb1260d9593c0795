package io.wirestream.enrich.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where {@link ClusterAssigner} keeps its state: one {@link StoryPrint} per story id and the members of each bucket
 * (LSH band buckets and entity buckets). In enrich this is a changelogged Kafka Streams store; in tests and in the
 * evaluation a map ({@link MapClusterStore}).
 */
public interface ClusterStore {

    StoryPrint story(String storyId);

    void putStory(StoryPrint print);

    void deleteStory(String storyId);

    /** Story ids in the bucket, oldest first; empty when there is none. */
    List<String> bucket(String key);

    /** Replaces the bucket's members; an empty list deletes the bucket. */
    void putBucket(String key, List<String> storyIds);

    /** Every story print (order unspecified); the caller must not modify the store from {@code action}. */
    void forEachStory(Consumer<StoryPrint> action);

    /** Number of buckets held (for tests and metrics). */
    long bucketCount();
}

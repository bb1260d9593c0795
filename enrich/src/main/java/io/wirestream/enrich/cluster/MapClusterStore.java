package io.wirestream.enrich.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A {@link ClusterStore} in two hash maps: for unit tests and the offline evaluation. Not thread-safe. */
public final class MapClusterStore implements ClusterStore {

    private final Map<String, StoryPrint> stories = new HashMap<>();
    private final Map<String, List<String>> buckets = new HashMap<>();

    @Override
    public StoryPrint story(String storyId) {
        return stories.get(storyId);
    }

    @Override
    public void putStory(StoryPrint print) {
        stories.put(print.storyId(), print);
    }

    @Override
    public void deleteStory(String storyId) {
        stories.remove(storyId);
    }

    @Override
    public List<String> bucket(String key) {
        return buckets.getOrDefault(key, List.of());
    }

    @Override
    public void putBucket(String key, List<String> storyIds) {
        if (storyIds.isEmpty()) {
            buckets.remove(key);
        } else {
            buckets.put(key, List.copyOf(storyIds));
        }
    }

    @Override
    public void forEachStory(Consumer<StoryPrint> action) {
        stories.values().forEach(action);
    }

    @Override
    public long bucketCount() {
        return buckets.size();
    }

    public int storyCount() {
        return stories.size();
    }

    /** The largest bucket's size. */
    public int largestBucket() {
        return buckets.values().stream().mapToInt(List::size).max().orElse(0);
    }
}

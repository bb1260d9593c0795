package io.wirestream.enrich.cluster;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A {@link ClusterStore} in two hash maps: for unit tests and the offline evaluation. Not thread-safe. */
public final class MapClusterStore implements ClusterStore {

    private final Map<String, StoryPrint> stories = new HashMap<>();
    /** Members in insertion order, so oldest first. */
    private final Map<String, LinkedHashSet<String>> buckets = new HashMap<>();
    /** Copies by original, oldest first. */
    private final Map<String, LinkedHashSet<String>> copies = new HashMap<>();

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
    public Collection<String> bucket(String key) {
        return view(buckets, key);
    }

    @Override
    public void addToBucket(String key, String storyId) {
        addNewest(buckets, key, storyId);
    }

    @Override
    public void removeFromBucket(String key, String storyId) {
        remove(buckets, key, storyId);
    }

    @Override
    public void addCopy(String originalId, String copyId) {
        addNewest(copies, originalId, copyId);
    }

    @Override
    public List<String> copies(String originalId) {
        return List.copyOf(view(copies, originalId));
    }

    @Override
    public void removeCopy(String originalId, String copyId) {
        remove(copies, originalId, copyId);
    }

    /** The ordered set under {@code key}, read-only; empty when there is none. */
    private static Collection<String> view(Map<String, LinkedHashSet<String>> sets, String key) {
        LinkedHashSet<String> set = sets.get(key);
        return set == null ? List.of() : Collections.unmodifiableSet(set);
    }

    /** Makes {@code id} the newest of the ordered set under {@code key}. */
    private static void addNewest(Map<String, LinkedHashSet<String>> sets, String key, String id) {
        LinkedHashSet<String> set = sets.computeIfAbsent(key, k -> new LinkedHashSet<>());
        set.remove(id);
        set.add(id);
    }

    /** Takes {@code id} out of the set under {@code key}, and the set out of the map when it empties. */
    private static void remove(Map<String, LinkedHashSet<String>> sets, String key, String id) {
        LinkedHashSet<String> set = sets.get(key);
        if (set != null && set.remove(id) && set.isEmpty()) {
            sets.remove(key);
        }
    }

    /** Number of copies noted, of all originals. */
    public int copyCount() {
        return copies.values().stream().mapToInt(LinkedHashSet::size).sum();
    }

    @Override
    public List<StoryPrint> storiesIndexedBefore(long cutoffMs) {
        return stories.values().stream().filter(p -> p.timeMs() < cutoffMs).toList();
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
        return buckets.values().stream().mapToInt(LinkedHashSet::size).max().orElse(0);
    }
}

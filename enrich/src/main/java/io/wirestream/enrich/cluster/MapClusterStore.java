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
        LinkedHashSet<String> members = buckets.get(key);
        return members == null ? List.of() : Collections.unmodifiableSet(members);
    }

    @Override
    public void addToBucket(String key, String storyId) {
        LinkedHashSet<String> members = buckets.computeIfAbsent(key, k -> new LinkedHashSet<>());
        members.remove(storyId);
        members.add(storyId);
    }

    @Override
    public void removeFromBucket(String key, String storyId) {
        LinkedHashSet<String> members = buckets.get(key);
        if (members != null && members.remove(storyId) && members.isEmpty()) {
            buckets.remove(key);
        }
    }

    @Override
    public void addCopy(String originalId, String copyId) {
        LinkedHashSet<String> of = copies.computeIfAbsent(originalId, k -> new LinkedHashSet<>());
        of.remove(copyId);
        of.add(copyId);
    }

    @Override
    public List<String> copies(String originalId) {
        LinkedHashSet<String> of = copies.get(originalId);
        return of == null ? List.of() : List.copyOf(of);
    }

    @Override
    public void removeCopy(String originalId, String copyId) {
        LinkedHashSet<String> of = copies.get(originalId);
        if (of != null && of.remove(copyId) && of.isEmpty()) {
            copies.remove(originalId);
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

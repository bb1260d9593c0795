package io.wirestream.enrich.topology;

import io.wirestream.enrich.cluster.ClusterStore;
import io.wirestream.enrich.cluster.StoryPrint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The cluster index in the {@value EnrichTopology#CLUSTER_STORE} store (changelogged, so it is restored with its
 * task and written in the task's exactly-once transaction): {@code s/<storyId>} holds a {@link StoryPrint},
 * {@code b/<bucket>} the story ids of one bucket, newline-separated, oldest first.
 */
final class StreamsClusterStore implements ClusterStore {

    private static final String STORY = "s/";
    private static final String BUCKET = "b/";

    private final KeyValueStore<String, byte[]> store;

    StreamsClusterStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    @Override
    public StoryPrint story(String storyId) {
        byte[] bytes = store.get(STORY + storyId);
        return bytes == null ? null : StoryPrint.decode(bytes);
    }

    @Override
    public void putStory(StoryPrint print) {
        store.put(STORY + print.storyId(), print.encode());
    }

    @Override
    public void deleteStory(String storyId) {
        store.delete(STORY + storyId);
    }

    @Override
    public List<String> bucket(String key) {
        byte[] bytes = store.get(BUCKET + key);
        if (bytes == null || bytes.length == 0) {
            return List.of();
        }
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
    }

    @Override
    public void putBucket(String key, List<String> storyIds) {
        if (storyIds.isEmpty()) {
            store.delete(BUCKET + key);
        } else {
            store.put(BUCKET + key, String.join("\n", storyIds).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void forEachStory(Consumer<StoryPrint> action) {
        List<StoryPrint> prints = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(STORY, Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                prints.add(StoryPrint.decode(entry.value));
            }
        }
        prints.forEach(action);
    }

    @Override
    public long bucketCount() {
        long n = 0;
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(BUCKET, Serdes.String().serializer())) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}

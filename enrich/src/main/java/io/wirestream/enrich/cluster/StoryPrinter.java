package io.wirestream.enrich.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Computes the {@link StoryPrint} of a story: its two MinHash signatures (word shingles, single words) and its most
 * salient entity ids. The MinHash is most of the cluster step's CPU, and needs nothing but the story itself, so the
 * enrich stage computes it (one task per news.raw partition, in parallel) and the single cluster task only compares
 * prints. Immutable and thread-safe.
 */
public final class StoryPrinter {

    private final int maxEntities;
    private final MinHasher shingleHasher;
    private final MinHasher wordHasher;

    public StoryPrinter(ClusterSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.maxEntities = settings.maxEntities();
        this.shingleHasher = new MinHasher(settings.numHashes(), settings.shingleSize(), ClusterSettings.SEED);
        this.wordHasher = new MinHasher(settings.numHashes(), 1, ClusterSettings.SEED + 1);
    }

    /** The print of {@code story} as it would be indexed, with the given cluster. */
    public StoryPrint print(ClusterAssigner.Story story, String clusterId, String duplicateOf) {
        byte[][] words = MinHasher.utf8Words(story.text());
        long[] hashes = MinHasher.wordHashes(words);
        List<String> entities = new ArrayList<>(new LinkedHashSet<>(story.entityIds()));
        return new StoryPrint(story.storyId(), clusterId, duplicateOf, story.source(), story.timeMs(),
            StoryPrint.narrow(shingleHasher.signature(words, hashes)), StoryPrint.narrow(wordHasher.signature(words, hashes)),
            List.copyOf(entities.subList(0, Math.min(maxEntities, entities.size()))));
    }

    /** The print of a story not yet clustered: its own cluster, no original. */
    public StoryPrint print(ClusterAssigner.Story story) {
        return print(story, story.storyId(), null);
    }
}

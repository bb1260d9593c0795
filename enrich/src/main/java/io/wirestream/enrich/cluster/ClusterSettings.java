package io.wirestream.enrich.cluster;

import java.time.Duration;

/**
 * Tuning of near-duplicate detection and event clustering. The thresholds were chosen on the labelled pairs in
 * {@code enrich/src/test/resources/io/wirestream/enrich/cluster/pairs.tsv} (see enrich/README.md, "One story per
 * event"); {@link ClusterEvaluationTest} keeps them honest.
 *
 * @param numHashes          MinHash functions per signature ({@code bands * rows})
 * @param bands              LSH bands
 * @param shingleSize        words per shingle of the near-duplicate signature
 * @param duplicateThreshold estimated shingle Jaccard from which a story is a copy of another
 * @param eventThreshold     combined score from which two stories indexed at the same time report the same event
 * @param eventThresholdPerHour what the event threshold rises by per hour between the two stories (so a story
 *                           a day later must be far more alike: daily result tables are not one event)
 * @param wordWeight         weight of the word-set Jaccard in the combined score (the rest is entity overlap)
 * @param window             how long a story can be joined; also when it leaves the index
 * @param maxEntities        most salient entity ids indexed per story
 * @param maxBucket          most story ids kept per bucket (the newest), so a common entity cannot grow without bound
 */
public record ClusterSettings(int numHashes, int bands, int shingleSize, double duplicateThreshold,
                              double eventThreshold, double eventThresholdPerHour, double wordWeight, Duration window, int maxEntities, int maxBucket) {

    /** Fixed seed of the hash family: the stored signatures depend on it. */
    public static final long SEED = 0x5712_1996_0822L;

    public ClusterSettings {
        if (numHashes % bands != 0) {
            throw new IllegalArgumentException("numHashes " + numHashes + " is not a multiple of bands " + bands);
        }
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings(128, 32, 3, 0.60, 0.30, 0.025, 0.5, Duration.ofHours(48), 10, 64);
    }

    public ClusterSettings withWindow(Duration window) {
        return new ClusterSettings(numHashes, bands, shingleSize, duplicateThreshold, eventThreshold,
            eventThresholdPerHour, wordWeight,
            window, maxEntities, maxBucket);
    }

    public ClusterSettings withMaxBucket(int maxBucket) {
        return new ClusterSettings(numHashes, bands, shingleSize, duplicateThreshold, eventThreshold,
            eventThresholdPerHour, wordWeight,
            window, maxEntities, maxBucket);
    }
}

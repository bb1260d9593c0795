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
 * @param maxCandidates      most candidate prints read and compared per story (those sharing the most buckets, then
 *                           the newest), so a story on busy entities costs at most this many store reads, not
 *                           {@code (bands + maxEntities) * maxBucket}
 */
public record ClusterSettings(int numHashes, int bands, int shingleSize, double duplicateThreshold,
                              double eventThreshold, double eventThresholdPerHour, double wordWeight, Duration window, int maxEntities, int maxBucket,
                              int maxCandidates) {

    /** Fixed seed of the hash family: the stored signatures depend on it. */
    public static final long SEED = 0x5712_1996_0822L;

    public ClusterSettings {
        if (numHashes % bands != 0) {
            throw new IllegalArgumentException("numHashes " + numHashes + " is not a multiple of bands " + bands);
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be positive, not " + maxCandidates);
        }
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings(128, 32, 3, 0.60, 0.30, 0.025, 0.5, Duration.ofHours(48), 10, 64, 64);
    }

    public ClusterSettings withWindow(Duration window) {
        return new ClusterSettings(numHashes, bands, shingleSize, duplicateThreshold, eventThreshold,
            eventThresholdPerHour, wordWeight,
            window, maxEntities, maxBucket, maxCandidates);
    }

    public ClusterSettings withMaxCandidates(int maxCandidates) {
        return new ClusterSettings(numHashes, bands, shingleSize, duplicateThreshold, eventThreshold,
            eventThresholdPerHour, wordWeight,
            window, maxEntities, maxBucket, maxCandidates);
    }

    public ClusterSettings withMaxBucket(int maxBucket) {
        return new ClusterSettings(numHashes, bands, shingleSize, duplicateThreshold, eventThreshold,
            eventThresholdPerHour, wordWeight,
            window, maxEntities, maxBucket, maxCandidates);
    }
}

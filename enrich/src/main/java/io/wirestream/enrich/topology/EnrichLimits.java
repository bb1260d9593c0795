package io.wirestream.enrich.topology;

import java.time.Duration;

/**
 * The bounds the topology keeps.
 *
 * @param dedupeRetention how long a story's dedupe state is kept after its last emit; a story that comes back later
 *                        is treated as new (keep it longer than news.raw's retention, so a replay is deduplicated)
 * @param maxOutputBytes  largest serialized EnrichedArticle the topology writes; a story whose enriched record would
 *                        be larger goes to the dead letter queue instead (keep it below the producer's
 *                        {@code max.request.size} and the topics' {@code max.message.bytes}, 32 MiB here)
 */
public record EnrichLimits(Duration dedupeRetention, int maxOutputBytes) {

    public static final Duration DEFAULT_DEDUPE_RETENTION = Duration.ofDays(30);
    /**
     * The pipeline's record limit ({@link io.wirestream.schemas.topic.RecordSizes#MAX_RECORD_BYTES}, 32 MiB: the
     * producer's max.request.size and the topics' max.message.bytes) minus 64 KiB for key, headers and batch overhead.
     */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = io.wirestream.schemas.topic.RecordSizes.MAX_RECORD_BYTES - 64 * 1024;

    public EnrichLimits {
        if (dedupeRetention == null || dedupeRetention.isNegative() || dedupeRetention.isZero()) {
            throw new IllegalArgumentException("dedupeRetention must be positive: " + dedupeRetention);
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
        }
    }

    public static EnrichLimits defaults() {
        return new EnrichLimits(DEFAULT_DEDUPE_RETENTION, DEFAULT_MAX_OUTPUT_BYTES);
    }
}

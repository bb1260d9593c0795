package io.wirestream.ingest.source;

/** Where an article was stored: topic, partition, offset (-1 for a dry run). */
public record Delivery(String storyId, int version, String topic, int partition, long offset) {
}

package io.wirestream.ingest.source;

import io.wirestream.schemas.RawArticle;

import java.util.concurrent.CompletableFuture;

/**
 * Where parsed articles go: the Kafka publisher, or stdout for a dry run. The future completes when the article is
 * durably stored (for Kafka: acknowledged by the broker with acks=all) and fails otherwise.
 */
public interface ArticleSink extends AutoCloseable {

    CompletableFuture<Delivery> send(RawArticle article);

    /**
     * Why this sink would refuse the article whatever the broker's state (e.g. its record is too large), or null.
     * Checked for every article of an input before any is sent, so an input is refused whole.
     */
    default Exception refusal(RawArticle article) {
        return null;
    }

    @Override
    default void close() {
    }
}

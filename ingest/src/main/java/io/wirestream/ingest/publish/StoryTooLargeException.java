package io.wirestream.ingest.publish;

import io.wirestream.ingest.format.InputTooLargeException;

/**
 * A story whose Kafka record is larger than the pipeline takes ({@link io.wirestream.schemas.topic.RecordSizes}),
 * found before anything of its input was sent, or refused by the broker as too large. An {@link InputTooLargeException},
 * so every source reports it as one (HTTP: 413), never as a broker failure (503).
 */
public final class StoryTooLargeException extends InputTooLargeException {

    private final String message;

    public StoryTooLargeException(String storyId, long recordBytes, long limit, boolean refusedByBroker) {
        super(recordBytes, limit);
        this.message = refusedByBroker
            ? "story " + storyId + " is too large: the broker refused its record of " + recordBytes + " bytes (topic max.message.bytes)"
            : "story " + storyId + " is too large: its record of " + recordBytes + " bytes exceeds the limit of " + limit + " bytes";
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String reason() {
        return message;
    }
}

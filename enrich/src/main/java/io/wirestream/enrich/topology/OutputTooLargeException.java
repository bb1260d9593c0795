package io.wirestream.enrich.topology;

/**
 * A story whose enriched record would exceed {@link EnrichLimits#maxOutputBytes()}. Thrown from the processor, so the
 * processing exception handler sends the raw record to the dead letter queue, and no send fails inside the transaction
 * (a producer-side RecordTooLargeException would abort it and the record would come back forever).
 */
public final class OutputTooLargeException extends RuntimeException {

    public OutputTooLargeException(String storyId, int bytes, int limit) {
        super("enriched record of story " + storyId + " is " + bytes + " bytes, over the limit of " + limit
            + " (max.output.bytes); the raw record goes to the dead letter queue");
    }
}

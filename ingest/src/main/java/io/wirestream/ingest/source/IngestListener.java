package io.wirestream.ingest.source;

import io.wirestream.schemas.RawArticle;

import java.util.List;

/** Told about every input a source handles: accepted (parsed and delivered) or rejected (with the reason). */
public interface IngestListener {

    /** Every article of the input was delivered. */
    default void accepted(String input, String format, List<RawArticle> articles, List<Delivery> deliveries) {
    }

    /**
     * The input was not accepted: {@code format} is the chosen parser (null when none was), {@code error} a
     * {@link io.wirestream.ingest.format.ParseException} for bad input or another exception for a delivery failure.
     */
    default void rejected(String input, String format, Exception error) {
    }

    static IngestListener all(IngestListener... listeners) {
        return new IngestListener() {
            @Override
            public void accepted(String input, String format, List<RawArticle> articles, List<Delivery> deliveries) {
                for (IngestListener l : listeners) {
                    l.accepted(input, format, articles, deliveries);
                }
            }

            @Override
            public void rejected(String input, String format, Exception error) {
                for (IngestListener l : listeners) {
                    l.rejected(input, format, error);
                }
            }
        };
    }
}

package io.wirestream.ingest.source;

import io.wirestream.ingest.format.ParseResult;
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

    /**
     * Some stories of a multi-story input (ANPA / IPTC 7901) could not be read; the others go on to be delivered
     * ({@link #accepted} or {@link #rejected} follows for them).
     */
    default void storiesRejected(String input, String format, List<ParseResult.StoryFailure> failures) {
    }

    /** An input was complete but its client went away before it was published: nothing of it was published. */
    default void abandoned(String input, String reason) {
    }

    static IngestListener all(IngestListener... listeners) {
        return new IngestListener() {
            @Override
            public void abandoned(String input, String reason) {
                for (IngestListener l : listeners) {
                    l.abandoned(input, reason);
                }
            }

            @Override
            public void storiesRejected(String input, String format, List<ParseResult.StoryFailure> failures) {
                for (IngestListener l : listeners) {
                    l.storiesRejected(input, format, failures);
                }
            }

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

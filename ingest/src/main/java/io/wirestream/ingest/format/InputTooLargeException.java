package io.wirestream.ingest.format;

/** The input is larger than the configured cap (HTTP 413). Nothing of it was parsed. */
public class InputTooLargeException extends ParseException {
    private final long limit;

    public InputTooLargeException(long size, long limit) {
        super(null, "input of " + (size < 0 ? "more than " + limit : String.valueOf(size)) + " bytes exceeds the limit of " + limit + " bytes",
                0, 0, limit, null, null);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}

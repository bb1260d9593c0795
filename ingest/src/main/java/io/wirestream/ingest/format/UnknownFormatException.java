package io.wirestream.ingest.format;

/** No parser recognised the bytes (HTTP 415), or a forced format name is not known. */
public class UnknownFormatException extends ParseException {
    public UnknownFormatException(String reason) {
        super(null, reason, 0, 0, 0, null, null);
    }
}

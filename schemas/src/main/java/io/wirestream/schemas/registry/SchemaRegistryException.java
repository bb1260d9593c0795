package io.wirestream.schemas.registry;

/**
 * Base of every error the schema registry client reports. Carries the HTTP status and the registry's
 * {@code error_code} when the registry answered (both {@code -1} when it never did, e.g. a connection failure).
 */
public class SchemaRegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        this(message, httpStatus, errorCode, null);
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the registry's answer, {@code -1} if there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 40401), the HTTP status when the body had none, {@code -1} if there was no answer. */
    public int errorCode() {
        return errorCode;
    }
}

package io.wirestream.schemas.registry;

/** The version is not a positive integer or "latest" (error code 42202). */
public class InvalidVersionException extends SchemaRegistryException {

    public InvalidVersionException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }

    public InvalidVersionException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}

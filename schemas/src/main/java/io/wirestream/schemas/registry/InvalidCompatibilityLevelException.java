package io.wirestream.schemas.registry;

/** The compatibility level is not one the registry knows (error code 42203). */
public class InvalidCompatibilityLevelException extends SchemaRegistryException {

    public InvalidCompatibilityLevelException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }

    public InvalidCompatibilityLevelException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}

package io.wirestream.schemas.registry;

/** The registry could not be reached, or answered with a server error (5xx, e.g. 50001), after all retries. */
public class RegistryUnavailableException extends SchemaRegistryException {

    public RegistryUnavailableException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }

    public RegistryUnavailableException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}

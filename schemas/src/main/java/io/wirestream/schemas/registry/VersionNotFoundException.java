package io.wirestream.schemas.registry;

/** The subject exists but has no such version (error code 40402). */
public class VersionNotFoundException extends SchemaRegistryException {

    public VersionNotFoundException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }

    public VersionNotFoundException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}

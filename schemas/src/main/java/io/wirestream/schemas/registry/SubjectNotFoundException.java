package io.wirestream.schemas.registry;

/** The subject does not exist (error code 40401). */
public class SubjectNotFoundException extends SchemaRegistryException {

    public SubjectNotFoundException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }

    public SubjectNotFoundException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}

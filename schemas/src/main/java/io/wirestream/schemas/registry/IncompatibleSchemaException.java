package io.wirestream.schemas.registry;

/** The schema is not compatible with the subject's earlier versions under its compatibility level (HTTP 409, error code 409 or 40901). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }

    public IncompatibleSchemaException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}

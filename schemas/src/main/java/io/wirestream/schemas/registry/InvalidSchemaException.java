package io.wirestream.schemas.registry;

/** The registry could not parse the schema (error code 42201). */
public class InvalidSchemaException extends SchemaRegistryException {

    public InvalidSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }

    public InvalidSchemaException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}

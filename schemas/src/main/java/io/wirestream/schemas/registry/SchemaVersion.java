package io.wirestream.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/** One version of a subject: its number (1, 2, ...), the registry-wide schema id and the schema itself. */
public record SchemaVersion(String subject, int version, int id, Schema schema) {
    public SchemaVersion {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}

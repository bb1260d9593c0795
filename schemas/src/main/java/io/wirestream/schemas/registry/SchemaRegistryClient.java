package io.wirestream.schemas.registry;

import java.io.Closeable;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A client of a Confluent-compatible schema registry (Avro schemas only).
 *
 * <p>Every method throws a {@link SchemaRegistryException} subtype on failure: {@link SubjectNotFoundException},
 * {@link VersionNotFoundException}, {@link SchemaNotFoundException}, {@link IncompatibleSchemaException},
 * {@link InvalidSchemaException}, {@link InvalidVersionException}, {@link InvalidCompatibilityLevelException},
 * {@link RegistryUnavailableException}. Implementations are thread-safe.
 */
public interface SchemaRegistryClient extends Closeable {

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is already there).
     * The registry checks it against the subject's compatibility level first.
     *
     * @return the registry-wide schema id
     * @throws IncompatibleSchemaException when the subject's compatibility level refuses it
     */
    int register(String subject, Schema schema);

    /** The schema with this registry-wide id. @throws SchemaNotFoundException when there is none */
    Schema getById(int id);

    /** The latest version of the subject. @throws SubjectNotFoundException when the subject does not exist */
    SchemaVersion getLatest(String subject);

    /** The given version (1, 2, ...) of the subject. @throws VersionNotFoundException when it has no such version */
    SchemaVersion getVersion(String subject, int version);

    /**
     * The id of {@code schema} as registered under {@code subject}, without registering it.
     *
     * @throws SubjectNotFoundException when the subject does not exist
     * @throws SchemaNotFoundException when the schema is not registered under the subject
     */
    int lookupId(String subject, Schema schema);

    /** All subjects, in the registry's order. */
    List<String> subjects();

    /** The version numbers of the subject, ascending. */
    List<Integer> versions(String subject);

    /** Whether {@code schema} could be registered under {@code subject} given its compatibility level (checked against the latest version). */
    boolean testCompatibility(String subject, Schema schema);

    /**
     * The compatibility level in force ({@code BACKWARD}, {@code NONE}, ...): the subject's own level when
     * {@code subjectOrNull} is a subject that has one, otherwise the global level.
     */
    String getCompatibility(String subjectOrNull);

    /** Sets the compatibility level of a subject, or the global level when {@code subjectOrNull} is null. */
    void setCompatibility(String subjectOrNull, String level);

    /** Releases the client's resources; no exception. */
    @Override
    void close();
}

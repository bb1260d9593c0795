package io.wirestream.local.registry;

import io.wirestream.schemas.registry.CompatibilityLevel;
import io.wirestream.schemas.registry.InvalidCompatibilityLevelException;
import org.apache.avro.Schema;

import java.util.List;

/**
 * The registry's side of a compatibility check. {@link CompatibilityLevel} (schemas module) decides what is
 * compatible at which level; this names the earlier schemas by their version numbers, words each problem and the
 * 409 answer as Confluent's registry does, and answers an unknown level with the registry's 42203 error.
 */
final class Compatibility {

    private Compatibility() {
    }

    /** An earlier version of a subject. */
    record Previous(int version, Schema schema) { }

    /** One incompatibility between the candidate and an earlier version. */
    record Problem(int oldVersion, Schema oldSchema, String errorType, String description) { }

    /** Parses a level name case-insensitively; 422/42203 for anything else. */
    static CompatibilityLevel parse(String name) {
        try {
            return CompatibilityLevel.parse(name);
        } catch (InvalidCompatibilityLevelException e) {
            throw RegistryException.invalidCompatibilityLevel(name);
        }
    }

    /**
     * Checks {@code candidate} against the live versions of a subject, oldest first.
     *
     * @param againstEveryGiven check against every given version regardless of transitivity (used when a client
     *                          asks about one specific version)
     * @return the incompatibilities, empty when compatible
     */
    static List<Problem> check(CompatibilityLevel level, Schema candidate, List<Previous> previousOldestFirst,
                               boolean againstEveryGiven) {
        List<Schema> schemas = previousOldestFirst.stream().map(Previous::schema).toList();
        return level.incompatibilities(candidate, schemas, againstEveryGiven).stream().map(found -> {
            Previous earlier = previousOldestFirst.get(found.earlierIndex());
            String direction = found.direction() == CompatibilityLevel.Direction.BACKWARD
                    ? "the new schema cannot read data written with version " + earlier.version()
                    : "version " + earlier.version() + " cannot read data written with the new schema";
            String detail = found.location() == null ? found.message()
                    : found.errorType() + " at '" + found.location() + "': " + found.message();
            return new Problem(earlier.version(), earlier.schema(), found.errorType(), direction + ": " + detail);
        }).toList();
    }

    /**
     * The message of a 409 answer, shaped like Confluent's
     * ({@code Schema being registered is incompatible with an earlier schema for subject "s", details: [...]}).
     */
    static String describe(String subject, CompatibilityLevel level, List<Problem> problems) {
        StringBuilder details = new StringBuilder();
        Problem first = problems.get(0);
        for (Problem p : problems) {
            details.append("{errorType:'").append(p.errorType()).append("', description:'").append(p.description())
                    .append("'}, ");
        }
        details.append("{oldSchemaVersion: ").append(first.oldVersion()).append("}, ")
                .append("{oldSchema: '").append(first.oldSchema()).append("'}, ")
                .append("{compatibility: '").append(level.name()).append("'}");
        return "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                + "\", details: [" + details + "]";
    }
}

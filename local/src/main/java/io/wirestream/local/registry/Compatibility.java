package io.wirestream.local.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry's compatibility levels, decided by Avro's own {@link SchemaCompatibility}.
 * BACKWARD: the new schema reads data written with the old one; FORWARD: the old schema reads data written with
 * the new one; FULL: both. Without {@code _TRANSITIVE} only the latest live version is checked, with it every one.
 */
enum Compatibility {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    Compatibility(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Parses a level name case-insensitively; 422/42203 for anything else. */
    static Compatibility parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
        }
        throw RegistryException.invalidCompatibilityLevel(name);
    }

    /** An earlier version of a subject. */
    record Previous(int version, Schema schema) { }

    /** One incompatibility between the candidate and an earlier version. */
    record Problem(int oldVersion, Schema oldSchema, String errorType, String description) { }

    /**
     * Checks {@code candidate} against the live versions of a subject, oldest first.
     *
     * @param onlyAgainstGiven check against every given version regardless of transitivity (used when a client
     *                         asks about one specific version)
     * @return the incompatibilities, empty when compatible
     */
    List<Problem> check(Schema candidate, List<Previous> previousOldestFirst, boolean onlyAgainstGiven) {
        List<Problem> problems = new ArrayList<>();
        if (this == NONE || previousOldestFirst.isEmpty()) {
            return problems;
        }
        List<Previous> against = transitive || onlyAgainstGiven ? previousOldestFirst
                : List.of(previousOldestFirst.get(previousOldestFirst.size() - 1));
        for (Previous earlier : against) {
            if (backward) {
                collect(SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier.schema()), earlier,
                        "the new schema cannot read data written with version " + earlier.version(), problems);
            }
            if (forward) {
                collect(SchemaCompatibility.checkReaderWriterCompatibility(earlier.schema(), candidate), earlier,
                        "version " + earlier.version() + " cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    private static void collect(SchemaPairCompatibility result, Previous earlier, String direction, List<Problem> problems) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        List<Incompatibility> incompatibilities = result.getResult().getIncompatibilities();
        if (incompatibilities.isEmpty()) {
            problems.add(new Problem(earlier.version(), earlier.schema(), result.getType().name(),
                    direction + ": " + result.getDescription()));
            return;
        }
        for (Incompatibility incompatibility : incompatibilities) {
            problems.add(new Problem(earlier.version(), earlier.schema(), incompatibility.getType().name(),
                    direction + ": " + incompatibility.getType() + " at '" + incompatibility.getLocation() + "': "
                            + incompatibility.getMessage()));
        }
    }

    /**
     * The message of a 409 answer, shaped like Confluent's
     * ({@code Schema being registered is incompatible with an earlier schema for subject "s", details: [...]}).
     */
    String describe(String subject, List<Problem> problems) {
        StringBuilder details = new StringBuilder();
        Problem first = problems.get(0);
        for (Problem p : problems) {
            details.append("{errorType:'").append(p.errorType()).append("', description:'").append(p.description())
                    .append("'}, ");
        }
        details.append("{oldSchemaVersion: ").append(first.oldVersion()).append("}, ")
                .append("{oldSchema: '").append(first.oldSchema()).append("'}, ")
                .append("{compatibility: '").append(name()).append("'}");
        return "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                + "\", details: [" + details + "]";
    }
}

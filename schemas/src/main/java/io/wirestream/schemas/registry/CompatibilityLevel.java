package io.wirestream.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The compatibility levels of a Confluent schema registry, checked with Avro's own {@link SchemaCompatibility}.
 *
 * <ul>
 *   <li>{@code BACKWARD}: the new schema (reader) can read data written with the latest one (writer);</li>
 *   <li>{@code FORWARD}: the latest schema (reader) can read data written with the new one;</li>
 *   <li>{@code FULL}: both; the {@code _TRANSITIVE} variants check against every earlier version, not just the latest;</li>
 *   <li>{@code NONE}: no check.</li>
 * </ul>
 */
public enum CompatibilityLevel {
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

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /**
     * Parses a level name, case-insensitively.
     *
     * @throws InvalidCompatibilityLevelException (error code 42203) for an unknown name
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through
            }
        }
        throw new InvalidCompatibilityLevelException("Invalid compatibility level '" + name + "'; valid levels are "
                + List.of(values()), 422, 42203);
    }

    /**
     * Checks {@code candidate} against the earlier versions of a subject.
     *
     * @param previousOldestFirst the subject's versions, oldest first (may be empty)
     * @return a readable description of each incompatibility found; empty when compatible
     */
    public List<String> check(Schema candidate, List<Schema> previousOldestFirst) {
        List<String> problems = new ArrayList<>();
        if (this == NONE || previousOldestFirst.isEmpty()) {
            return problems;
        }
        List<Schema> against = transitive ? previousOldestFirst
                : List.of(previousOldestFirst.get(previousOldestFirst.size() - 1));
        for (Schema earlier : against) {
            if (backward) {
                describe(candidate, earlier, "new schema cannot read data written with an earlier schema", problems);
            }
            if (forward) {
                describe(earlier, candidate, "an earlier schema cannot read data written with the new schema", problems);
            }
        }
        return problems;
    }

    /** Whether {@code candidate} passes {@link #check}. */
    public boolean isCompatible(Schema candidate, List<Schema> previousOldestFirst) {
        return check(candidate, previousOldestFirst).isEmpty();
    }

    /**
     * Whether data written with {@code writer} can be read with {@code reader}, as readable problem descriptions
     * ({@code "READER_FIELD_MISSING_DEFAULT_VALUE at RawArticle.desk: ..."}); empty when it can.
     */
    public static List<String> readerWriterProblems(Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        List<String> problems = new ArrayList<>();
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return problems;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(incompatibility.getType() + " at " + readablePath(reader, incompatibility.getLocation())
                    + ": " + incompatibility.getMessage());
        }
        if (problems.isEmpty()) {
            problems.add(result.getDescription());
        }
        return problems;
    }

    private static void describe(Schema reader, Schema writer, String direction, List<String> problems) {
        for (String problem : readerWriterProblems(reader, writer)) {
            problems.add("{" + direction + ": " + problem + "}");
        }
    }

    /** Turns Avro's JSON-pointer-like location ({@code /fields/20/type}) into field names ({@code RawArticle.version}). */
    static String readablePath(Schema reader, String location) {
        if (location == null || location.isEmpty() || location.equals("/")) {
            return reader.getName();
        }
        try {
            StringBuilder path = new StringBuilder(reader.getName());
            Schema current = reader;
            String[] segments = location.substring(1).split("/");
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                if (segment.equals("fields") && current.getType() == Schema.Type.RECORD && i + 1 < segments.length) {
                    Schema.Field field = current.getFields().get(Integer.parseInt(segments[++i]));
                    path.append('.').append(field.name());
                    current = field.schema();
                } else if (segment.equals("items") && current.getType() == Schema.Type.ARRAY) {
                    path.append("[]");
                    current = current.getElementType();
                } else if (segment.equals("values") && current.getType() == Schema.Type.MAP) {
                    path.append("{}");
                    current = current.getValueType();
                } else if (current.getType() == Schema.Type.UNION && segment.chars().allMatch(Character::isDigit)) {
                    current = current.getTypes().get(Integer.parseInt(segment));
                    path.append("<").append(current.getName()).append(">");
                } else if (!segment.equals("type")) {
                    path.append('/').append(segment);
                }
            }
            return path.toString();
        } catch (RuntimeException e) {
            return location;
        }
    }
}

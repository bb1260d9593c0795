package io.wirestream.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
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
 *
 * <p>This enum owns the level semantics for the whole project: the mock client and the embedded registry (local
 * module) both decide with {@link #incompatibilities}, and only word the answer their own way.
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

    /** Which of the two schemas cannot read data written with the other. */
    public enum Direction {
        /** The new schema (reader) cannot read data written with the earlier one (writer). */
        BACKWARD,
        /** The earlier schema (reader) cannot read data written with the new one (writer). */
        FORWARD
    }

    /**
     * One incompatibility between a candidate schema and one of the earlier schemas it was checked against.
     *
     * @param earlierIndex index of the earlier schema in the list given to {@link #incompatibilities}
     * @param earlier      that earlier schema
     * @param direction    which of the two cannot read the other's data
     * @param errorType    Avro's incompatibility type ({@code READER_FIELD_MISSING_DEFAULT_VALUE}, {@code TYPE_MISMATCH},
     *                     ...), or {@code INCOMPATIBLE} when Avro names none
     * @param location     Avro's JSON-pointer-like location in the reader schema ({@code /fields/1}); null when Avro
     *                     names no incompatibility in particular
     * @param path         the same location as field names ({@code RawArticle.desk}); null when {@code location} is null
     * @param message      Avro's message
     */
    public record Incompatibility(int earlierIndex, Schema earlier, Direction direction, String errorType,
                                  String location, String path, String message) {

        /** {@code "READER_FIELD_MISSING_DEFAULT_VALUE at RawArticle.desk: ..."}; just the message without a location. */
        public String describe() {
            return location == null ? message : errorType + " at " + path + ": " + message;
        }
    }

    /**
     * The incompatibilities of {@code candidate} with the earlier versions of a subject under this level.
     *
     * @param previousOldestFirst the subject's versions, oldest first (may be empty)
     * @param againstEveryGiven   check against every given schema even when this level is not transitive (as when a
     *                            client asks about one specific version and gives just that one); when false, a
     *                            non-transitive level checks against the latest (last) one only
     * @return the incompatibilities in the order of the given schemas, backward before forward for each; empty when
     *         compatible
     */
    public List<Incompatibility> incompatibilities(Schema candidate, List<Schema> previousOldestFirst,
                                                   boolean againstEveryGiven) {
        List<Incompatibility> found = new ArrayList<>();
        if (this == NONE || previousOldestFirst.isEmpty()) {
            return found;
        }
        int first = transitive || againstEveryGiven ? 0 : previousOldestFirst.size() - 1;
        for (int i = first; i < previousOldestFirst.size(); i++) {
            if (backward) {
                collect(candidate, previousOldestFirst.get(i), i, Direction.BACKWARD, found);
            }
            if (forward) {
                collect(candidate, previousOldestFirst.get(i), i, Direction.FORWARD, found);
            }
        }
        return found;
    }

    /**
     * Checks {@code candidate} against the earlier versions of a subject (the latest one only, unless this level is
     * transitive).
     *
     * @param previousOldestFirst the subject's versions, oldest first (may be empty)
     * @return a readable description of each incompatibility found; empty when compatible
     */
    public List<String> check(Schema candidate, List<Schema> previousOldestFirst) {
        return incompatibilities(candidate, previousOldestFirst, false).stream()
                .map(i -> "{" + (i.direction() == Direction.BACKWARD
                        ? "new schema cannot read data written with an earlier schema"
                        : "an earlier schema cannot read data written with the new schema") + ": " + i.describe() + "}")
                .toList();
    }

    /** Whether {@code candidate} passes {@link #check}. */
    public boolean isCompatible(Schema candidate, List<Schema> previousOldestFirst) {
        return incompatibilities(candidate, previousOldestFirst, false).isEmpty();
    }

    /**
     * Whether data written with {@code writer} can be read with {@code reader}, as readable problem descriptions
     * ({@code "READER_FIELD_MISSING_DEFAULT_VALUE at RawArticle.desk: ..."}); empty when it can.
     */
    public static List<String> readerWriterProblems(Schema reader, Schema writer) {
        return BACKWARD.incompatibilities(reader, List.of(writer), true).stream()
                .map(Incompatibility::describe)
                .toList();
    }

    private static void collect(Schema candidate, Schema earlier, int earlierIndex, Direction direction,
                                List<Incompatibility> found) {
        Schema reader = direction == Direction.BACKWARD ? candidate : earlier;
        Schema writer = direction == Direction.BACKWARD ? earlier : candidate;
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        List<SchemaCompatibility.Incompatibility> details = result.getResult().getIncompatibilities();
        if (details.isEmpty()) {
            found.add(new Incompatibility(earlierIndex, earlier, direction, result.getType().name(), null, null,
                    result.getDescription()));
            return;
        }
        for (SchemaCompatibility.Incompatibility detail : details) {
            found.add(new Incompatibility(earlierIndex, earlier, direction, detail.getType().name(),
                    detail.getLocation(), readablePath(reader, detail.getLocation()), detail.getMessage()));
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

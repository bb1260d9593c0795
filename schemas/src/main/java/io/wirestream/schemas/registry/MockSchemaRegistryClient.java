package io.wirestream.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * An in-memory schema registry that behaves like a real one for unit tests: registry-wide ids (the same schema
 * gets the same id in every subject), versions per subject, and the subject's compatibility level ENFORCED on
 * {@link #register} with Avro's {@code SchemaCompatibility} (unlike Confluent's own mock). Default level BACKWARD.
 *
 * <p>Use {@link SchemaRegistryClients#create(String)} with {@code mock://<scope>} to share one instance per scope.
 * Thread-safe (one lock).
 */
public final class MockSchemaRegistryClient implements SchemaRegistryClient {

    private final Object lock = new Object();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    /** The JSON of a schema object seen before; trusted only for that very object (see {@link #canonical}). */
    private final Map<Schema, KnownJson> canonicalBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemaById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new LinkedHashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    @Override
    public int register(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        synchronized (lock) {
            List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
            Integer existing = idByCanonical.get(canonical(schema));
            if (existing != null && ids.contains(existing)) {
                return existing;
            }
            List<Schema> previous = ids.stream().map(schemaById::get).toList();
            CompatibilityLevel level = effectiveLevel(subject);
            List<String> problems = level.check(schema, previous);
            if (!problems.isEmpty()) {
                throw new IncompatibleSchemaException("Could not register schema under subject '" + subject
                        + "': Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\" (compatibility " + level + "), details: " + problems + " (HTTP 409, error code 409, mock)",
                        409, 409);
            }
            int id = existing != null ? existing : newId(schema);
            idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
            return id;
        }
    }

    @Override
    public Schema getById(int id) {
        synchronized (lock) {
            Schema schema = schemaById.get(id);
            if (schema == null) {
                throw new SchemaNotFoundException("Could not get schema by id " + id + ": Schema " + id
                        + " not found (HTTP 404, error code 40403, mock)", 404, 40403);
            }
            return schema;
        }
    }

    @Override
    public SchemaVersion getLatest(String subject) {
        synchronized (lock) {
            List<Integer> ids = requireSubjectExists(subject, "get latest version of subject '" + subject + "'");
            int version = ids.size();
            int id = ids.get(version - 1);
            return new SchemaVersion(subject, version, id, schemaById.get(id));
        }
    }

    @Override
    public SchemaVersion getVersion(String subject, int version) {
        synchronized (lock) {
            String what = "get version " + version + " of subject '" + subject + "'";
            List<Integer> ids = requireSubjectExists(subject, what);
            if (version == -1) {
                return getLatest(subject);
            }
            if (version <= 0) {
                throw new InvalidVersionException("Could not " + what + ": The specified version '" + version
                        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\""
                        + " (HTTP 422, error code 42202, mock)", 422, 42202);
            }
            if (version > ids.size()) {
                throw new VersionNotFoundException("Could not " + what + ": Version " + version + " not found."
                        + " (HTTP 404, error code 40402, mock)", 404, 40402);
            }
            int id = ids.get(version - 1);
            return new SchemaVersion(subject, version, id, schemaById.get(id));
        }
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        synchronized (lock) {
            String what = "look up schema under subject '" + subject + "'";
            List<Integer> ids = requireSubjectExists(subject, what);
            Integer id = idByCanonical.get(canonical(schema));
            if (id == null || !ids.contains(id)) {
                throw new SchemaNotFoundException("Could not " + what + ": Schema not found"
                        + " (HTTP 404, error code 40403, mock)", 404, 40403);
            }
            return id;
        }
    }

    @Override
    public List<String> subjects() {
        synchronized (lock) {
            return List.copyOf(idsBySubject.keySet());
        }
    }

    @Override
    public List<Integer> versions(String subject) {
        synchronized (lock) {
            List<Integer> ids = requireSubjectExists(subject, "list versions of subject '" + subject + "'");
            List<Integer> versions = new ArrayList<>();
            for (int v = 1; v <= ids.size(); v++) {
                versions.add(v);
            }
            return versions;
        }
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        synchronized (lock) {
            List<Schema> previous = idsBySubject.getOrDefault(subject, List.of()).stream().map(schemaById::get).toList();
            return effectiveLevel(subject).isCompatible(schema, previous);
        }
    }

    @Override
    public String getCompatibility(String subjectOrNull) {
        synchronized (lock) {
            return subjectOrNull == null ? globalLevel.name() : effectiveLevel(subjectOrNull).name();
        }
    }

    @Override
    public void setCompatibility(String subjectOrNull, String level) {
        CompatibilityLevel parsed = CompatibilityLevel.parse(level);
        synchronized (lock) {
            if (subjectOrNull == null) {
                globalLevel = parsed;
            } else {
                subjectLevels.put(subjectOrNull, parsed);
            }
        }
    }

    /** Forgets every schema, subject and level. */
    public void reset() {
        synchronized (lock) {
            idByCanonical.clear();
            schemaById.clear();
            idsBySubject.clear();
            subjectLevels.clear();
            globalLevel = CompatibilityLevel.BACKWARD;
            nextId = 1;
        }
    }

    /** Nothing to release: the state lives as long as the instance (or its mock:// scope). */
    @Override
    public void close() {
        // shared per scope; SchemaRegistryClients.dropMockScope clears it
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private int newId(Schema schema) {
        int id = nextId++;
        idByCanonical.put(canonical(schema), id);
        schemaById.put(id, schema);
        return id;
    }

    private List<Integer> requireSubjectExists(String subject, String what) {
        requireSubject(subject);
        List<Integer> ids = idsBySubject.get(subject);
        if (ids == null || ids.isEmpty()) {
            throw new SubjectNotFoundException("Could not " + what + ": Subject '" + subject + "' not found."
                    + " (HTTP 404, error code 40401, mock)", 404, 40401);
        }
        return ids;
    }

    /**
     * The schema's JSON, remembered per schema: a serializer asks for the id of the same schema for every record, and
     * writing a large schema out each time was a seventh of a topology benchmark's time. Called under the lock.
     */
    private String canonical(Schema schema) {
        // Schema.equals ignores docs and aliases, so an equal schema may have other JSON: only the same object reuses it
        KnownJson known = canonicalBySchema.get(schema);
        if (known != null && known.schema() == schema) {
            return known.json();
        }
        String json = schema.toString();
        if (known == null) {
            canonicalBySchema.put(schema, new KnownJson(schema, json));
        }
        return json;
    }

    private record KnownJson(Schema schema, String json) {
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("subject must not be null or empty");
        }
    }
}

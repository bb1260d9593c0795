package io.wirestream.local.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.schemas.registry.CompatibilityLevel;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry's state: subjects with their versions, global schema ids, compatibility levels. Rebuilt from the
 * {@link SchemaLog} at start; every change is first appended to the log (and acknowledged), then applied here, so
 * what a client was told is what a restart reads back.
 *
 * <p>Records (JSON, in the layout Confluent's registry uses for its {@code _schemas} topic):
 * <pre>
 * key   {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 * value {"subject":"s","version":1,"id":1,"schemaType":"AVRO","schema":"...","deleted":false}   (null = hard-deleted)
 * key   {"keytype":"CONFIG","subject":null|"s","magic":0}
 * value {"compatibilityLevel":"BACKWARD"}                                                          (null = removed)
 * </pre>
 * All methods are synchronized: one writer at a time, and reads see whole writes.
 */
final class SchemaStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One version of one subject. */
    record Entry(String subject, int version, int id, String schema, boolean deleted) { }

    private final SchemaLog schemaLog;
    private final CompatibilityLevel defaultLevel;

    private final Map<String, NavigableMap<Integer, Entry>> subjects = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;
    private boolean stale;

    SchemaStore(SchemaLog schemaLog, CompatibilityLevel defaultLevel) {
        this.schemaLog = schemaLog;
        this.defaultLevel = defaultLevel;
        reload();
    }

    private void reload() {
        subjects.clear();
        idBySchema.clear();
        schemaById.clear();
        subjectLevels.clear();
        globalLevel = null;
        maxId = 0;
        List<ConsumerRecord<String, String>> records = schemaLog.readAll();
        for (ConsumerRecord<String, String> record : records) {
            try {
                apply(record.key(), record.value());
            } catch (RuntimeException e) {
                log.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), schemaLog.topic(), e.getMessage());
            }
        }
        stale = false;
        log.info("Schema store loaded {} record(s) from {}: {} subject(s), {} schema id(s)", records.size(),
                schemaLog.topic(), subjects.size(), schemaById.size());
    }

    /** Re-reads the log after a write whose outcome is unknown, so ids are never handed out twice. */
    private void reloadIfStale() {
        if (stale) {
            reload();
        }
    }

    // ------------------------------------------------------------------------------------------- reads

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemaById.get(id));
    }

    /** (subject, version) pairs using a schema id, live versions only. */
    synchronized List<Entry> usagesOf(int id) {
        List<Entry> result = new ArrayList<>();
        for (NavigableMap<Integer, Entry> versions : subjects.values()) {
            for (Entry e : versions.values()) {
                if (e.id() == id && !e.deleted()) {
                    result.add(e);
                }
            }
        }
        result.sort((a, b) -> a.subject().equals(b.subject()) ? Integer.compare(a.version(), b.version())
                : a.subject().compareTo(b.subject()));
        return result;
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        TreeSet<String> names = new TreeSet<>();
        subjects.forEach((name, versions) -> {
            if (versions.values().stream().anyMatch(e -> includeDeleted || !e.deleted())) {
                names.add(name);
            }
        });
        return new ArrayList<>(names);
    }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        List<Integer> result = new ArrayList<>();
        for (Entry e : existing(subject, includeDeleted).values()) {
            if (includeDeleted || !e.deleted()) {
                result.add(e.version());
            }
        }
        return result;
    }

    /** A version of a subject; {@code version == -1} means the latest live one. */
    synchronized Entry version(String subject, int version, boolean includeDeleted) {
        NavigableMap<Integer, Entry> versions = existing(subject, includeDeleted);
        if (version == -1) {
            return live(versions).lastEntry().getValue();
        }
        Entry e = versions.get(version);
        if (e == null || (e.deleted() && !includeDeleted)) {
            throw RegistryException.versionNotFound(version);
        }
        return e;
    }

    /** The live version of {@code subject} holding {@code schema}; 40401 / 40403 otherwise. */
    synchronized Entry lookup(String subject, String schemaText) {
        String canonical = canonical(schemaText).toString();
        for (Entry e : live(existing(subject, false)).values()) {
            if (e.schema().equals(canonical)) {
                return e;
            }
        }
        throw RegistryException.schemaNotFound();
    }

    /** The subject's own level; 40408 when it has none. */
    synchronized CompatibilityLevel subjectLevel(String subject) {
        CompatibilityLevel level = subjectLevels.get(subject);
        if (level == null) {
            throw RegistryException.subjectLevelConfigNotFound(subject);
        }
        return level;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel != null ? globalLevel : defaultLevel;
    }

    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel());
    }

    /**
     * Checks {@code schemaText} against a subject. {@code version} -1 = per the subject's level (latest or, when
     * transitive, all live versions), otherwise against that one version.
     *
     * @return the incompatibility descriptions, empty when compatible
     */
    synchronized List<String> testCompatibility(String subject, String schemaText, int version) {
        Schema candidate = canonical(schemaText);
        CompatibilityLevel level = effectiveLevel(subject);
        List<Compatibility.Previous> previous = new ArrayList<>();
        if (version == -1) {
            NavigableMap<Integer, Entry> versions = subjects.get(subject);
            if (versions != null) {
                live(versions, false).values().forEach(e -> previous.add(new Compatibility.Previous(e.version(), parse(e.schema()))));
            }
        } else {
            Entry e = version(subject, version, false);
            previous.add(new Compatibility.Previous(e.version(), parse(e.schema())));
        }
        return Compatibility.check(level, candidate, previous, version != -1).stream().map(Compatibility.Problem::description).toList();
    }

    // ------------------------------------------------------------------------------------------- writes

    /** Registers {@code schemaText} under {@code subject}; the same schema again answers the same id. */
    synchronized int register(String subject, String schemaText) {
        reloadIfStale();
        Schema schema = canonical(schemaText);
        String canonical = schema.toString();
        NavigableMap<Integer, Entry> versions = subjects.getOrDefault(subject, new TreeMap<>());
        List<Compatibility.Previous> previous = new ArrayList<>();
        for (Entry e : versions.values()) {
            if (e.deleted()) {
                continue;
            }
            if (e.schema().equals(canonical)) {
                return e.id();
            }
            previous.add(new Compatibility.Previous(e.version(), parse(e.schema())));
        }
        CompatibilityLevel level = effectiveLevel(subject);
        List<Compatibility.Problem> problems = Compatibility.check(level, schema, previous, false);
        if (!problems.isEmpty()) {
            throw RegistryException.incompatible(Compatibility.describe(subject, level, problems));
        }
        int id = idBySchema.getOrDefault(canonical, maxId + 1);
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        write(schemaKey(subject, version), schemaValue(new Entry(subject, version, id, canonical, false)));
        log.info("Registered subject '{}' version {} with schema id {}", subject, version, id);
        return id;
    }

    /** Soft-deletes (or, with {@code permanent}, hard-deletes a soft-deleted) subject; answers the versions deleted. */
    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        reloadIfStale();
        NavigableMap<Integer, Entry> versions = existing(subject, true);
        List<Integer> deleted = new ArrayList<>();
        if (permanent) {
            if (versions.values().stream().anyMatch(e -> !e.deleted())) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            for (Entry e : new ArrayList<>(versions.values())) {
                write(schemaKey(subject, e.version()), null);
                deleted.add(e.version());
            }
            if (subjectLevels.containsKey(subject)) {
                write(configKey(subject), null);
            }
        } else {
            if (versions.values().stream().allMatch(Entry::deleted)) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            for (Entry e : new ArrayList<>(versions.values())) {
                if (!e.deleted()) {
                    write(schemaKey(subject, e.version()), schemaValue(new Entry(subject, e.version(), e.id(), e.schema(), true)));
                    deleted.add(e.version());
                }
            }
        }
        log.info("Deleted subject '{}' versions {}{}", subject, deleted, permanent ? " permanently" : "");
        return deleted;
    }

    /** Soft-deletes (or hard-deletes a soft-deleted) version; {@code version == -1} means the latest live one. */
    synchronized int deleteVersion(String subject, int version, boolean permanent) {
        reloadIfStale();
        NavigableMap<Integer, Entry> versions = existing(subject, true);
        Entry e = version == -1 ? live(versions).lastEntry().getValue() : versions.get(version);
        if (e == null) {
            throw RegistryException.versionNotFound(version);
        }
        if (permanent) {
            if (!e.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, e.version());
            }
            write(schemaKey(subject, e.version()), null);
        } else {
            if (e.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, e.version());
            }
            write(schemaKey(subject, e.version()), schemaValue(new Entry(subject, e.version(), e.id(), e.schema(), true)));
        }
        return e.version();
    }

    synchronized void setLevel(String subjectOrNull, CompatibilityLevel level) {
        reloadIfStale();
        ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", level.name());
        write(configKey(subjectOrNull), value.toString());
    }

    /** Removes a subject's own level; answers the level it had (40408 when it had none). */
    synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
        reloadIfStale();
        CompatibilityLevel previous = subjectLevel(subject);
        write(configKey(subject), null);
        return previous;
    }

    private void write(String key, String value) {
        try {
            schemaLog.append(key, value);
        } catch (RegistryException e) {
            stale = true;
            throw e;
        }
        apply(key, value);
    }

    // ------------------------------------------------------------------------------------------- records

    private void apply(String key, String value) {
        JsonNode k = readJson(key);
        String keytype = k.path("keytype").asText();
        switch (keytype) {
            case "SCHEMA" -> {
                String subject = k.get("subject").asText();
                int version = k.get("version").asInt();
                if (value == null) {
                    NavigableMap<Integer, Entry> versions = subjects.get(subject);
                    if (versions != null) {
                        versions.remove(version);
                        if (versions.isEmpty()) {
                            subjects.remove(subject);
                        }
                    }
                    return;
                }
                JsonNode v = readJson(value);
                Entry e = new Entry(subject, version, v.get("id").asInt(), v.get("schema").asText(), v.path("deleted").asBoolean(false));
                subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, e);
                idBySchema.putIfAbsent(e.schema(), e.id());
                schemaById.putIfAbsent(e.id(), e.schema());
                maxId = Math.max(maxId, e.id());
            }
            case "CONFIG" -> {
                JsonNode subjectNode = k.get("subject");
                String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
                CompatibilityLevel level = value == null ? null : Compatibility.parse(readJson(value).get("compatibilityLevel").asText());
                if (subject == null) {
                    globalLevel = level;
                } else if (level == null) {
                    subjectLevels.remove(subject);
                } else {
                    subjectLevels.put(subject, level);
                }
            }
            default -> log.debug("Ignoring record of keytype '{}'", keytype);
        }
    }

    private static String schemaKey(String subject, int version) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
        return key.toString();
    }

    private static String configKey(String subjectOrNull) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG");
        if (subjectOrNull == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subjectOrNull);
        }
        return key.put("magic", 0).toString();
    }

    private static String schemaValue(Entry e) {
        return JSON.createObjectNode().put("subject", e.subject()).put("version", e.version()).put("id", e.id())
                .put("schemaType", "AVRO").put("schema", e.schema()).put("deleted", e.deleted()).toString();
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private NavigableMap<Integer, Entry> existing(String subject, boolean includeDeleted) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty() || (!includeDeleted && versions.values().stream().allMatch(Entry::deleted))) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private static NavigableMap<Integer, Entry> live(NavigableMap<Integer, Entry> versions) {
        NavigableMap<Integer, Entry> result = live(versions, false);
        if (result.isEmpty()) {
            throw RegistryException.subjectNotFound(versions.firstEntry().getValue().subject());
        }
        return result;
    }

    private static NavigableMap<Integer, Entry> live(NavigableMap<Integer, Entry> versions, boolean includeDeleted) {
        NavigableMap<Integer, Entry> result = new TreeMap<>();
        versions.forEach((v, e) -> {
            if (includeDeleted || !e.deleted()) {
                result.put(v, e);
            }
        });
        return result;
    }

    /** Parses a client's schema text: 42201 with Avro's message when it is not a valid Avro schema. */
    static Schema canonical(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryException.invalidSchema("Invalid schema: empty schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema("Invalid schema " + abbreviate(schemaText) + ", details: " + e.getMessage());
        }
    }

    private static Schema parse(String storedSchema) {
        return new Schema.Parser().parse(storedSchema);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    @Override
    public void close() {
        schemaLog.close();
    }
}

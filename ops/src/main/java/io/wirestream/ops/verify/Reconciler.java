package io.wirestream.ops.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The comparison rules of {@code wirestream verify}, as pure functions over what each stage holds.
 *
 * <ul>
 *   <li><b>news.enriched against news.raw.</b> Every story id on news.raw should be on news.enriched in the raw
 *   topic's latest version, or in an older version with the same content (enrich drops a new version whose content
 *   did not change). Ids whose raw record went to the dead letter queue are reported apart. A {@code id@version/kind}
 *   on news.enriched more than once (read_committed, so aborted transactions do not count) is a duplicate.</li>
 *   <li><b>A sink against news.enriched.</b> Every story whose latest enriched record is not a tombstone should be
 *   in the sink in that version (PostgreSQL keeps only the newest version of a row; JSON Lines appends every
 *   record, so an older line next to the latest is fine). A sink copy of an {@code id@version/kind} beyond the
 *   number of records news.enriched holds of it (at least one: compaction may have removed older ones) is a
 *   duplicate. A tombstoned story still in PostgreSQL is stale.</li>
 * </ul>
 */
public final class Reconciler {

    private Reconciler() {
    }

    /** The last record of each story, in log order (a tombstone included). */
    public static Map<String, StoryRecord> latest(Collection<StoryRecord> log) {
        Map<String, StoryRecord> latest = new LinkedHashMap<>();
        for (StoryRecord r : log) {
            StoryRecord before = latest.get(r.storyId());
            // a replayed older version does not hide a newer one
            if (before == null || r.kind() == StoryRecord.Kind.TOMBSTONE || before.kind() == StoryRecord.Kind.TOMBSTONE
                    || r.version() >= before.version()) {
                latest.put(r.storyId(), r);
            }
        }
        return latest;
    }

    private static Map<String, Integer> counts(Collection<StoryRecord> records) {
        Map<String, Integer> counts = new HashMap<>();
        records.forEach(r -> counts.merge(r.key(), 1, Integer::sum));
        return counts;
    }

    /** Ids of records whose key occurs more often in {@code copies} than in {@code source} (and more than once). */
    private static Set<String> duplicated(Collection<StoryRecord> copies, Map<String, Integer> source) {
        Map<String, Integer> copyCounts = new HashMap<>();
        Map<String, String> idOf = new HashMap<>();
        for (StoryRecord r : copies) {
            copyCounts.merge(r.key(), 1, Integer::sum);
            idOf.put(r.key(), r.storyId());
        }
        Set<String> dup = new TreeSet<>();
        copyCounts.forEach((key, n) -> {
            if (n > Math.max(1, source.getOrDefault(key, 0))) {
                dup.add(idOf.get(key));
            }
        });
        return dup;
    }

    /** news.enriched against news.raw; {@code deadLettered} are story ids found on the dead letter queue. */
    public static StageReport enriched(String where, List<StoryRecord> raw, List<StoryRecord> enriched, Set<String> deadLettered) {
        Map<String, StoryRecord> expected = new LinkedHashMap<>();
        for (StoryRecord r : raw) {
            if (r.kind() == StoryRecord.Kind.TOMBSTONE) {
                continue;
            }
            StoryRecord before = expected.get(r.storyId());
            if (before == null || r.version() >= before.version()) {
                expected.put(r.storyId(), r);
            }
        }
        Map<String, StoryRecord> latest = latest(enriched);
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        int present = 0;
        for (StoryRecord want : expected.values()) {
            StoryRecord have = latest.get(want.storyId());
            if (have == null || have.kind() == StoryRecord.Kind.TOMBSTONE) {
                (deadLettered.contains(want.storyId()) ? dead : missing).add(want.storyId());
            } else if (have.version() >= want.version() || want.contentHash() != null && want.contentHash().equals(have.contentHash())) {
                present++;
            } else if (deadLettered.contains(want.storyId())) {
                dead.add(want.storyId());
            } else {
                stale.add(want.storyId());
            }
        }
        Set<String> dup = duplicated(enriched, Map.of());
        return new StageReport("news.enriched", where, expected.size(), present, sorted(missing), List.copyOf(dup), sorted(stale),
                sorted(dead));
    }

    /**
     * A sink against news.enriched. {@code keepsHistory}: the sink appends every record (JSON Lines) rather than
     * keeping the newest version per story (PostgreSQL).
     */
    public static StageReport sink(String stage, String where, List<StoryRecord> enriched, List<StoryRecord> sink, boolean keepsHistory) {
        Map<String, StoryRecord> latest = latest(enriched);
        Map<String, List<StoryRecord>> bySink = new HashMap<>();
        sink.forEach(r -> bySink.computeIfAbsent(r.storyId(), k -> new ArrayList<>()).add(r));
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int expected = 0;
        int present = 0;
        for (StoryRecord want : latest.values()) {
            List<StoryRecord> have = bySink.getOrDefault(want.storyId(), List.of());
            if (want.kind() == StoryRecord.Kind.TOMBSTONE) {
                if (!keepsHistory && !have.isEmpty()) {
                    stale.add(want.storyId()); // deleted on the topic, still in the table
                }
                continue;
            }
            expected++;
            boolean current = keepsHistory
                    ? have.stream().anyMatch(r -> r.version() == want.version() && r.kind() == want.kind())
                    : have.stream().anyMatch(r -> r.version() >= want.version() && r.kind() == want.kind());
            if (current) {
                present++;
            } else if (have.isEmpty()) {
                missing.add(want.storyId());
            } else {
                stale.add(want.storyId());
            }
        }
        Set<String> dup = duplicated(sink, counts(enriched));
        return new StageReport(stage, where, expected, present, sorted(missing), List.copyOf(dup), sorted(stale), List.of());
    }

    private static List<String> sorted(List<String> ids) {
        return List.copyOf(new TreeSet<>(ids));
    }
}

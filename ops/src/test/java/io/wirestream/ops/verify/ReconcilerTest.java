package io.wirestream.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static StoryRecord story(String id, int version, String hash) {
        return new StoryRecord(id, version, hash, StoryRecord.Kind.STORY);
    }

    private static StoryRecord kill(String id, int version) {
        return new StoryRecord(id, version, "k", StoryRecord.Kind.KILL);
    }

    @Test
    void enrichedHoldsEveryRawStoryInItsLatestVersionOrWithUnchangedContent() {
        List<StoryRecord> raw = List.of(story("a", 1, "h1"), story("a", 2, "h2"), story("b", 1, "hb"), story("b", 2, "hb"),
                story("c", 1, "hc"), story("d", 1, "hd"), story("e", 1, "he"), StoryRecord.tombstone("null-value"));
        List<StoryRecord> enriched = List.of(story("a", 1, "h1"), story("a", 2, "h2"), story("b", 1, "hb"),
                story("d", 1, "hd"), story("d", 1, "hd"));

        StageReport report = Reconciler.enriched("news.enriched", raw, enriched, Set.of("e"));

        assertThat(report.expected()).isEqualTo(5);
        assertThat(report.present()).isEqualTo(3); // a at v2; b's v2 had b's v1 content; d
        assertThat(report.missing()).containsExactly("c");
        assertThat(report.deadLettered()).containsExactly("e");
        assertThat(report.duplicated()).containsExactly("d");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void aJsonLinesSinkKeepsEveryVersionOnceAndLacksNothing() {
        List<StoryRecord> enriched = List.of(story("a", 1, "x"), story("a", 2, "x"), story("b", 1, "x"), kill("b", 2),
                StoryRecord.tombstone("c"));
        List<StoryRecord> lines = List.of(story("a", 1, null), story("a", 2, null), story("b", 1, null), kill("b", 2),
                StoryRecord.tombstone("c"));

        StageReport report = Reconciler.sink("jsonl", "out", enriched, lines, true);

        assertThat(report.expected()).isEqualTo(2);
        assertThat(report.present()).isEqualTo(2);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void aLineWrittenTwiceIsADuplicateAndAStoryWithoutItsLatestVersionIsStale() {
        List<StoryRecord> enriched = List.of(story("a", 1, "x"), story("b", 1, "x"), story("b", 2, "x"), story("c", 1, "x"));
        List<StoryRecord> lines = List.of(story("a", 1, null), story("a", 1, null), story("b", 1, null));

        StageReport report = Reconciler.sink("jsonl", "out", enriched, lines, true);

        assertThat(report.present()).isEqualTo(1);
        assertThat(report.duplicated()).containsExactly("a");
        assertThat(report.stale()).containsExactly("b");
        assertThat(report.missing()).containsExactly("c");
    }

    @Test
    void aCompactedAwayOlderVersionInTheSinkIsNotADuplicate() {
        List<StoryRecord> enriched = List.of(story("a", 2, "x"));
        List<StoryRecord> lines = List.of(story("a", 1, null), story("a", 2, null));

        assertThat(Reconciler.sink("jsonl", "out", enriched, lines, true).ok()).isTrue();
    }

    @Test
    void aTableRowCountsAtTheLatestVersionAWithdrawnRowForAKillAndADeletedStoryMustBeGone() {
        List<StoryRecord> enriched = List.of(story("a", 1, "x"), story("a", 3, "x"), kill("k", 2), story("gone", 1, "x"),
                StoryRecord.tombstone("gone"), story("old", 2, "x"), story("lost", 1, "x"));
        List<StoryRecord> rows = List.of(story("a", 3, null), kill("k", 2), story("gone", 1, null), story("old", 1, null));

        StageReport report = Reconciler.sink("postgres", "pg", enriched, rows, false);

        assertThat(report.expected()).isEqualTo(4);
        assertThat(report.present()).isEqualTo(2);
        assertThat(report.missing()).containsExactly("lost");
        assertThat(report.stale()).containsExactly("gone", "old");
        assertThat(report.duplicated()).isEmpty();
    }
}

package io.wirestream.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {

    @TempDir
    Path dir;

    private final TopicPartition tp = new TopicPartition("news.enriched", 0);
    private static final long DAY1 = Instant.parse("2026-11-24T23:59:00Z").toEpochMilli();
    private static final long DAY2 = Instant.parse("2026-11-25T00:01:00Z").toEpochMilli();

    /** A writer that finishes its files at every commit (roll.interval.ms 0) unless {@code extra} says otherwise. */
    private JsonLinesWriter writer(String... extra) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("directory", dir.toString(), "roll.interval.ms", "0"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return new JsonLinesWriter(new JsonLinesSinkConfig(props));
    }

    private static byte[] line(long n) {
        return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    private List<String> visibleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void nothingIsVisibleBeforeCommitAndEverythingAfter() throws Exception {
        JsonLinesWriter writer = writer();
        writer.write(tp, 0, DAY1, line(0));
        writer.write(tp, 1, DAY1, line(1));

        assertThat(visibleFiles()).allMatch(name -> name.contains("/.")); // only the hidden temporary file
        writer.commitAll();

        assertThat(visibleFiles()).containsExactly("2026-11-24/news-news.enriched-0-00000000000000000000-00000000000000000001.jsonl");
        assertThat(Files.readAllLines(dir.resolve(visibleFiles().get(0)))).containsExactly("{\"n\":0}", "{\"n\":1}");
    }

    @Test
    void filesRollWhenTheDayChangesAndWhenTheyAreFull() throws Exception {
        JsonLinesWriter writer = writer("roll.size.bytes", "16");
        writer.write(tp, 0, DAY1, line(0));
        writer.write(tp, 1, DAY2, line(1));
        writer.write(tp, 2, DAY2, line(2));
        writer.write(tp, 3, DAY2, line(3));
        writer.commitAll();

        assertThat(visibleFiles()).containsExactly(
                "2026-11-24/news-news.enriched-0-00000000000000000000-00000000000000000000.jsonl",
                "2026-11-25/news-news.enriched-0-00000000000000000001-00000000000000000002.jsonl",
                "2026-11-25/news-news.enriched-0-00000000000000000003-00000000000000000003.jsonl");
    }

    @Test
    void afterACrashUnfinishedFilesAreDeletedAndWritingResumesAfterTheLastFinishedOffset() throws Exception {
        JsonLinesWriter crashed = writer();
        crashed.write(tp, 0, DAY1, line(0));
        crashed.write(tp, 1, DAY1, line(1));
        crashed.commitAll();
        crashed.write(tp, 2, DAY1, line(2)); // never committed: the process dies here

        JsonLinesWriter restarted = writer();
        long resumeAt = restarted.recover(tp);
        // Connect re-delivers from its last committed offset, which may be older than what is on disk
        assertThat(restarted.write(tp, 1, DAY1, line(1))).isFalse();
        assertThat(restarted.write(tp, 2, DAY1, line(2))).isTrue();
        restarted.commitAll();

        assertThat(resumeAt).isEqualTo(2);
        assertThat(visibleFiles()).containsExactly(
                "2026-11-24/news-news.enriched-0-00000000000000000000-00000000000000000001.jsonl",
                "2026-11-24/news-news.enriched-0-00000000000000000002-00000000000000000002.jsonl");
    }

    @Test
    void aTrickleAcrossCommitsIsAppendedToOneFileThatIsDurableAtEachCommitAndVisibleWhenFinished() throws Exception {
        JsonLinesWriter writer = writer("roll.interval.ms", "3600000");
        for (long offset = 0; offset < 4; offset++) {
            writer.write(tp, offset, DAY1, line(offset));
            writer.commitAll();
            assertThat(writer.durableOffset(tp)).isEqualTo(offset + 1);
            // one hidden file whose name records the committed range and length
            String committed = "2026-11-24/.news-news.enriched-0-00000000000000000000-0000000000000000000" + offset + "-";
            assertThat(visibleFiles()).singleElement().satisfies(name -> assertThat(name).startsWith(committed).endsWith(".jsonl.tmp"));
        }
        writer.close();

        assertThat(visibleFiles()).containsExactly("2026-11-24/news-news.enriched-0-00000000000000000000-00000000000000000003.jsonl");
        assertThat(Files.readAllLines(dir.resolve(visibleFiles().get(0)))).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void afterACrashFollowingAnAppendTheCommittedLinesAreKeptTheRestDroppedAndWritingResumesAfterTheCommit() throws Exception {
        JsonLinesWriter crashed = writer("roll.interval.ms", "3600000");
        crashed.write(tp, 0, DAY1, line(0));
        crashed.commitAll();
        crashed.write(tp, 1, DAY1, line(1));
        crashed.write(tp, 2, DAY1, line(2));
        crashed.commitAll();
        crashed.write(tp, 3, DAY1, line(3));
        crashed.write(tp, 4, DAY1, line(4));
        crashed.commitAll(); // 0..4 committed; then two more lines are appended:
        crashed.write(tp, 5, DAY1, line(5));
        crashed.write(tp, 6, DAY1, ("{\"n\":6, \"big\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        // the buffer spilled line 5 and part of line 6 to the file; the process dies here

        JsonLinesWriter restarted = writer("roll.interval.ms", "3600000");
        long resumeAt = restarted.recover(tp);
        assertThat(resumeAt).isEqualTo(5);
        assertThat(visibleFiles()).containsExactly("2026-11-24/news-news.enriched-0-00000000000000000000-00000000000000000004.jsonl");
        assertThat(Files.readAllLines(dir.resolve(visibleFiles().get(0))))
            .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
        // Connect re-delivers from its committed offset: what is on disk is skipped, the rest written once
        assertThat(restarted.write(tp, 4, DAY1, line(4))).isFalse();
        assertThat(restarted.write(tp, 5, DAY1, line(5))).isTrue();
        restarted.close();

        assertThat(visibleFiles()).containsExactly(
                "2026-11-24/news-news.enriched-0-00000000000000000000-00000000000000000004.jsonl",
                "2026-11-24/news-news.enriched-0-00000000000000000005-00000000000000000005.jsonl");
    }

    @Test
    void aPartitionWithoutFilesStartsWhereConnectSays() throws Exception {
        assertThat(writer().recover(tp)).isEqualTo(-1);
    }

    @Test
    void filesOfTheSameTopicIdAreResumedAfterAndFilesOfAnotherIncarnationAreMovedAsideNotSkippedOver() throws Exception {
        JsonLinesWriter first = writer();
        assertThat(first.recover(tp, "id-1", 0)).isEqualTo(-1);
        first.write(tp, 0, DAY1, line(0));
        first.write(tp, 1, DAY1, line(1));
        first.commitAll();

        assertThat(writer().recover(tp, "id-1", 2)).isEqualTo(2);

        JsonLinesWriter recreated = writer();
        assertThat(recreated.recover(tp, "id-2", 1)).isEqualTo(-1);
        assertThat(recreated.write(tp, 0, DAY2, line(100))).isTrue();
        recreated.commitAll();
        assertThat(visibleFiles()).containsExactly(
                ".news-news.enriched-0-topic-id",
                "2026-11-25/news-news.enriched-0-00000000000000000000-00000000000000000000.jsonl",
                "superseded/id-1/2026-11-24/news-news.enriched-0-00000000000000000000-00000000000000000001.jsonl");
        assertThat(writer().recover(tp, "id-2", 1)).isEqualTo(1);
    }

    @Test
    void filesWithoutARecordedTopicIdAreTakenForTheTopicOnlyWhenTheTopicReachesPastThem() throws Exception {
        JsonLinesWriter legacy = writer();
        legacy.write(tp, 0, DAY1, line(0));
        legacy.write(tp, 5, DAY1, line(5));
        legacy.commitAll();

        // a topic of 3 offsets cannot have written offset 5: the files are an earlier topic's
        assertThat(writer().recover(tp, "id-1", 3)).isEqualTo(-1);
        assertThat(visibleFiles()).anyMatch(f -> f.startsWith("superseded/unknown-")).hasSize(2);
    }

    @Test
    void filesWithoutARecordedTopicIdThatFitTheTopicAreResumedAfter() throws Exception {
        JsonLinesWriter legacy = writer();
        legacy.write(tp, 0, DAY1, line(0));
        legacy.write(tp, 5, DAY1, line(5));
        legacy.commitAll();

        assertThat(writer().recover(tp, "id-1", 9)).isEqualTo(6);
        assertThat(visibleFiles()).contains(".news-news.enriched-0-topic-id").noneMatch(f -> f.startsWith("superseded/"));
    }
}

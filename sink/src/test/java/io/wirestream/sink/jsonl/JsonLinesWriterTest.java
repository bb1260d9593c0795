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

    private JsonLinesWriter writer(String... extra) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("directory", dir.toString()));
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

package io.wirestream.ops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkReadersTest {

    @TempDir
    Path out;

    @Test
    void jsonLinesGiveDecodedStoryIdsVersionsAndKindsAndSkipTemporaryAndSupersededFiles() throws Exception {
        Files.createDirectories(out.resolve("2026-12-06"));
        Files.writeString(out.resolve("2026-12-06/news-news.enriched-0-00000000000000000000-00000000000000000002.jsonl"),
                "{\"uri\":\"urn:wirestream:story:wirestream%3A000_1%20a\",\"version\":\"2\",\"pubstatus\":\"usable\"}\n"
                        + "{\"uri\":\"urn:wirestream:story:k\",\"version\":\"3\",\"pubstatus\":\"canceled\"}\n"
                        + "{\"uri\":\"urn:wirestream:story:gone\",\"pubstatus\":\"canceled\"}\n");
        Files.writeString(out.resolve("2026-12-06/.news-news.enriched-0-00000000000000000003.jsonl.tmp"),
                "{\"uri\":\"urn:wirestream:story:unfinished\",\"version\":\"1\"}\n");
        Files.createDirectories(out.resolve("superseded/old-id/2026-12-05"));
        Files.writeString(out.resolve("superseded/old-id/2026-12-05/news-news.enriched-0-00000000000000000000-00000000000000000000.jsonl"),
                "{\"uri\":\"urn:wirestream:story:old\",\"version\":\"1\"}\n");

        assertThat(SinkReaders.jsonLines(out)).containsExactly(
                new StoryRecord("wirestream:000_1 a", 2, null, StoryRecord.Kind.STORY),
                new StoryRecord("k", 3, null, StoryRecord.Kind.KILL),
                StoryRecord.tombstone("gone"));
    }
}

package io.wirestream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogBytesTest {

    @TempDir
    Path dir;

    @Test
    void partitionFoldersNameTheirTopicAndOtherFoldersNone() {
        assertThat(LogBytes.topicOf("news.raw-2")).isEqualTo("news.raw");
        assertThat(LogBytes.topicOf("wirestream-enrich-stories-changelog-0")).isEqualTo("wirestream-enrich-stories-changelog");
        assertThat(LogBytes.topicOf("news.raw-2.0d4c8e3f1a2b4c5d-delete")).isNull();
        assertThat(LogBytes.topicOf("__cluster_metadata-0")).isEqualTo("__cluster_metadata");
        assertThat(LogBytes.topicOf("bootstrap.checkpoint")).isNull();
    }

    @Test
    void topicsFallIntoTheReportGroups() {
        Topics topics = Topics.defaults();
        assertThat(LogBytes.groupOf(topics, topics.raw())).isEqualTo(LogBytes.RAW);
        assertThat(LogBytes.groupOf(topics, topics.enriched())).isEqualTo(LogBytes.ENRICHED);
        assertThat(LogBytes.groupOf(topics, topics.forTopic("elections"))).isEqualTo(LogBytes.TOPIC_TOPICS);
        assertThat(LogBytes.groupOf(topics, "wirestream-enrich-stories-changelog")).isEqualTo(LogBytes.CHANGELOGS);
        assertThat(LogBytes.groupOf(topics, "__transaction_state")).isEqualTo(LogBytes.TRANSACTIONS);
        assertThat(LogBytes.groupOf(topics, CeilingRun.PREFIX + "enriched")).isEqualTo(LogBytes.CEILING);
    }

    @Test
    void batchHeadersGiveTheCodecOfEachDataBatchAndControlBatchesAreLeftOut() throws Exception {
        Path segment = dir.resolve("00000000000000000000.log");
        ByteBuffer log = ByteBuffer.allocate(3 * 80);
        batch(log, 4, false, 80);  // zstd
        batch(log, 0, true, 80);   // a transaction marker
        batch(log, 3, false, 80);  // lz4
        Files.write(segment, log.array());

        Map<String, Long> codecs = new TreeMap<>();
        long size = LogBytes.countBatches(segment, codecs);

        assertThat(size).isEqualTo(240);
        assertThat(codecs).containsExactlyEntriesOf(new TreeMap<>(Map.of("lz4", 1L, "zstd", 1L)));
    }

    /** A v2 batch header of {@code total} bytes (the rest zeros): only length, magic and attributes matter here. */
    private static void batch(ByteBuffer log, int codec, boolean control, int total) {
        int start = log.position();
        log.putLong(0).putInt(total - 12).putInt(0).put((byte) 2).putInt(0).putShort((short) (codec | (control ? 0x20 : 0)));
        log.position(start + total);
    }
}

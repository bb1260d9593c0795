package io.wirestream.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the embedded broker holds on disk, per topic: the bytes of its log segments ({@code *.log}, as written: after
 * compression) and, read from every record batch header, how many data batches carry which compression codec. The
 * bench runs the broker in its own JVM, so it reads the segment files directly; a difference of two snapshots divided
 * by the stories sent is the bytes written to Kafka per story.
 *
 * <p>Batch headers are the v2 format (magic 2, since Kafka 0.11): base offset (8 bytes), batch length (4), partition
 * leader epoch (4), magic (1), CRC (4), attributes (2; bits 0-2 the codec, bit 5 a control batch).
 */
public final class LogBytes {

    /** Codec ids of the batch attributes. */
    static final String[] CODECS = {"none", "gzip", "snappy", "lz4", "zstd"};
    private static final int HEADER = 23;

    /** Per topic: segment bytes, and data batches by codec (transaction markers are never compressed, so left out). */
    public record TopicLog(long bytes, Map<String, Long> batchesByCodec) {
    }

    private final Map<String, TopicLog> topics;

    private LogBytes(Map<String, TopicLog> topics) {
        this.topics = topics;
    }

    public Map<String, TopicLog> topics() {
        return topics;
    }

    /** Reads every partition folder ({@code <topic>-<partition>}) under the broker's log dir. */
    public static LogBytes read(Path logDir) {
        Map<String, long[]> bytes = new TreeMap<>();
        Map<String, Map<String, Long>> codecs = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(logDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String topic = topicOf(dir.getFileName().toString());
                if (topic == null) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path segment : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                        bytes.computeIfAbsent(topic, t -> new long[1])[0] += countBatches(segment,
                            codecs.computeIfAbsent(topic, t -> new TreeMap<>()));
                    }
                } catch (java.nio.file.NoSuchFileException deleted) {
                    // a partition deleted while reading
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's log dir " + logDir, e);
        }
        Map<String, TopicLog> topics = new TreeMap<>();
        bytes.forEach((t, b) -> topics.put(t, new TopicLog(b[0], Map.copyOf(codecs.getOrDefault(t, Map.of())))));
        return new LogBytes(topics);
    }

    /** {@code news.raw-2} -> {@code news.raw}; null for folders that are not partitions (a deleted one ends in {@code -delete}). */
    static String topicOf(String folder) {
        int dash = folder.lastIndexOf('-');
        if (dash <= 0 || dash == folder.length() - 1) {
            return null;
        }
        for (int i = dash + 1; i < folder.length(); i++) {
            if (!Character.isDigit(folder.charAt(i))) {
                return null;
            }
        }
        return folder.substring(0, dash);
    }

    /** Adds the segment's data batches by codec to {@code codecs}; returns the segment's size in bytes. */
    static long countBatches(Path segment, Map<String, Long> codecs) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            long position = 0;
            while (position + HEADER <= size) {
                header.clear();
                if (channel.read(header, position) < HEADER) {
                    break;
                }
                int length = header.getInt(8);
                byte magic = header.get(16);
                if (length <= 0 || magic != 2) {
                    break; // preallocated tail, or a format this does not read
                }
                short attributes = header.getShort(21);
                boolean control = (attributes & 0x20) != 0;
                if (!control) {
                    int codec = attributes & 0x07;
                    codecs.merge(codec < CODECS.length ? CODECS[codec] : "codec " + codec, 1L, Long::sum);
                }
                position += 12L + length;
            }
            return size;
        } catch (java.nio.file.NoSuchFileException rolledAway) {
            return 0;
        }
    }

    /** Topic groups of the report, in order; {@link #CEILING} is the baseline's, never counted as the pipeline's. */
    static final String RAW = "raw";
    static final String ENRICHED = "enriched";
    static final String TOPIC_TOPICS = "topic topics";
    static final String CHANGELOGS = "enrich changelogs";
    static final String DLQ = "dlq";
    static final String OFFSETS = "consumer offsets";
    static final String TRANSACTIONS = "transaction state";
    static final String OTHER = "other (registry, connect)";
    static final String CEILING = "ceiling";

    /** The group a topic's bytes count under. */
    static String groupOf(io.wirestream.schemas.topic.Topics topics, String topic) {
        if (topic.startsWith(CeilingRun.PREFIX)) {
            return CEILING;
        }
        if (topic.equals(topics.raw())) {
            return RAW;
        }
        if (topic.equals(topics.enriched())) {
            return ENRICHED;
        }
        if (topics.isTopicTopic(topic)) {
            return TOPIC_TOPICS;
        }
        if (topic.equals(topics.dlq())) {
            return DLQ;
        }
        if (topic.startsWith(io.wirestream.schemas.PipelineNames.ENRICH_APPLICATION_ID + "-")) {
            return CHANGELOGS;
        }
        if (topic.equals("__consumer_offsets")) {
            return OFFSETS;
        }
        if (topic.equals("__transaction_state")) {
            return TRANSACTIONS;
        }
        return OTHER;
    }

    /** Segment bytes per topic written between {@code before} and this snapshot (topics new since then count whole). */
    public Map<String, Long> bytesSince(LogBytes before) {
        Map<String, Long> delta = new TreeMap<>();
        topics.forEach((topic, log) -> {
            long was = before.topics.containsKey(topic) ? before.topics.get(topic).bytes() : 0;
            if (log.bytes() - was > 0) {
                delta.put(topic, log.bytes() - was);
            }
        });
        return delta;
    }
}

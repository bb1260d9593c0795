package io.wirestream.sink.jsonl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.sink.ErrantRecordHandler;
import io.wirestream.sink.SinkVersion;
import io.wirestream.sink.article.ArticleChange;

/**
 * Thin task: maps each record to a ninjs object ({@link NinjsMapper}) and hands the line to {@link JsonLinesWriter}.
 * {@link #preCommit} finishes the open files (fsync + atomic rename) before Connect commits the offsets, so offsets
 * are committed only for data that is durable. On partition assignment the writer's recovery seeks past what is on
 * disk already, so a restart writes nothing twice.
 */
public class JsonLinesSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(JsonLinesSinkTask.class);

    private JsonLinesWriter writer;
    private ErrantRecordHandler errantRecords;
    /** Partitions just opened, with the offset their first record should have (to report a gap once). */
    private final Map<TopicPartition, Long> resumedAt = new HashMap<>();

    @Override
    public String version() {
        return SinkVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        JsonLinesSinkConfig config = new JsonLinesSinkConfig(props);
        log.info("Starting JSON Lines sink task: {}", config);
        writer = new JsonLinesWriter(config);
        errantRecords = new ErrantRecordHandler(context);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            try {
                long next = writer.recover(tp);
                if (next >= 0) {
                    context.offset(tp, next);
                    resumedAt.put(tp, next);
                    log.info("{} resumes at offset {} (what is before it is on disk)", tp, next);
                }
            } catch (IOException e) {
                throw new ConnectException("Cannot recover the files of " + tp + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            reportGap(record);
            byte[] line;
            try {
                line = NinjsMapper.toNinjs(ArticleChange.of(record)).toString().getBytes(StandardCharsets.UTF_8);
            } catch (DataException e) {
                errantRecords.handle(record, e);
                continue;
            }
            try {
                writer.write(new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset(), record.timestamp(), line);
            } catch (IOException e) {
                writer.abandonAll();
                throw new ConnectException("Cannot write to " + record.topic() + "-" + record.kafkaPartition() + " files: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Finishes the open files, then returns per partition the offset after the last record in a finished file (never
     * more than Connect's current offset): not {@code currentOffsets}, which also counts records that are in no file,
     * e.g. those of a file abandoned after a write error (Connect still commits on close after a task failure). A
     * partition without a finished file yet is left out, so its committed offset stays where it is.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            writer.commitAll();
        } catch (IOException e) {
            writer.abandonAll();
            throw new ConnectException("Cannot make the files durable: " + e.getMessage(), e);
        }
        Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();
        currentOffsets.forEach((tp, current) -> {
            long offset = Math.min(writer.durableOffset(tp), current.offset());
            if (offset >= 0) {
                durable.put(tp, new OffsetAndMetadata(offset));
            }
        });
        return durable;
    }

    /**
     * After {@link #open}, the first record of a partition should be at the offset after the files. If it is further
     * on, the records between were never delivered and so are in no file: say so, once, since nothing else does
     * (the consumer moves to the log start offset silently when retention deleted them).
     */
    private void reportGap(SinkRecord record) {
        if (resumedAt.isEmpty()) {
            return;
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        Long expected = resumedAt.remove(tp);
        if (expected != null && record.kafkaOffset() > expected) {
            log.warn("{} resumed at offset {} (what is on disk) but its first record is at offset {}: offsets {}..{} were not "
                    + "delivered (deleted by retention or compaction, a consumer offset reset, or dropped by the converter "
                    + "under errors.tolerance=all) and are in no file", tp, expected, record.kafkaOffset(), expected,
                    record.kafkaOffset() - 1);
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            resumedAt.remove(tp);
            try {
                writer.release(tp);
            } catch (IOException e) {
                throw new ConnectException("Cannot finish the file of " + tp + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
    }
}

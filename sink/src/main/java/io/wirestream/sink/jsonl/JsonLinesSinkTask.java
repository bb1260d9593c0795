package io.wirestream.sink.jsonl;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.sink.ErrantRecordHandler;
import io.wirestream.sink.SinkVersion;
import io.wirestream.sink.article.ArticleChange;

/**
 * Thin task: maps each record to a ninjs object ({@link NinjsMapper}) and hands the line to {@link JsonLinesWriter}.
 * {@link #preCommit} makes the open files durable (fsync + atomic rename: finished when open for roll.interval.ms,
 * else kept open for appending with the committed range in the hidden name) before Connect commits the offsets, so
 * offsets are committed only for data that is durable. On partition assignment the writer's recovery seeks past what is on
 * disk already, so a restart writes nothing twice; with {@code kafka.bootstrap.servers} set, only when those files were
 * written from the same topic (same topic id), so a re-created topic is never skipped.
 */
public class JsonLinesSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(JsonLinesSinkTask.class);

    private JsonLinesWriter writer;
    /** Reads topic ids when {@code kafka.bootstrap.servers} is set; null otherwise. */
    private Admin admin;
    private final Map<String, String> topicIds = new HashMap<>();
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
        if (config.kafkaBootstrapServers() != null) {
            Map<String, Object> adminProps = config.kafkaClientProps();
            adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
            adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "wirestream-jsonl-topic-ids");
            admin = Admin.create(adminProps);
        }
        errantRecords = new ErrantRecordHandler(context);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            try {
                String topicId = topicId(tp.topic());
                long next = writer.recover(tp, topicId, topicId == null ? -1 : logEndOffset(tp));
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

    /** The topic's id (which changes when the topic is deleted and created again), or null without an admin client. */
    private String topicId(String topic) {
        if (admin == null) {
            return null;
        }
        return topicIds.computeIfAbsent(topic, t -> {
            try {
                return admin.describeTopics(List.of(t)).allTopicNames().get(60, TimeUnit.SECONDS).get(t).topicId().toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while reading the id of topic " + t, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new RetriableException("Cannot read the id of topic " + t + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            reportGap(record);
            byte[] line;
            try {
                line = NinjsMapper.line(ArticleChange.of(record));
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
     * Makes the open files durable, then returns per partition the offset after the last record in a durable file (never
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
     * on, the records between were never delivered and so are in no file. On a transactional topic (news.enriched,
     * written exactly once) that is normal: the offset after a transaction's last record is its commit marker, which
     * no consumer ever receives, and a read_committed consumer skips aborted records. Records gone because retention
     * deleted them are not: when the topic id check is on (an admin client is at hand) the gap is a WARN only if it
     * starts before the partition's log start offset, otherwise a DEBUG line; without one, always a WARN.
     */
    private void reportGap(SinkRecord record) {
        if (resumedAt.isEmpty()) {
            return;
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        Long expected = resumedAt.remove(tp);
        if (expected == null || record.kafkaOffset() <= expected) {
            return;
        }
        Long logStart = logStartOffset(tp);
        if (logStart != null && expected >= logStart) {
            log.debug("{} resumed at offset {}; first record at {}: offsets {}..{} are transaction markers, aborted or "
                    + "compacted records, or records sent to the dead letter queue", tp, expected, record.kafkaOffset(), expected,
                    record.kafkaOffset() - 1);
            return;
        }
        log.warn("{} resumed at offset {} (what is on disk) but its first record is at offset {}: offsets {}..{} were not "
                + "delivered (deleted by retention{}, a consumer offset reset, or dropped by the converter "
                + "under errors.tolerance=all) and are in no file", tp, expected, record.kafkaOffset(), expected,
                record.kafkaOffset() - 1, logStart == null ? " or compaction" : ": the log now starts at " + logStart);
    }

    /** The partition's log end offset, or -1 when it cannot be read quickly. */
    private long logEndOffset(TopicPartition tp) {
        try {
            return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp)
                    .get(10, TimeUnit.SECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    /** The partition's log start offset, or null without an admin client or when it cannot be read quickly. */
    private Long logStartOffset(TopicPartition tp) {
        if (admin == null) {
            return null;
        }
        try {
            return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.earliest())).partitionResult(tp)
                    .get(10, TimeUnit.SECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        topicIds.clear(); // read again on the next assignment: the topic may have been re-created meanwhile
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
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}

package io.wirestream.cli.up;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.AvroSerdeConfig;
import io.wirestream.schemas.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Answers "has every story reached every sink?" from offsets alone, so it works for any sink: enrich has committed
 * past everything on news.raw, and every sink's consumer group has committed past the last data record on
 * news.enriched. The last data record, not the log end: exactly-once writes leave transaction markers at the end
 * of the log, and a sink commits the offset after the last record it saw, never past a marker.
 */
public final class DeliveryTracker {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final Admin admin;
    private final String bootstrapServers;
    private final String registryUrl;

    public DeliveryTracker(Admin admin, String bootstrapServers, String registryUrl) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** Current end offsets of every partition of {@code topic} (the log end, transaction markers included). */
    public Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        return endOffsets(topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /** End offsets as a reader with {@code isolation} sees them (READ_COMMITTED: the last stable offset). */
    public Map<TopicPartition, Long> endOffsets(String topic, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
            .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(30, TimeUnit.SECONDS)
            .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Records {@code group} still has to commit to reach {@code targets}; partitions with a target of 0 are ignored. */
    public long behind(String group, Map<TopicPartition, Long> targets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata at = committed.get(target.getKey());
            behind += Math.max(0, target.getValue() - (at == null ? 0 : at.offset()));
        }
        return behind;
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
            .forEach((tp, o) -> offsets.put(tp, o == null ? null : o.offset()));
        return offsets;
    }

    /** Waits until {@code group} has committed at least {@code targets} on every partition with data. */
    public void awaitCommitted(String group, Map<TopicPartition, Long> targets, Instant deadline, Consumer<String> progress)
        throws Exception {
        awaitCommitted(group, targets, deadline, progress, () -> null);
    }

    /**
     * As above, failing at once with {@code failure}'s message when it has one (e.g. a sink task FAILED): a stage
     * that cannot make progress is reported when it stops, not when the deadline passes.
     */
    public void awaitCommitted(String group, Map<TopicPartition, Long> targets, Instant deadline, Consumer<String> progress,
                               java.util.function.Supplier<String> failure) throws Exception {
        Instant nextReport = Instant.now().plus(REPORT_EVERY);
        while (true) {
            long behind = behind(group, targets);
            if (behind == 0) {
                return;
            }
            String failed = failure.get();
            if (failed != null) {
                throw new TimeoutException(failed + " (consumer group " + group + " is " + behind + " records behind)");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("consumer group " + group + " is still " + behind + " records behind (it made no "
                    + "progress in time; its committed offsets per partition: " + committed(group) + ", targets: " + targets + ")");
            }
            if (Instant.now().isAfter(nextReport)) {
                progress.accept("waiting for " + group + ": " + behind + " records to go");
                nextReport = Instant.now().plus(REPORT_EVERY);
            }
            Thread.sleep(POLL.toMillis()); // polling the broker's committed offsets; there is nothing to await on
        }
    }

    /**
     * Waits until no transaction is open on {@code topic} (the last stable offset equals the log end on every
     * partition). A consumer group's offsets commit with enrich's transaction, but the commit markers reach the
     * output partitions a moment later; reading before that would miss the newest stories.
     */
    public void awaitNoOpenTransactions(String topic, Instant deadline) throws Exception {
        while (!endOffsets(topic, IsolationLevel.READ_COMMITTED).equals(endOffsets(topic))) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("a transaction on " + topic + " is still open");
            }
            Thread.sleep(POLL.toMillis()); // markers are written by the broker; there is nothing to await on
        }
    }

    /** What news.enriched holds now (committed transactions only): latest version per story, and where data ends. */
    public record EnrichedLog(Map<String, EnrichedArticle> latest, Map<TopicPartition, Long> dataEnds) {
    }

    public EnrichedLog readEnriched(String topic) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        SpecificAvroDeserializer<EnrichedArticle> values = new SpecificAvroDeserializer<>(EnrichedArticle.class);
        values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), false);
        Map<String, EnrichedArticle> latest = new LinkedHashMap<>();
        Map<TopicPartition, Long> dataEnds = new HashMap<>();
        try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            partitions.forEach(tp -> dataEnds.put(tp, 0L));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, EnrichedArticle> record : consumer.poll(POLL)) {
                    dataEnds.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return new EnrichedLog(latest, dataEnds);
    }
}

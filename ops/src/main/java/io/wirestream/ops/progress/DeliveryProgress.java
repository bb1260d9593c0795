package io.wirestream.ops.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.wirestream.ops.lag.TransactionMarkerProbe;

/**
 * "Has this consumer group consumed that topic up to here?", the one answer {@code up --once}, {@code bench} and
 * {@code lag} share (lag through {@link io.wirestream.ops.lag.AdminLagSource}, which uses the same
 * {@link TransactionMarkerProbe}). A group is caught up on a partition when its committed offset reaches the target, or
 * when everything between the two is transaction markers or aborted records: enrich writes exactly once, so each
 * transaction ends with a marker that takes an offset and is never delivered, and a sink commits the offset after the
 * last record it saw. The targets are {@code read_committed} end offsets (last stable offsets), so an open transaction
 * is never waited for nor counted.
 */
public final class DeliveryProgress implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final TransactionMarkerProbe markers;

    public DeliveryProgress(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.markers = new TransactionMarkerProbe(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Duration.ofSeconds(5));
    }

    /** End offsets of every partition of {@code topic} as a {@code read_committed} reader sees them (last stable offsets). */
    public Map<TopicPartition, Long> committedEnds(String topic) throws Exception {
        return endOffsets(topic, IsolationLevel.READ_COMMITTED);
    }

    /**
     * End offsets as a reader with {@code isolation} sees them (READ_UNCOMMITTED: the log end, markers included). A
     * topic that does not exist yet or has no leader yet (Kafka Streams creates its repartition topic only as the app
     * joins its group, so {@code up} can ask about it first) is asked again until {@code REQUEST_TIMEOUT}.
     */
    public Map<TopicPartition, Long> endOffsets(String topic, IsolationLevel isolation) throws Exception {
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        while (true) {
            try {
                return endOffsetsNow(topic, isolation);
            } catch (ExecutionException e) {
                boolean notThereYet = e.getCause() instanceof UnknownTopicOrPartitionException
                    || e.getCause() instanceof LeaderNotAvailableException;
                if (!notThereYet || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100); // metadata propagation has no event to wait on from here
            }
        }
    }

    private Map<TopicPartition, Long> endOffsetsNow(String topic, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(topic).partitions()
            .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** The offsets {@code group} has committed (partitions without a commit are absent). */
    public Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        committed.forEach((tp, o) -> {
            if (o != null) {
                offsets.put(tp, o.offset());
            }
        });
        return offsets;
    }

    /**
     * Records {@code group} has still to consume to reach {@code targets}: per partition, from its committed offset
     * (0 without one) to the target, not counting transaction markers or aborted records at the end.
     */
    public long behind(String group, Map<TopicPartition, Long> targets) throws Exception {
        Map<TopicPartition, Long> committed = committed(group);
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> to = new HashMap<>();
        targets.forEach((tp, target) -> {
            long at = committed.getOrDefault(tp, 0L);
            if (at < target) {
                from.put(tp, at);
                to.put(tp, target);
            }
        });
        if (from.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> readable = markers.firstReadable(from, to);
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : from.entrySet()) {
            long first = readable.getOrDefault(e.getKey(), e.getValue());
            long target = to.get(e.getKey());
            if (first < target) {
                behind += target - e.getValue();
            }
        }
        return behind;
    }

    /**
     * Waits until {@code group} is caught up on {@code targets}, reporting every 5 s to {@code progress}; fails at once
     * with {@code failure}'s message when it has one (e.g. a sink task FAILED), and at the deadline otherwise.
     */
    public void awaitCaughtUp(String group, Map<TopicPartition, Long> targets, Instant deadline, Consumer<String> progress,
                              Supplier<String> failure) throws Exception {
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
                throw new TimeoutException("consumer group " + group + " is still " + behind + " records behind (committed "
                    + committed(group) + ", targets " + targets + ")");
            }
            if (Instant.now().isAfter(nextReport)) {
                progress.accept("waiting for " + group + ": " + behind + " records to go");
                nextReport = Instant.now().plus(REPORT_EVERY);
            }
            Thread.sleep(POLL.toMillis()); // committed offsets live on the broker; there is nothing to await on
        }
    }

    /**
     * Waits until no transaction is open on {@code topic} (last stable offset = log end on every partition): a group's
     * offsets commit with enrich's transaction, but the markers reach the output partitions a moment later.
     */
    public void awaitNoOpenTransactions(String topic, Instant deadline) throws Exception {
        while (!endOffsets(topic, IsolationLevel.READ_COMMITTED).equals(endOffsets(topic, IsolationLevel.READ_UNCOMMITTED))) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("a transaction on " + topic + " is still open");
            }
            Thread.sleep(POLL.toMillis()); // markers are written by the broker; there is nothing to await on
        }
    }

    @Override
    public void close() {
        markers.close();
        admin.close(Duration.ofSeconds(5));
    }
}

package io.wirestream.ops.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where the readable records of a partition begin after a committed offset. On a transactional topic (every
 * output of the exactly-once enrich app) each transaction ends with a commit marker that takes an offset but is never
 * delivered; a consumer that commits "last record + 1", as Kafka Connect does, stays one offset short of the end while
 * fully caught up. A {@code read_committed} consumer with no group, seeked to the committed offset, skips the markers
 * (its position moves past them) and stops at the first record it would deliver, which tells the two cases apart.
 *
 * <p>Results are cached per (partition, committed, end), so an idle consumer is probed once, not on every poll.
 * Not thread-safe: the lag monitor calls it from its one polling thread.
 */
public final class TransactionMarkerProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionMarkerProbe.class);
    private static final int CACHE_LIMIT = 10_000;

    private final Map<String, Object> consumerProps;
    private final Duration timeout;
    private final Map<Key, Long> cache = new HashMap<>();
    private KafkaConsumer<byte[], byte[]> consumer;

    private record Key(TopicPartition tp, long committed, long end) {
    }

    /** @param clientProps connection properties (bootstrap servers, security); only the consumer's own keys are used */
    public TransactionMarkerProbe(Map<String, ?> clientProps, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        clientProps.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wirestream-ops-marker-probe");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1 << 20);
        this.consumerProps = props;
        this.timeout = timeout;
    }

    /**
     * For each partition and the offset a group committed on it: the offset of the first record a consumer would still
     * receive, or {@code ends.get(partition)} when there is none. Partitions it cannot tell within the timeout are
     * absent.
     */
    public Map<TopicPartition, Long> firstReadable(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> out = new HashMap<>();
        Map<TopicPartition, Long> todo = new HashMap<>();
        committed.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end == null) {
                return;
            }
            Long known = cache.get(new Key(tp, offset, end));
            if (known != null) {
                out.put(tp, known);
            } else {
                todo.put(tp, offset);
            }
        });
        if (!todo.isEmpty()) {
            probe(todo, ends, out);
        }
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        return out;
    }

    private void probe(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> out) {
        try {
            KafkaConsumer<byte[], byte[]> c = consumer();
            c.assign(from.keySet());
            from.forEach(c::seek);
            Set<TopicPartition> pending = new HashSet<>(from.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
                for (TopicPartition tp : records.partitions()) {
                    if (pending.remove(tp)) {
                        resolve(tp, from.get(tp), ends.get(tp), records.records(tp).get(0).offset(), out);
                    }
                }
                for (TopicPartition tp : new ArrayList<>(pending)) {
                    long end = ends.get(tp);
                    if (c.position(tp, timeout) >= end) {
                        pending.remove(tp);
                        resolve(tp, from.get(tp), end, end, out); // only markers (or aborted records) before the end
                    }
                }
            }
            if (!pending.isEmpty()) {
                LOG.debug("could not tell within {} whether {} hold readable records", timeout, pending);
            }
        } catch (KafkaException e) {
            LOG.debug("transaction marker probe failed: {}", e.toString()); // the lag then counts every offset
            closeConsumer();
        }
    }

    private void resolve(TopicPartition tp, long committed, long end, long firstReadable, Map<TopicPartition, Long> out) {
        out.put(tp, firstReadable);
        cache.put(new Key(tp, committed, end), firstReadable);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Properties props = new Properties();
            props.putAll(consumerProps);
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    private void closeConsumer() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("closing the marker probe consumer failed", e);
            }
            consumer = null;
        }
    }

    @Override
    public void close() {
        closeConsumer();
    }
}

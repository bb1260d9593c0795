package io.wirestream.cli.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches news.enriched the way a downstream reader sees it ({@code read_committed}, so a story counts only once
 * enrich's transaction committed) from the end of the log at start, and for every story the benchmark sent records
 * the end-to-end latency: receive time minus the time the story was handed to the publisher. Values are not decoded:
 * the key (story id) is all it needs, and the benchmark should not spend the pipeline's CPU on it.
 */
final class EnrichedWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichedWatcher.class);

    /** When a story was handed to the publisher ({@link System#nanoTime()}), and whether it counts (not warm-up). */
    record Sent(long nanos, boolean measured) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Sent> sent;
    private final List<TopicPartition> partitions;
    private final Histogram latencyMicros = LatencyHistograms.create();
    private final Set<String> seenIds = new HashSet<>();
    private final AtomicInteger measuredSeen = new AtomicInteger();
    private final AtomicInteger warmupSeen = new AtomicInteger();
    private final Map<TopicPartition, Long> dataEnds = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile long lastMeasuredNanos;
    private volatile SinkCommitLatency landings;
    private volatile boolean running = true;
    private volatile Exception failure;

    /** Starts watching {@code topic} from its current end; returns once the start positions are fixed. */
    static EnrichedWatcher start(String bootstrapServers, String topic, Map<String, Sent> sent) {
        return new EnrichedWatcher(bootstrapServers, topic, sent);
    }

    private EnrichedWatcher(String bootstrapServers, String topic, Map<String, Sent> sent) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wirestream-bench-watcher");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.sent = sent;
        this.partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(tp -> positions.put(tp, consumer.position(tp, Duration.ofSeconds(60))));
        this.thread = new Thread(this::run, "wirestream-bench-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    dataEnds.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    Sent when = record.key() == null ? null : sent.get(record.key());
                    if (when == null || record.value() == null || !seenIds.add(record.key())) {
                        continue;
                    }
                    if (when.measured()) {
                        SinkCommitLatency sinks = landings;
                        if (sinks != null) {
                            sinks.landed(new TopicPartition(record.topic(), record.partition()), record.offset(), when.nanos());
                        }
                        synchronized (latencyMicros) {
                            LatencyHistograms.recordSince(latencyMicros, when.nanos(), now);
                        }
                        lastMeasuredNanos = now;
                        measuredSeen.incrementAndGet();
                    } else {
                        warmupSeen.incrementAndGet();
                    }
                }
                for (TopicPartition tp : partitions) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } catch (Exception e) {
            LOG.warn("watching the enriched topic failed: {}", e.toString());
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** From now on, tells {@code sinks} where each measured story landed. */
    void trackLandings(SinkCommitLatency sinks) {
        this.landings = sinks;
    }

    int measuredSeen() {
        return measuredSeen.get();
    }

    int warmupSeen() {
        return warmupSeen.get();
    }

    /** {@link System#nanoTime()} when the last measured story became visible (0 before the first). */
    long lastMeasuredNanos() {
        return lastMeasuredNanos;
    }

    /** Whether this reader has read up to {@code ends} on every partition. */
    boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Per partition, the offset after the last record read (only partitions that got records since the start). */
    Map<TopicPartition, Long> dataEnds() {
        return Map.copyOf(dataEnds);
    }

    /** A copy of the end-to-end latencies so far, in microseconds. */
    Histogram latencyMicros() {
        synchronized (latencyMicros) {
            return latencyMicros.copy();
        }
    }

    Exception failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

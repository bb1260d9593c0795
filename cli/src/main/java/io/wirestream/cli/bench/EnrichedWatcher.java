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

    /** When a story was handed to the publisher ({@link System#nanoTime()}), and in which round (warm-up or measured). */
    record Sent(long nanos, int round) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Sent> sent;
    private final List<TopicPartition> partitions;
    private final Histogram latencyMicros = LatencyHistograms.create();
    private final Set<String> seenIds = new HashSet<>();
    /** Stories of the current round seen; stories of earlier rounds only move {@link #dataEnds}. */
    private final AtomicInteger roundSeen = new AtomicInteger();
    private volatile int round;
    private final Map<TopicPartition, Long> dataEnds = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile long lastRoundNanos;
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
                    if (when.round() == round) {
                        SinkCommitLatency sinks = landings;
                        if (sinks != null) {
                            sinks.landed(new TopicPartition(record.topic(), record.partition()), record.offset(), when.nanos());
                        }
                        synchronized (latencyMicros) {
                            LatencyHistograms.recordSince(latencyMicros, when.nanos(), now);
                        }
                        lastRoundNanos = now;
                        roundSeen.incrementAndGet();
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

    /** From now on, tells {@code sinks} where each story of the current round landed. */
    void trackLandings(SinkCommitLatency sinks) {
        this.landings = sinks;
    }

    /**
     * Counts stories of {@code next} from now on, and forgets the count and latencies of the round before: the last
     * round's stories must all have been seen (the benchmark waits for them before it starts the next).
     */
    void startRound(int next) {
        synchronized (latencyMicros) {
            latencyMicros.reset();
        }
        roundSeen.set(0);
        lastRoundNanos = 0;
        round = next;
    }

    /** Stories of the current round seen so far. */
    int roundSeen() {
        return roundSeen.get();
    }

    /** {@link System#nanoTime()} when the last story of the current round became visible (0 before the first). */
    long lastRoundNanos() {
        return lastRoundNanos;
    }

    /** Whether this reader has read up to {@code ends} on every partition. */
    boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Per partition, the offset after the last record read (only partitions that got records since the start). */
    Map<TopicPartition, Long> dataEnds() {
        return Map.copyOf(dataEnds);
    }

    /** A copy of the current round's end-to-end latencies so far, in microseconds. */
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

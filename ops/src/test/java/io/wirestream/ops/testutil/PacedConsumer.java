package io.wirestream.ops.testutil;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.LoggerFactory;

/**
 * A group member that processes at most {@code perTick} records every {@code tick} and commits after each tick:
 * slower or faster than a {@link PacedProducer} as the test needs ({@code max.poll.records = perTick}).
 * Closing it leaves the group.
 */
public final class PacedConsumer implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong processed = new AtomicLong();

    public PacedConsumer(Map<String, Object> props, String topic, int perTick, Duration tick) {
        Map<String, Object> p = new HashMap<>(props);
        p.remove("schema.registry.url");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, perTick));
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        scheduler.execute(() -> consumer.subscribe(List.of(topic)));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(50));
                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                for (ConsumerRecord<String, String> r : records) {
                    commit.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    processed.incrementAndGet();
                }
                if (!commit.isEmpty()) {
                    consumer.commitSync(commit);
                }
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(PacedConsumer.class).warn("paced consumer tick failed: {}", e.toString());
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long processed() {
        return processed.get();
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.execute(() -> consumer.close(Duration.ofSeconds(10)));
        scheduler.shutdown();
        scheduler.awaitTermination(20, TimeUnit.SECONDS);
    }
}

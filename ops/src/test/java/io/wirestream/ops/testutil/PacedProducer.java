package io.wirestream.ops.testutil;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes {@code perTick} records to a topic every {@code tick}, on its own thread, until closed. */
public final class PacedProducer implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong sent = new AtomicLong();

    public PacedProducer(Map<String, Object> props, String topic, int perTick, Duration tick) {
        Map<String, Object> p = new java.util.HashMap<>(props);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        scheduler.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick; i++) {
                long n = sent.incrementAndGet();
                producer.send(new ProducerRecord<>(topic, "k" + (n % 7), "v" + n));
            }
            producer.flush();
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(10));
    }
}

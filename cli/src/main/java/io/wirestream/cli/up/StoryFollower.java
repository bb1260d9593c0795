package io.wirestream.cli.up;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shows stories as enrich publishes them, while {@code wirestream up} watches the inbox. */
final class StoryFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoryFollower.class);

    private final KafkaConsumer<String, EnrichedArticle> consumer;
    private final Thread thread;

    private StoryFollower(KafkaConsumer<String, EnrichedArticle> consumer, Consumer<EnrichedArticle> onStory) {
        this.consumer = consumer;
        this.thread = new Thread(() -> loop(onStory), "wirestream-up-follow");
        this.thread.setDaemon(true);
    }

    /** Follows {@code topic} from {@code from} (the offsets already shown). */
    static StoryFollower start(String bootstrap, Map<String, ?> serdeConfig, String topic, Map<TopicPartition, Long> from,
                               Consumer<EnrichedArticle> onStory) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        SpecificAvroDeserializer<EnrichedArticle> values = new SpecificAvroDeserializer<>(EnrichedArticle.class);
        values.configure(serdeConfig, false);
        KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        StoryFollower follower = new StoryFollower(consumer, onStory);
        follower.thread.start();
        return follower;
    }

    private void loop(Consumer<EnrichedArticle> onStory) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, EnrichedArticle> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        onStory.accept(record.value());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.warn("stopped showing new stories: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}

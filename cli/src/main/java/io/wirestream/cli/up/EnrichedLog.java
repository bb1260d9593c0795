package io.wirestream.cli.up;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.AvroSerdeConfig;
import io.wirestream.schemas.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What an enriched topic holds now, as a {@code read_committed} reader without a group sees it: the latest version of
 * every story, and per partition the offset after its last data record (where {@link StoryFollower} goes on).
 */
public record EnrichedLog(Map<String, EnrichedArticle> latest, Map<TopicPartition, Long> dataEnds) {

    private static final Duration POLL = Duration.ofMillis(250);

    public static EnrichedLog read(String bootstrapServers, String registryUrl, String topic) {
        return read(bootstrapServers, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), topic);
    }

    /** With a serde configuration: the registry's URL and credentials. */
    public static EnrichedLog read(String bootstrapServers, Map<String, ?> serdeConfig, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        SpecificAvroDeserializer<EnrichedArticle> values = new SpecificAvroDeserializer<>(EnrichedArticle.class);
        values.configure(serdeConfig, false);
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

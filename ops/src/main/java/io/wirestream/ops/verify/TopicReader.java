package io.wirestream.ops.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic once, {@code read_committed}, with {@code assign()} and no consumer group (so it leaves nothing
 * behind on the cluster): from the beginning of every partition up to the end offsets taken when it starts.
 */
public final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Duration timeout;
    private final Map<String, Object> clientProps;

    /** Reads from {@code bootstrapServers} with {@code clientProps} (security settings) under the reader's own. */
    public TopicReader(String bootstrapServers, Duration timeout, Map<String, Object> clientProps) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.clientProps = Map.copyOf(clientProps);
    }

    /** Every committed record of {@code topic} mapped by {@code map} (key, value bytes or null), in partition order. */
    public <T> List<T> read(String topic, BiFunction<String, byte[], T> map) throws TimeoutException {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wirestream-verify");
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < ends.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("reading " + topic + " took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        out.add(map.apply(record.key(), record.value()));
                    }
                }
            }
        }
        return out;
    }
}

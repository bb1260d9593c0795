package io.wirestream.ops.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;

@WithKafka
class DeliveryProgressIT {

    @Test
    void aGroupThatCommittedAfterTheLastRecordOfATransactionIsCaughtUpAlthoughTheMarkerFollows(KafkaEnv env) throws Exception {
        String topic = env.randomTopic("enriched");
        env.createTopics(topic);
        TopicPartition tp = new TopicPartition(topic, 0);
        Map<String, Object> props = new HashMap<>(env.producerProps());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "1"));
            producer.send(new ProducerRecord<>(topic, "b", "2"));
            producer.commitTransaction(); // offsets 0, 1 and the commit marker at 2
        }
        String group = "sink-" + topic;

        try (DeliveryProgress progress = new DeliveryProgress(env.bootstrapServers())) {
            Map<TopicPartition, Long> ends = progress.committedEnds(topic);
            assertThat(ends).containsEntry(tp, 3L);
            assertThat(progress.behind(group, ends)).isEqualTo(3); // nothing committed yet

            commit(env, group, tp, 1);
            assertThat(progress.behind(group, ends)).isEqualTo(2); // record 1 is still to be read

            commit(env, group, tp, 2); // what a sink commits after record 1: the marker is never delivered
            assertThat(progress.behind(group, ends)).isZero();
        }
    }

    @Test
    void theEndsOfATopicCreatedWhileTheyAreAskedForAreAnsweredOnceItExists(KafkaEnv env) throws Exception {
        // Kafka Streams creates its repartition topic only as the app joins its group: up can ask about it first
        String topic = env.randomTopic("repartition");
        CompletableFuture<Void> created = CompletableFuture.runAsync(() -> env.createTopics(topic),
            CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
        try (DeliveryProgress progress = new DeliveryProgress(env.bootstrapServers())) {
            assertThat(progress.committedEnds(topic)).containsEntry(new TopicPartition(topic, 0), 0L);
        }
        created.get(30, TimeUnit.SECONDS);
    }

    private static void commit(KafkaEnv env, String group, TopicPartition tp, long offset) throws Exception {
        env.admin().alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(offset))).all().get(30, TimeUnit.SECONDS);
    }
}

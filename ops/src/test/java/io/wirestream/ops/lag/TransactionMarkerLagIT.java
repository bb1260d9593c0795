package io.wirestream.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * On a transactional topic (what enrich writes) the commit marker after the last record takes an offset no consumer
 * receives: a sink that committed "last record + 1" is caught up, and the monitor must say OK with lag 0 rather than
 * STALL with lag 1, while a group with a real record still to read keeps its lag.
 */
@WithKafka
class TransactionMarkerLagIT {

    @Test
    void aConsumerShortOfTheEndOnlyByATransactionMarkerIsCaughtUpButUnreadRecordsStillCount(KafkaEnv env) throws Exception {
        String topic = env.randomTopic("txn");
        env.createTopic(topic, 1);
        Map<String, Object> producerProps = new HashMap<>(env.producerProps());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, env.randomTopic("txn-producer"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.commitTransaction(); // records at offsets 0-2, the commit marker at 3, end offset 4
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        String caughtUp = env.randomTopic("sink-caught-up");
        String behind = env.randomTopic("sink-behind");
        env.admin().alterConsumerGroupOffsets(caughtUp, Map.of(tp, new OffsetAndMetadata(3))).all().get(); // as Connect commits
        env.admin().alterConsumerGroupOffsets(behind, Map.of(tp, new OffsetAndMetadata(2))).all().get();

        LagMonitorSettings settings = LagMonitorSettings.defaults()
            .withInclude(Pattern.quote(caughtUp) + "|" + Pattern.quote(behind));
        try (AdminLagSource counting = new AdminLagSource(env.admin(), Duration.ofSeconds(30));
             AdminLagSource reading = new AdminLagSource(env.admin(), Duration.ofSeconds(30),
                 Map.of("bootstrap.servers", env.bootstrapServers()));
             LagMonitor withoutProbe = new LagMonitor(counting, settings, Clock.systemUTC());
             LagMonitor withProbe = new LagMonitor(reading, settings, Clock.systemUTC())) {

            PartitionLag counted = withoutProbe.poll().group(caughtUp).orElseThrow().partitions().get(0);
            assertThat(counted.logEndOffset()).isEqualTo(4);
            assertThat(counted.lag()).isEqualTo(1); // what offsets alone say

            LagSnapshot snapshot = withProbe.poll();
            PartitionLag read = snapshot.group(caughtUp).orElseThrow().partitions().get(0);
            assertThat(read.committed()).isEqualTo(3); // the group's own offset is still shown as committed
            assertThat(read.lag()).isZero();
            assertThat(read.status()).isEqualTo(GroupStatus.OK);

            PartitionLag unread = snapshot.group(behind).orElseThrow().partitions().get(0);
            assertThat(unread.committed()).isEqualTo(2);
            assertThat(unread.lag()).isEqualTo(2); // the record at 2 (and the marker after it) are still ahead
        }
    }
}

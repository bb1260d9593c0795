package io.wirestream.local.junit;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@WithKafka(nodes = 3)
class ThreeNodeClusterIT {

    static KafkaEnv first;

    @BeforeAll
    static void remember(KafkaEnv env) {
        first = env;
    }

    @Test
    void theClassGetsThreeBrokersAndTopicsReplicatedOnAllOfThem(KafkaEnv env) throws Exception {
        assertThat(env.nodes()).isEqualTo(3);
        assertThat(env.admin().describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(3);
        String topic = env.randomTopic("replicated");
        env.createTopic(topic, 3);
        TopicDescription description = env.admin().describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new StringSerializer())) {
            assertThat(producer.send(new ProducerRecord<>(topic, "k", "v")).get(60, TimeUnit.SECONDS).offset()).isZero();
        }
    }

    @Test
    void everyTestOfTheClassSharesOneClusterAndRegistry(KafkaEnv env) {
        assertThat(env).isSameAs(first);
        assertThat(env.schemaRegistryUrl()).startsWith("http://127.0.0.1:");
    }
}

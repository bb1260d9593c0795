package io.wirestream.sink.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/ARCHITECTURE.md's "Add a sink" recipe, followed once: {@link ExampleSink}, registered only through the service
 * file, is found by {@link SinkPlugins}, configured the way {@code up} and {@code sink} configure every sink, and runs
 * on the real Connect worker next to the project's own.
 */
@WithKafka
class AddASinkRecipeIT {

    @Test
    void aSinkRegisteredInTheServiceFileIsResolvedLikeTheOthersAndRunsOnTheRealWorker(KafkaEnv env, @TempDir Path work) throws Exception {
        assertThat(SinkPlugins.all()).extracting(SinkPlugin::connector)
            .containsSubsequence("wirestream-jsonl", "wirestream-postgres").contains("wirestream-example");
        String topic = env.randomTopic("example");
        env.createTopics(topic);
        String name = "run-" + UUID.randomUUID();
        Map<String, String> options = new java.util.HashMap<>(SinkPlugins.options(null, null, null, null, null));
        assertThat(SinkPlugins.configs(new SinkTarget(topic, null, (short) 1, env.bootstrapServers(), Map.of(), options)))
            .as("a sink whose option is absent does not run").isEmpty();
        options.put(ExampleSink.OPTION, name);
        Map<String, Map<String, String>> sinks = SinkPlugins.configs(new SinkTarget(topic, null, (short) 1, env.bootstrapServers(), Map.of(), options));
        assertThat(sinks).containsOnlyKeys("wirestream-example");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "a story for the example sink")).get();
        }
        try (EmbeddedConnect connect = EmbeddedConnect.start(EmbeddedConnect.workerConfig(env.bootstrapServers(), work, env.schemaRegistryUrl()))) {
            sinks.forEach(connect::addConnector);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ExampleSink.RECEIVED.get(name)).containsExactly("a story for the example sink"));
        }
    }
}

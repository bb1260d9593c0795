package io.wirestream.local;

import io.wirestream.local.kafka.EmbeddedKafka;
import io.wirestream.local.registry.EmbeddedSchemaRegistry;
import io.wirestream.local.testutil.TopicReader;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The single-machine setup: stop the broker and the registry, start both again on the same data directory. */
class BrokerAndRegistryRestartIT {

    static final Schema OTHER = new Schema.Parser().parse("""
            {"type": "record", "name": "Other", "namespace": "io.wirestream.local.it",
             "fields": [{"name": "x", "type": "int"}]}""");

    @TempDir
    Path dataDir;

    @Test
    void topicsRecordsAndSchemaIdsSurviveARestartOfBrokerAndRegistry() {
        String topic = "news.restart";
        List<RawArticle> sent = new ArrayList<>();
        int articleId;
        int otherId;
        String clusterId;

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers());
             SchemaRegistryClient client = SchemaRegistryClients.create(registry.url())) {
            clusterId = kafka.clusterId();
            createTopic(kafka.bootstrapServers(), topic);
            otherId = client.register("other-value", OTHER);
            try (Serde<RawArticle> serde = AvroSerdes.specific(RawArticle.class, registry.url(), false);
                 KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(producerProps(kafka),
                         new StringSerializer(), serde.serializer())) {
                for (int i = 0; i < 5; i++) {
                    RawArticle article = RawArticle.newBuilder().setStoryId("s" + i).setVersion(1).setSource("it")
                            .setFormat("text").setReceived(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                            .setBody("body " + i).setContentHash("h" + i).build();
                    sent.add(article);
                    producer.send(new ProducerRecord<>(topic, article.getStoryId(), article));
                }
                producer.flush();
            }
            articleId = client.getLatest(topic + "-value").id();
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers());
             SchemaRegistryClient client = SchemaRegistryClients.create(registry.url());
             Serde<RawArticle> serde = AvroSerdes.specific(RawArticle.class, registry.url(), false)) {
            assertThat(kafka.formattedOnStart()).isFalse();
            assertThat(kafka.clusterId()).isEqualTo(clusterId);

            // the schemas: same subjects, versions and ids; new schemas get new ids
            assertThat(client.subjects()).containsExactlyInAnyOrder("other-value", topic + "-value");
            assertThat(client.getLatest(topic + "-value").id()).isEqualTo(articleId);
            assertThat(client.getById(articleId)).isEqualTo(RawArticle.getClassSchema());
            assertThat(client.getById(otherId)).isEqualTo(OTHER);
            assertThat(client.register("other-value", OTHER)).isEqualTo(otherId);
            Schema fresh = new Schema.Parser().parse("""
                    {"type": "record", "name": "Fresh", "fields": [{"name": "y", "type": "long"}]}""");
            assertThat(client.register("fresh-value", fresh)).isGreaterThan(Math.max(articleId, otherId));

            // the records: all there, and their schema ids resolve through the restarted registry
            List<ConsumerRecord<String, RawArticle>> received = TopicReader.readAll(kafka.bootstrapServers(), topic, 5,
                    new StringDeserializer(), serde.deserializer());
            assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
            List<ConsumerRecord<byte[], byte[]>> raw = TopicReader.readAll(kafka.bootstrapServers(), topic, 5,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            assertThat(raw).extracting(r -> WireFormat.schemaId(r.value())).containsOnly(articleId);
        }
    }

    static Map<String, Object> producerProps(EmbeddedKafka kafka) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    }

    static void createTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

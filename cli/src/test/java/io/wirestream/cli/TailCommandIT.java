package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.serde.AvroSerdeConfig;
import io.wirestream.schemas.serde.GenericAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** {@code wirestream tail} against a real broker and registry: a dead letter queue of any bytes prints in full. */
@WithKafka
class TailCommandIT {

    private static RecordHeaders streamsErrors(String exception, String message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("__streams.errors.exception", exception.getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.message", message.getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.stacktrace", (exception + ": " + message + "\n\tat x.Y.z(Y.java:1)").getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.topic", "news.raw".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void tailPrintsDeadLetterRecordsOfAnyBytesWithTheirErrorHeaders(KafkaEnv kafka) throws Exception {
        String dlq = kafka.randomTopic("news.dlq");
        kafka.createTopics(dlq);
        RawArticle raw = RawArticle.newBuilder().setStoryId("story-avro").setVersion(1).setSource("test").setFormat("plain-text")
            .setPubStatus(PubStatus.USABLE).setReceived(Instant.parse("2018-08-01T03:00:00Z"))
            .setVersionCreated(Instant.parse("2018-07-31T18:00:00Z")).setHeadline("An Avro headline").setBody("Body")
            .setLanguage("en").setSubjects(List.of()).setContentHash("00").setAttributes(Map.of()).build();
        byte[] avro;
        try (GenericAvroSerializer serializer = new GenericAvroSerializer()) {
            serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, kafka.schemaRegistryUrl()), false);
            avro = serializer.serialize(dlq, raw);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(dlq, null, "story-text".getBytes(StandardCharsets.UTF_8),
                "{\"headline\": \"not avro\"}".getBytes(StandardCharsets.UTF_8),
                streamsErrors("org.apache.kafka.common.errors.SerializationException", "Unknown magic byte 0x7b"))).get();
            producer.send(new ProducerRecord<>(dlq, null, "story-bytes".getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 0, 0, 0x7f, 0x7f, (byte) 0xff}, // framed-looking, schema id the registry does not know
                streamsErrors("org.apache.kafka.common.errors.SerializationException", "Unknown schema id 2139095039"))).get();
            producer.send(new ProducerRecord<>(dlq, null, "story-avro".getBytes(StandardCharsets.UTF_8), avro,
                streamsErrors("java.lang.IllegalStateException", "annotator failed"))).get();
        }

        CliRun text = CliRun.run("tail", dlq, "--bootstrap-server", kafka.bootstrapServers(), "--schema-registry", kafka.schemaRegistryUrl(),
            "--max", "3", "--idle-timeout", "10s");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out())
            .contains("""
                story-text: {"headline": "not avro"}
                    __streams.errors.exception: org.apache.kafka.common.errors.SerializationException
                    __streams.errors.message: Unknown magic byte 0x7b
                    __streams.errors.topic: news.raw
                """)
            .contains("""
                story-bytes: 0000007f7fff (6 bytes)
                    __streams.errors.exception: org.apache.kafka.common.errors.SerializationException
                    __streams.errors.message: Unknown schema id 2139095039
                """)
            .contains("An Avro headline")
            .contains("""
                    __streams.errors.exception: java.lang.IllegalStateException
                    __streams.errors.message: annotator failed
                """)
            .doesNotContain("__streams.errors.stacktrace");

        CliRun json = CliRun.run("tail", dlq, "--json", "--bootstrap-server", kafka.bootstrapServers(), "--schema-registry",
            kafka.schemaRegistryUrl(), "--max", "3", "--idle-timeout", "10s");
        assertThat(json.code()).as(json.err()).isZero();
        List<String> lines = json.out().lines().filter(l -> l.startsWith("{\"key\"")).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"text\":\"{\\\"headline\\\": \\\"not avro\\\"}\"", "\"__streams.errors.exception\":");
        assertThat(lines.get(1)).contains("\"base64\":\"AAAAf3//\"");
        assertThat(lines.get(2)).contains("\"headline\":\"An Avro headline\"", "\"__streams.errors.message\":\"annotator failed\"");
    }

    @Test
    void tailLeavesNoConsumerGroupBehind(KafkaEnv kafka) throws Exception {
        String topic = kafka.randomTopic("news.enriched");
        kafka.createTopics(topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8))).get();
        }
        java.util.Set<String> before = groups(kafka);

        CliRun run = CliRun.run("tail", topic, "--bootstrap-server", kafka.bootstrapServers(), "--schema-registry", kafka.schemaRegistryUrl(),
            "--max", "1", "--idle-timeout", "10s");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("k: v");
        assertThat(groups(kafka)).isEqualTo(before);
    }

    private static java.util.Set<String> groups(KafkaEnv kafka) throws Exception {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        kafka.admin().listGroups().all().get(30, java.util.concurrent.TimeUnit.SECONDS).forEach(g -> ids.add(g.groupId()));
        return ids;
    }
}

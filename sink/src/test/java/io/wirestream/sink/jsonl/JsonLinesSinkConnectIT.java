package io.wirestream.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.SpecificAvroSerializer;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.sink.runtime.EmbeddedConnect;
import io.wirestream.sink.testutil.ArticleProducer;
import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.NinjsValidator;

/** The JSON Lines sink on the real Connect runtime against the embedded broker and registry. */
@WithKafka
class JsonLinesSinkConnectIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ArticleProducer producer;

    @BeforeAll
    static void producer(KafkaEnv env) {
        producer = new ArticleProducer(env.producerProps());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private static Map<String, String> connectorConfig(String topic, Path out) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JsonLinesSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("directory", out.toString());
        return config;
    }

    /** Every line of every finished file of the current output generation (hidden temporary files excluded). */
    private static List<JsonNode> lines(Path out) throws IOException {
        return lines(out, false);
    }

    private static List<JsonNode> lines(Path out, boolean superseded) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(out)) {
            return lines;
        }
        Path old = out.resolve(JsonLinesWriter.SUPERSEDED_DIR);
        try (Stream<Path> files = Files.walk(out)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jsonl") && f.startsWith(old) == superseded)
                    .sorted().toList()) {
                for (String line : Files.readAllLines(p)) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    @Test
    void recordsBecomeValidNinjsLinesInDailyFilesKillsAreCanceledNoticesAndBadRecordsGoToTheDlq(KafkaEnv env) throws Exception {
        String topic = env.randomTopic("enriched");
        Articles.createTopics(env, topic);
        Path work = Files.createTempDirectory("jsonl-it");
        Path out = work.resolve("out");
        try (EmbeddedConnect connect = EmbeddedConnect.start(EmbeddedConnect.workerConfig(env.bootstrapServers(), work, env.schemaRegistryUrl()))) {
            String dlq = env.randomTopic("dlq");
            Articles.createTopics(env, dlq);
            Map<String, String> config = connectorConfig(topic, out);
            config.put("errors.tolerance", "all");
            config.put("errors.deadletterqueue.topic.name", dlq);
            config.put("errors.deadletterqueue.topic.replication.factor", "1");
            connect.addConnector("jsonl-" + topic, config);
            producer.send(topic, Articles.seed("seed-1", 1), Articles.plain("other-1", 1, "Oil prices"));
            producer.sendBytes(topic, "poison".getBytes(), "not avro".getBytes());
            producer.sendWithKey(topic, "wrong-key", Articles.seed("seed-9", 1));
            producer.send(topic, Articles.kill("seed-1", 2));
            producer.tombstone(topic, "other-1");

            await().atMost(TIMEOUT).until(() -> lines(out).size() == 4);
            assertThat(keysIn(env, dlq, 2)).containsExactlyInAnyOrder("poison", "wrong-key");
        }

        List<JsonNode> lines = lines(out);
        for (JsonNode line : lines) {
            assertThat(NinjsValidator.errors(line)).as(line.toString()).isEmpty();
        }
        assertThat(lines).extracting(l -> l.get("uri").asText() + " " + l.get("pubstatus").asText()).containsExactly(
                "urn:wirestream:story:seed-1 usable", "urn:wirestream:story:other-1 usable",
                "urn:wirestream:story:seed-1 canceled", "urn:wirestream:story:other-1 canceled");
        assertThat(lines.get(0).at("/subjects/0/literal").asText()).isEqualTo("missile-defense");
        try (Stream<Path> dirs = Files.list(out)) {
            // the articles' Kafka timestamps are their enrichment times (2018); the tombstone's is now
            assertThat(dirs.map(p -> p.getFileName().toString()).toList()).contains("2018-08-01");
        }
    }

    private static List<String> keysIn(KafkaEnv env, String topic, int expected) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(env.consumerProps("read-" + topic),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
                return keys.size() >= expected;
            });
        }
        return keys;
    }

    @Test
    void recordsOfAnAbortedTransactionNeverReachTheFiles(KafkaEnv env) throws Exception {
        String topic = env.randomTopic("enriched");
        Articles.createTopics(env, topic);
        Map<String, Object> txProps = new HashMap<>(env.producerProps());
        txProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic);
        SpecificAvroSerializer<EnrichedArticle> serializer = new SpecificAvroSerializer<>();
        serializer.configure(txProps, false);
        try (KafkaProducer<String, EnrichedArticle> tx = new KafkaProducer<>(txProps, new StringSerializer(), serializer)) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(topic, "aborted-1", Articles.plain("aborted-1", 1, "never committed")));
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(topic, "committed-1", Articles.plain("committed-1", 1, "committed")));
            tx.commitTransaction();
        }
        producer.send(topic, Articles.plain("after-1", 1, "after the transactions"));

        Path work = Files.createTempDirectory("jsonl-tx-it");
        Path out = work.resolve("out");
        try (EmbeddedConnect connect = EmbeddedConnect.start(EmbeddedConnect.workerConfig(env.bootstrapServers(), work, env.schemaRegistryUrl()))) {
            connect.addConnector("jsonl-" + topic, connectorConfig(topic, out));
            await().atMost(TIMEOUT).until(() -> lines(out).stream().anyMatch(l -> l.get("uri").asText().endsWith(":after-1")));
        }

        assertThat(lines(out)).extracting(l -> l.get("uri").asText())
                .containsExactlyInAnyOrder("urn:wirestream:story:committed-1", "urn:wirestream:story:after-1");
    }

    @Test
    void aTopicDeletedAndCreatedAgainStartsANewOutputGenerationInsteadOfSkippingItsFirstRecords(KafkaEnv env) throws Exception {
        String topic = env.randomTopic("enriched");
        Articles.createTopics(env, topic);
        Path work = Files.createTempDirectory("jsonl-recreated-it");
        Path out = work.resolve("out");
        Map<String, String> config = connectorConfig(topic, out);
        config.put(JsonLinesSinkConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        Map<String, String> worker = EmbeddedConnect.workerConfig(env.bootstrapServers(), work, env.schemaRegistryUrl());
        try (EmbeddedConnect connect = EmbeddedConnect.start(worker)) {
            connect.addConnector("jsonl-" + topic, config);
            producer.send(topic, Articles.plain("a", 1, "first topic a"), Articles.plain("b", 1, "first topic b"),
                    Articles.plain("c", 1, "first topic c"));
            await().atMost(TIMEOUT).until(() -> lines(out).size() == 3);
        }
        // what `rm -rf data` does to a local pipeline: the topic and the sink's consumer group are gone, out/ stays
        env.admin().deleteConsumerGroups(List.of("connect-jsonl-" + topic)).all().get(60, TimeUnit.SECONDS);
        env.admin().deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
            Articles.createTopics(env, topic);
            return true;
        });
        producer.send(topic, Articles.plain("d", 1, "second topic d"));

        try (EmbeddedConnect connect = EmbeddedConnect.start(worker)) {
            connect.addConnector("jsonl-" + topic, config);
            await().atMost(TIMEOUT).until(() -> lines(out).size() == 1);
        }

        assertThat(lines(out)).extracting(l -> l.get("uri").asText()).containsExactly("urn:wirestream:story:d");
        assertThat(lines(out, true)).extracting(l -> l.get("uri").asText())
                .containsExactly("urn:wirestream:story:a", "urn:wirestream:story:b", "urn:wirestream:story:c");
    }

    @Test
    void aWorkerRestartMidStreamEndsWithEveryRecordWrittenExactlyOnce(KafkaEnv env) throws Exception {
        String topic = env.randomTopic("enriched");
        Articles.createTopics(env, topic);
        Path work = Files.createTempDirectory("jsonl-restart-it");
        Path out = work.resolve("out");
        Map<String, String> worker = EmbeddedConnect.workerConfig(env.bootstrapServers(), work, env.schemaRegistryUrl());
        worker.put("offset.flush.interval.ms", "1000");
        int stories = 300;
        try (EmbeddedConnect first = EmbeddedConnect.start(worker)) {
            first.addConnector("jsonl-" + topic, connectorConfig(topic, out));
            for (int i = 0; i < stories; i++) {
                producer.send(topic, Articles.plain(String.format("r%04d", i), 1, "story " + i));
            }
            await().atMost(TIMEOUT).until(() -> !lines(out).isEmpty());
        }
        for (int i = 0; i < stories; i++) {
            producer.send(topic, Articles.plain(String.format("r%04d", i), 2, "story " + i + " v2"));
        }
        try (EmbeddedConnect second = EmbeddedConnect.start(worker)) {
            second.addConnector("jsonl-" + topic, connectorConfig(topic, out));
            await().atMost(TIMEOUT).until(() -> lines(out).size() >= 2 * stories);
        }

        List<String> written = lines(out).stream().map(l -> l.get("uri").asText() + "@" + l.get("version").asText()).toList();
        assertThat(written).hasSize(2 * stories).doesNotHaveDuplicates();
    }
}

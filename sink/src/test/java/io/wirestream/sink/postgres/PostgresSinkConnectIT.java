package io.wirestream.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.local.net.CuttableProxy;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.sink.runtime.EmbeddedConnect;
import io.wirestream.sink.testutil.ArticleProducer;
import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.Postgres;

/** The PostgreSQL sink on the real Connect runtime, against the embedded broker and registry and the real PostgreSQL. */
@WithKafka
class PostgresSinkConnectIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static Path dataDir;
    private static EmbeddedConnect connect;
    private static ArticleProducer producer;

    private KafkaEnv env;
    private Postgres pg;
    private String topic;
    private String connector;

    @BeforeAll
    static void startWorker(KafkaEnv env) throws Exception {
        dataDir = Files.createTempDirectory("pg-connect-it");
        connect = EmbeddedConnect.start(EmbeddedConnect.workerConfig(env.bootstrapServers(), dataDir, env.schemaRegistryUrl()));
        producer = new ArticleProducer(env.producerProps());
    }

    @AfterAll
    static void stopWorker() {
        if (producer != null) {
            producer.close();
        }
        if (connect != null) {
            connect.close();
        }
    }

    @BeforeEach
    void setUp(KafkaEnv env) {
        this.env = env;
        pg = Postgres.withRandomSchema("connect");
        topic = env.randomTopic("enriched");
        Articles.createTopics(env, topic);
        connector = "pg-" + topic;
    }

    @AfterEach
    void tearDown() {
        if (connect.status(connector) != null) {
            connect.removeConnector(connector);
        }
        pg.close();
    }

    private Map<String, String> connectorConfig(String... extra) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", PostgresSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", Postgres.URL);
        config.put("connection.user", Postgres.USER);
        config.put("connection.password", "not-needed-with-trust-auth");
        config.put("schema", pg.schema());
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return config;
    }

    private void startConnector(EmbeddedConnect worker, Map<String, String> config) {
        worker.addConnector(connector, config);
        await().atMost(TIMEOUT).until(() -> worker.isRunning(connector));
    }

    private List<String> versions() {
        return pg.rows("SELECT story_id || ':' || version || ':' || status FROM " + pg.schema() + ".articles ORDER BY story_id");
    }

    /** Sends a marker story last and waits for it: everything sent before it on the partition has been processed. */
    private void sendMarkerAndAwait(String markerId) {
        producer.send(topic, Articles.plain(markerId, 1, "marker"));
        await().atMost(TIMEOUT).until(() -> !pg.rows("SELECT 1 FROM " + pg.schema() + ".articles WHERE story_id = '" + markerId + "'").isEmpty());
    }

    @Test
    void enrichedRecordsBecomeRowsWithEntitiesAndTopicsThatFullTextSearchFinds() {
        startConnector(connect, connectorConfig());

        producer.send(topic, Articles.seed("seed-1", 1), Articles.plain("other-1", 1, "Oil prices"));

        await().atMost(TIMEOUT).until(() -> pg.count("articles") == 2);
        assertThat(pg.rows("SELECT story_id FROM " + pg.schema() + ".articles WHERE tsv @@ to_tsquery('missile & defense')"))
                .containsExactly("seed-1");
        assertThat(pg.rows("SELECT entity_id FROM " + pg.schema() + ".article_entities WHERE story_id = 'seed-1' ORDER BY entity_id"))
                .containsExactly("loc:iso3166:JP", "org:lockheed-martin", "person:itsunori-onodera");
        assertThat(pg.rows("SELECT code FROM " + pg.schema() + ".article_topics WHERE story_id = 'seed-1' ORDER BY code"))
                .containsExactly("missile-defense", "northern-territories");
        assertThat(pg.rows("SELECT document->'article'->>'byline' FROM " + pg.schema() + ".articles WHERE story_id = 'seed-1'"))
                .containsExactly("Dai Nagata and Takashi Kida");
    }

    @Test
    void versionTwoReplacesVersionOneAndALateVersionOneDoesNotUndoIt() {
        startConnector(connect, connectorConfig());

        producer.send(topic, Articles.seed("s1", 1), Articles.seed("s1", 2));
        await().atMost(TIMEOUT).until(() -> versions().equals(List.of("s1:2:usable")));
        producer.send(topic, Articles.seed("s1", 1));
        sendMarkerAndAwait("zz-marker");

        assertThat(versions()).containsExactly("s1:2:usable", "zz-marker:1:usable");
        assertThat(pg.rows("SELECT headline FROM " + pg.schema() + ".articles WHERE story_id = 's1'").get(0)).endsWith("(update 2)");
    }

    @Test
    void aKillWithdrawsTheStoryFromSearch() {
        startConnector(connect, connectorConfig());

        producer.send(topic, Articles.seed("s1", 1));
        await().atMost(TIMEOUT).until(() -> pg.count("articles") == 1);
        producer.send(topic, Articles.kill("s1", 2));

        await().atMost(TIMEOUT).until(() -> versions().equals(List.of("s1:2:withdrawn")));
        assertThat(pg.rows("SELECT story_id FROM " + pg.schema() + ".articles WHERE tsv @@ to_tsquery('missile & defense')")).isEmpty();
        assertThat(pg.count("article_entities")).isZero();
        assertThat(pg.count("article_topics")).isZero();
    }

    @Test
    void aLostDatabaseConnectionIsRetriedAndNothingIsLost() {
        startConnector(connect, connectorConfig("retry.backoff.ms", "200"));
        producer.send(topic, Articles.seed("s1", 1));
        await().atMost(TIMEOUT).until(() -> pg.count("articles") == 1);

        assertThat(pg.rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                + "'wirestream-postgres-sink:" + pg.schema() + "'")).containsExactly("t");
        producer.send(topic, Articles.seed("s2", 1), Articles.seed("s3", 1));

        await().atMost(TIMEOUT).until(() -> pg.count("articles") == 3);
        assertThat(connect.isRunning(connector)).isTrue();
    }

    @Test
    void anOutageLongerThanTheOldRetryBudgetEndsWithEveryRowWrittenAndTheTaskRunning() {
        try (CuttableProxy proxy = CuttableProxy.start("127.0.0.1", Postgres.port())) {
            Map<String, String> config = connectorConfig("retry.backoff.ms", "100", "retry.backoff.max.ms", "400");
            config.put("connection.url", Postgres.URL.replace(":" + Postgres.port() + "/", ":" + proxy.port() + "/"));
            startConnector(connect, config);
            producer.send(topic, Articles.seed("s1", 1));
            await().atMost(TIMEOUT).until(() -> pg.count("articles") == 1);

            proxy.cut();
            for (int i = 0; i < 20; i++) {
                producer.send(topic, Articles.plain(String.format("o%02d", i), 1, "during the outage " + i));
            }
            // the old task failed after 10 retries (about one connection attempt each); this outage outlasts 30 attempts
            await().atMost(TIMEOUT).until(() -> {
                if (taskFailed()) {
                    throw new IllegalStateException("the task failed during the outage: " + connect.status(connector));
                }
                return proxy.refusedConnections() >= 30;
            });
            assertThat(pg.count("articles")).isEqualTo(1);
            proxy.restore();

            await().atMost(TIMEOUT).until(() -> pg.count("articles") == 21);
            assertThat(taskFailed()).isFalse();
            assertThat(connect.isRunning(connector)).isTrue();
        }
    }

    @Test
    void aTaskThatFailedAnywayIsRestartedByTheWorkerAndWritesOnceTheDatabaseIsBack() throws Exception {
        List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        Path workerDir = Files.createTempDirectory("pg-restarter-it");
        try (CuttableProxy proxy = CuttableProxy.start("127.0.0.1", Postgres.port());
             EmbeddedConnect worker = EmbeddedConnect.start(EmbeddedConnect.workerConfig(env.bootstrapServers(), workerDir, env.schemaRegistryUrl()))) {
            worker.restartFailedTasks(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofSeconds(2), reported::add);
            Map<String, String> config = connectorConfig("max.retries", "0");
            config.put("connection.url", Postgres.URL.replace(":" + Postgres.port() + "/", ":" + proxy.port() + "/"));
            worker.addConnector(connector, config);
            await().atMost(TIMEOUT).until(() -> worker.isRunning(connector));
            proxy.cut();
            producer.send(topic, Articles.seed("s1", 1)); // max.retries=0: the first failed put fails the task

            await().atMost(TIMEOUT).until(() -> reported.size() >= 2);
            assertThat(reported.get(0)).startsWith("sink " + connector + " task 0 FAILED (").endsWith("); restarting it (restart 1)");
            proxy.restore();

            await().atMost(TIMEOUT).until(() -> pg.count("articles") == 1);
            await().atMost(TIMEOUT).until(() -> worker.isRunning(connector));
            worker.removeConnector(connector);
        }
    }

    private boolean taskFailed() {
        var status = connect.status(connector);
        return status != null && status.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()));
    }

    @Test
    void aTombstoneDeletesTheStory() {
        startConnector(connect, connectorConfig());

        producer.send(topic, Articles.seed("s1", 1), Articles.seed("s2", 1));
        await().atMost(TIMEOUT).until(() -> pg.count("articles") == 2);
        producer.tombstone(topic, "s1");

        await().atMost(TIMEOUT).until(() -> versions().equals(List.of("s2:1:usable")));
    }

    @Test
    void reDeliveringTheSameRecordsLeavesTheTablesByteForByteTheSame() throws Exception {
        startConnector(connect, connectorConfig());
        producer.send(topic, Articles.seed("s1", 1), Articles.seed("s2", 1), Articles.seed("s1", 2), Articles.kill("s3", 1),
                Articles.plain("s4", 1, "Bond yields"), Articles.seed("s2", 3));
        sendMarkerAndAwait("zz-marker");
        List<String> first = pg.dump();

        connect.removeConnector(connector);
        String group = "connect-" + connector;
        await().atMost(TIMEOUT).until(() -> {
            try {
                env.admin().alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get();
                return true;
            } catch (Exception e) {
                return false; // the group is still shutting down its member
            }
        });
        startConnector(connect, connectorConfig());
        await().atMost(TIMEOUT).until(() -> committedOffset(group) == endOffset());

        assertThat(first).hasSizeGreaterThan(5);
        assertThat(pg.dump()).isEqualTo(first);
    }

    private long committedOffset(String group) throws Exception {
        OffsetAndMetadata committed = env.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(topic, 0));
        return committed == null ? -1 : committed.offset();
    }

    private long endOffset() throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return env.admin().listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterQueueWithErrorHeadersWhileTheOthersAreWritten() {
        String dlq = env.randomTopic("dlq");
        Articles.createTopics(env, dlq);
        startConnector(connect, connectorConfig(
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", dlq,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true",
                "errors.log.enable", "true"));

        producer.send(topic, Articles.seed("s1", 1));
        producer.sendBytes(topic, "poison".getBytes(StandardCharsets.UTF_8), "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
        producer.sendWithKey(topic, "wrong-key", Articles.seed("s3", 1));
        producer.send(topic, Articles.seed("s2", 1));

        await().atMost(TIMEOUT).until(() -> pg.count("articles") == 2);
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(dlq, 2);
        assertThat(dead).hasSize(2);
        assertThat(versions()).containsExactly("s1:1:usable", "s2:1:usable");

        ConsumerRecord<byte[], byte[]> notAvro = dead.get(0);
        assertThat(new String(notAvro.key(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(new String(notAvro.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"avro\"}");
        Map<String, String> headers = headers(notAvro);
        assertThat(headers).containsEntry("__connect.errors.topic", topic)
                .containsEntry("__connect.errors.stage", "VALUE_CONVERTER")
                .containsEntry("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException")
                .containsKey("__connect.errors.exception.message");
        assertThat(headers.get("__connect.errors.exception.message")).contains("wire format");

        ConsumerRecord<byte[], byte[]> refusedInPut = dead.get(1);
        assertThat(new String(refusedInPut.key(), StandardCharsets.UTF_8)).isEqualTo("wrong-key");
        assertThat(headers(refusedInPut)).containsEntry("__connect.errors.stage", "TASK_PUT")
                .containsEntry("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException");
        assertThat(headers(refusedInPut).get("__connect.errors.exception.message")).contains("differs from the story id 's3'");
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topicName, int expected) {
        Map<String, Object> props = env.consumerProps("dlq-reader-" + topicName);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topicName));
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
                return out.size() >= expected;
            });
        }
        return out;
    }

    @Test
    void aWorkerRestartMidStreamEndsWithEveryRecordWrittenOnce() throws Exception {
        Path ownDir = Files.createTempDirectory("pg-restart-it");
        Map<String, String> workerConfig = EmbeddedConnect.workerConfig(env.bootstrapServers(), ownDir, env.schemaRegistryUrl());
        Map<String, String> config = connectorConfig("batch.size", "50");
        int stories = 300;
        try (EmbeddedConnect first = EmbeddedConnect.start(workerConfig)) {
            startConnector(first, config);
            for (int i = 0; i < stories; i++) {
                producer.send(topic, Articles.plain(String.format("r%04d", i), 1, "story " + i));
            }
            await().atMost(TIMEOUT).until(() -> pg.count("articles") > 0);
        }
        for (int i = 0; i < stories; i++) {
            producer.send(topic, Articles.plain(String.format("r%04d", i), 2, "story " + i + " v2"));
        }
        try (EmbeddedConnect second = EmbeddedConnect.start(workerConfig)) {
            startConnector(second, config);
            await().atMost(TIMEOUT).until(() -> pg.count("articles") == stories
                    && pg.rows("SELECT count(*) FROM " + pg.schema() + ".articles WHERE version = 2").get(0).equals(Integer.toString(stories)));
            Set<String> ids = pg.rows("SELECT story_id FROM " + pg.schema() + ".articles").stream().collect(Collectors.toSet());
            assertThat(ids).hasSize(stories);
            assertThat(pg.count("article_topics")).isEqualTo(2L * stories);
            assertThat(pg.count("article_entities")).isEqualTo(3L * stories);
            second.removeConnector(connector);
        }
    }
}

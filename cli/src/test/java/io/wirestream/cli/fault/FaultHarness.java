package io.wirestream.cli.fault;

import io.wirestream.cli.bench.SyntheticCorpus;
import io.wirestream.enrich.app.EnrichApp;
import io.wirestream.enrich.app.EnrichConfig;
import io.wirestream.enrich.topology.EnrichTopology;
import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.publish.ArticlePublisher;
import io.wirestream.ops.progress.DeliveryProgress;
import io.wirestream.ops.verify.Verifier;
import io.wirestream.ops.verify.VerifyReport;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pieces the fault-injection tests share: the pipeline's topics under a random prefix, the real enrich app, the
 * real publisher fed with synthetic stories built from {@code seeds/}, a Connect worker running
 * {@code wirestream sink} in a child JVM (so it can be killed like a crashed process: SIGKILL, no graceful commit),
 * a PostgreSQL schema of its own, and {@link Verifier} over all of it.
 */
final class FaultHarness implements AutoCloseable {

    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    /**
     * How long a child command may take to reach the broker: the default 10 s was seen to run out on a loaded machine
     * (load 69 on two cores), so that the worker exited at start and the test waited for nothing.
     */
    static final String CHILD_CONNECT_TIMEOUT = "60s";

    final String bootstrapServers;
    final String registryUrl;
    final Path work;
    final Topics topics;
    final String schema;
    final Path out;
    private final String postgresUrl;
    private final boolean sinks;
    private EnrichApp enrich;
    private final ChildJvm children;
    private EnrichConfig enrichConfig;
    private short replication = 1;
    private final SyntheticCorpus corpus;
    private final FormatSniffer sniffer = FormatSniffer.defaults();

    /** {@code sinks}: verify the JSON Lines output (and PostgreSQL when {@code postgresUrl} is set), else news.enriched only. */
    FaultHarness(String bootstrapServers, String registryUrl, Path work, String postgresUrl, boolean sinks) {
        this.sinks = sinks;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.work = work;
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        this.topics = new Topics("f" + tag + ".");
        this.schema = "fault_" + tag;
        this.out = work.resolve("out");
        this.postgresUrl = postgresUrl;
        this.corpus = corpus("fault-" + tag);
        this.children = new ChildJvm(work.resolve("logs"));
    }

    /** Synthetic stories from {@code seeds/}, named {@code runTag}-N (a fresh tag gives fresh story ids). */
    static SyntheticCorpus corpus(String runTag) {
        return new SyntheticCorpus(SyntheticCorpus.templates(Path.of("..", "seeds")), 42, runTag);
    }

    /** Starts enrich (exactly once) on the harness's topics, created with {@code partitions} and {@code replication}. */
    void startEnrich(int partitions, short replication) {
        Map<String, Object> props = new HashMap<>();
        props.put(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        props.put(EnrichConfig.APPLICATION_ID_CONFIG, enrichApplicationId());
        props.put(EnrichConfig.STATE_DIR_CONFIG, work.resolve("enrich").toString());
        props.put(EnrichConfig.TOPIC_PREFIX_CONFIG, topics.prefix());
        props.put(EnrichConfig.TOPIC_PARTITIONS_CONFIG, partitions);
        props.put(EnrichConfig.TOPIC_REPLICATION_CONFIG, replication);
        props.put(EnrichConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        this.replication = replication;
        enrichConfig = new EnrichConfig(props);
        enrich = new EnrichApp(enrichConfig);
        enrich.start();
        awaitLeaders(topics.raw(), partitions);
        awaitLeaders(topics.enriched(), partitions);
    }

    /** Creates the core topics (raw, enriched, dlq) as enrich would, before enrich runs, and waits for raw's leaders. */
    void createCoreTopics(int partitions) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
            Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            EnrichApp.ensureTopics(admin, topics.coreTopics(partitions, (short) 1));
        }
        awaitLeaders(topics.raw(), partitions);
    }

    /**
     * Closes enrich (as a shutdown would: its open transaction is aborted) and starts it again on the same state, once
     * the old instance is really down: its close may time out while a commit waits for a broker, and the new one
     * cannot lock the state directory until then.
     */
    void restartEnrich() {
        EnrichApp old = enrich;
        old.close();
        org.awaitility.Awaitility.await("enrich down").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
            .until(() -> old.state() == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING
                || old.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR);
        enrich = new EnrichApp(enrichConfig);
        enrich.start();
    }

    /**
     * Waits until every partition of a just-created topic answers a ListOffsets on its leader: an idempotent producer
     * that starts while leadership is still moving in was seen to loop on OutOfOrderSequenceException until its
     * delivery timeout (Kafka 4.3, embedded KRaft).
     */
    void awaitLeaders(String topic, int partitions) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
            Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).size() == partitions);
        }
    }

    /** End offsets of every partition of {@code topic}: the last stable offsets when {@code committed}, else the high watermarks. */
    Map<org.apache.kafka.common.TopicPartition, Long> endOffsets(String topic, boolean committed) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
            Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<org.apache.kafka.common.TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(committed
                    ? org.apache.kafka.common.IsolationLevel.READ_COMMITTED : org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED))
                .all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    /** Committed offsets of {@code topic}, summed over its partitions (records and transaction markers): progress, not a count. */
    long committedRecords(String topic) throws Exception {
        return endOffsets(topic, true).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits until consumer group {@code group} is stable with {@code members} members (every instance has its share). */
    void awaitGroupMembers(String group, int members, Duration timeout) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
            Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                var description = admin.describeConsumerGroups(List.of(group)).all().get(5, TimeUnit.SECONDS).get(group);
                return description.groupState() == org.apache.kafka.common.GroupState.STABLE
                    && description.members().size() == members;
            });
        }
    }

    /** Parses and publishes {@code n} new synthetic stories (acks=all, idempotent), waiting for every acknowledgement. */
    List<String> publish(int n) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ArticlePublisher publisher = new ArticlePublisher(bootstrapServers, registryUrl, topics.raw())) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (SyntheticCorpus.Story story : corpus.take(n)) {
                RawArticle article = sniffer.parse(story.bytes(), story.context("fault"), null)
                    .articles().get(0);
                ids.add(article.getStoryId());
                acks.add(publisher.publish(article));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
        return ids;
    }

    /**
     * Publishes new synthetic stories at {@code perSecond} on a thread of its own until {@link StoryStream#stop}: the
     * steady flow the soak and the broker kill keep going while things are killed.
     */
    StoryStream streamStories(int perSecond) {
        return new StoryStream(perSecond);
    }

    /** A paced publisher (one producer, acks=all, idempotent); counts acknowledgements and keeps the first failure. */
    final class StoryStream implements AutoCloseable {
        private final ArticlePublisher publisher = new ArticlePublisher(bootstrapServers, registryUrl, topics.raw());
        private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong acked = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        private final List<CompletableFuture<?>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private volatile boolean running = true;

        private StoryStream(int perSecond) {
            thread = new Thread(() -> run(perSecond), "story-stream");
            thread.setDaemon(true);
            thread.start();
        }

        private void run(int perSecond) {
            try {
                pace(perSecond);
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        }

        private void pace(int perSecond) throws Exception {
            long started = System.nanoTime();
            while (running) {
                long due = (System.nanoTime() - started) * perSecond / 1_000_000_000L;
                while (sent.get() < due && running) {
                    SyntheticCorpus.Story story = corpus.next();
                    RawArticle article = sniffer.parse(story.bytes(), story.context("fault"), null).articles().get(0);
                    CompletableFuture<?> ack = publisher.publish(article).whenComplete((m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            acked.incrementAndGet();
                        }
                    });
                    sent.incrementAndGet();
                    pending.add(ack);
                    pending.removeIf(CompletableFuture::isDone);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            }
        }

        long sent() {
            return sent.get();
        }

        long acked() {
            return acked.get();
        }

        /** Stops sending, waits for every outstanding acknowledgement and returns how many stories were acknowledged. */
        long stop() throws Exception {
            running = false;
            thread.join(TimeUnit.MINUTES.toMillis(1));
            publisher.flush();
            List<CompletableFuture<?>> outstanding;
            synchronized (pending) {
                outstanding = new ArrayList<>(pending);
            }
            try {
                CompletableFuture.allOf(outstanding.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                // kept in failure
            }
            if (failure.get() != null) {
                throw new AssertionError(sent() - acked() + " of " + sent() + " stories not acknowledged", failure.get());
            }
            return acked();
        }

        @Override
        public void close() {
            running = false;
            publisher.close();
        }
    }

    /** Starts {@code wirestream sink} (JSON Lines and, with a URL, PostgreSQL) in a child JVM, as a crashable worker. */
    Process startSinkWorker() throws IOException {
        return startSinkWorker(postgresUrl);
    }

    /** As {@link #startSinkWorker()}, its PostgreSQL sink writing to {@code sinkPostgresUrl} (e.g. through a proxy). */
    Process startSinkWorker(String sinkPostgresUrl) throws IOException {
        List<String> args = new ArrayList<>(List.of("sink", "--bootstrap-server", bootstrapServers, "--schema-registry", registryUrl,
            "--connect-timeout", CHILD_CONNECT_TIMEOUT,
            "--topics", topics.enriched(), "--dlq-topic", topics.dlq(), "--dlq-replication-factor", Short.toString(replication),
            "--jsonl-dir", out.toString(), "--data-dir", work.resolve("connect").toString()));
        if (sinkPostgresUrl != null) {
            args.addAll(List.of("--postgres-url", sinkPostgresUrl, "--postgres-user", "postgres", "--postgres-schema", schema));
        }
        return children.start("sink-worker", 384, args).process();
    }

    /**
     * Starts {@code wirestream enrich} in a child JVM on the harness's topics ({@code partitions} each, created when
     * missing), exactly once, with the same application id as {@link #startEnrich} and its own state directory
     * {@code name}: a restart with the same name is the same Streams client (same process id, so the same
     * transactional ids, which fence what the killed one left open). A 6 s session timeout (the broker's minimum) lets
     * the other instance take a killed one's partitions without waiting Kafka's default 45 s.
     */
    ChildJvm.Child startEnrichProcess(String name, int partitions) throws IOException {
        Path config = work.resolve("enrich-process.properties");
        Files.writeString(config, String.join("\n",
            EnrichConfig.TOPIC_PREFIX_CONFIG + "=" + topics.prefix(),
            EnrichConfig.COMMIT_INTERVAL_MS_CONFIG + "=200",
            EnrichConfig.STREAMS_PREFIX + "session.timeout.ms=6000",
            EnrichConfig.STREAMS_PREFIX + "heartbeat.interval.ms=1500", ""));
        return children.start("enrich-" + name, 320, List.of("enrich", "--bootstrap-server", bootstrapServers,
            "--schema-registry", registryUrl, "--connect-timeout", CHILD_CONNECT_TIMEOUT, "--config", config.toString(),
            "--application-id", enrichApplicationId(),
            "--state-dir", work.resolve("enrich-" + name).toString(), "--partitions", String.valueOf(partitions),
            "--threads", "1"));
    }

    /** Starts {@code wirestream ingest --watch inbox} in a child JVM, publishing to the harness's raw topic. */
    ChildJvm.Child startIngestProcess(Path inbox) throws IOException {
        return children.start("ingest", 256, List.of("ingest", "--bootstrap-server", bootstrapServers,
            "--schema-registry", registryUrl, "--connect-timeout", CHILD_CONNECT_TIMEOUT, "--topic-prefix", topics.prefix(),
            "--watch", inbox.toString(), "--stable-ms", "200"));
    }

    /**
     * How many records enrich has not committed yet, on news.raw (its first stage) and on the repartition topic its
     * cluster stage reads (which lagged far more than the first in the soak): the soak's measure of whether the
     * pipeline keeps up with the rate it is fed.
     */
    long enrichBacklog() throws Exception {
        try (DeliveryProgress progress = new DeliveryProgress(bootstrapServers)) {
            return enrichBacklog(progress).total();
        }
    }

    /** Records enrich has not committed yet, by stage: news.raw (annotate) and the cluster stage's repartition topic. */
    record EnrichBacklog(long firstStage, long clusterStage) {
        long total() {
            return firstStage + clusterStage;
        }
    }

    /** {@link #enrichBacklog()} by stage, through a {@link DeliveryProgress} the caller keeps open across polls. */
    EnrichBacklog enrichBacklog(DeliveryProgress progress) throws Exception {
        // the same "how far is group G from the end of topic T" that up --once and bench wait on
        String group = enrichApplicationId();
        return new EnrichBacklog(progress.behind(group, progress.committedEnds(topics.raw())),
            progress.behind(group, progress.committedEnds(EnrichTopology.clusterRepartitionTopic(group))));
    }

    String enrichApplicationId() {
        return "enrich-" + topics.prefix().replace(".", "");
    }

    /**
     * A Connect worker in this JVM with the JSON Lines sink and the PostgreSQL sink at {@code sinkPostgresUrl} (e.g.
     * through a {@link io.wirestream.local.net.CuttableProxy}), its connector config overridden by {@code postgresOverrides}.
     */
    io.wirestream.sink.runtime.EmbeddedConnect startInProcessWorker(String sinkPostgresUrl, Map<String, String> postgresOverrides) {
        Map<String, String> worker = io.wirestream.sink.runtime.EmbeddedConnect.workerConfig(bootstrapServers, work.resolve("connect"), registryUrl);
        worker.put("offset.flush.interval.ms", "1000");
        io.wirestream.sink.runtime.EmbeddedConnect connect = io.wirestream.sink.runtime.EmbeddedConnect.start(worker);
        connect.addConnector("wirestream-jsonl", io.wirestream.sink.runtime.ConnectorConfigs.jsonLines(topics.enriched(), topics.dlq(),
            (short) 1, out, bootstrapServers));
        Map<String, String> pg = new HashMap<>(io.wirestream.sink.runtime.ConnectorConfigs.postgres(topics.enriched(), topics.dlq(),
            (short) 1, sinkPostgresUrl, "postgres", null, schema));
        pg.putAll(postgresOverrides);
        connect.addConnector("wirestream-postgres", pg);
        return connect;
    }

    /** SIGKILL: the worker gets no chance to finish files or commit offsets. */
    static void kill(Process worker) throws InterruptedException {
        ChildJvm.kill(worker);
    }

    Verifier verifier() {
        return new Verifier(new Verifier.Settings(bootstrapServers, registryUrl, topics, sinks ? out : null,
            sinks ? postgresUrl : null, "postgres", null, schema, Duration.ofSeconds(60)));
    }

    /** The report, or null when a stage cannot be read yet (e.g. the sink has not created its table). */
    VerifyReport verifyQuietly() {
        return verifyQuietly(verifier(), new String[1]);
    }

    private static VerifyReport verifyQuietly(Verifier verifier, String[] said) {
        try {
            VerifyReport report = verifier.verify();
            said[0] = report.toText();
            return report;
        } catch (Exception e) {
            said[0] = e.toString();
            return null;
        }
    }

    /** Waits until verify passes with every configured stage, failing with what verify said last. */
    VerifyReport awaitVerified(Duration timeout, int stages) {
        return awaitVerified(verifier(), timeout, stages);
    }

    /** Waits until {@code verifier} passes with {@code stages} stages, failing with what it said last. */
    static VerifyReport awaitVerified(Verifier verifier, Duration timeout, int stages) {
        String[] said = {"(not run)"};
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).until(() -> {
                VerifyReport r = verifyQuietly(verifier, said);
                return r != null && r.ok() && r.stages().size() == stages;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("verify did not pass within " + timeout + "; last:\n" + said[0], e);
        }
        return verifyQuietly(verifier, said);
    }

    /** Asserts that news.raw and every stage of {@code report} hold each of {@code stories} stories once: none missing, duplicated or stale. */
    static void assertEveryStoryOnce(VerifyReport report, int stories) {
        org.assertj.core.api.Assertions.assertThat(report.rawStories()).as("stories on news.raw").isEqualTo(stories);
        for (io.wirestream.ops.verify.StageReport stage : report.stages()) {
            org.assertj.core.api.Assertions.assertThat(stage.expected()).as(stage.stage()).isEqualTo(stories);
            org.assertj.core.api.Assertions.assertThat(stage.present()).as(stage.stage()).isEqualTo(stories);
            org.assertj.core.api.Assertions.assertThat(stage.missing()).as(stage.stage()).isEmpty();
            org.assertj.core.api.Assertions.assertThat(stage.duplicated()).as(stage.stage()).isEmpty();
            org.assertj.core.api.Assertions.assertThat(stage.stale()).as(stage.stage()).isEmpty();
        }
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", null); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    public void close() throws Exception {
        children.close();
        if (enrich != null) {
            enrich.close();
        }
        if (postgresUrl != null && sinks) {
            sql(String.format(Locale.ROOT, "DROP SCHEMA IF EXISTS %s CASCADE", schema));
        }
    }
}

package io.wirestream.enrich.app;

import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.enrich.taxonomy.Taxonomy;
import io.wirestream.enrich.topology.EnrichTopology;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich service: creates the topics it needs, runs {@link EnrichTopology} in Kafka Streams, and stops cleanly.
 * <pre>
 *   try (EnrichApp app = new EnrichApp(new EnrichConfig(props))) {
 *       app.start();
 *       app.awaitTermination();
 *   }
 * </pre>
 * A stream thread that dies of an unexpected exception is replaced (up to {@value #MAX_REPLACEMENTS} times in
 * {@link #REPLACEMENT_WINDOW}; beyond that the error is not transient and the client shuts down, state ERROR).
 */
public final class EnrichApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichApp.class);
    static final int MAX_REPLACEMENTS = 10;
    static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final EnrichConfig config;
    private final Annotator annotator;
    private final Serde<RawArticle> rawSerde;
    private final Serde<EnrichedArticle> enrichedSerde;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Deque<Instant> replacements = new ArrayDeque<>();
    private KafkaStreams streams;

    /** The app with the configured taxonomy file, or the built-in taxonomy. */
    public EnrichApp(EnrichConfig config) {
        this(config, annotator(config));
    }

    public EnrichApp(EnrichConfig config, Annotator annotator) {
        this.config = config;
        this.annotator = annotator;
        this.rawSerde = AvroSerdes.specific(RawArticle.class, config.serdeConfig(), false);
        this.enrichedSerde = AvroSerdes.specific(EnrichedArticle.class, config.serdeConfig(), false);
    }

    /** The annotator for the configured taxonomy file (or the built-in taxonomy). */
    public static Annotator annotator(EnrichConfig config) {
        return config.taxonomyFile()
            .map(file -> Annotator.withTaxonomy(Taxonomy.load(file)))
            .orElseGet(Annotator::withDefaultTaxonomy);
    }

    /** The annotator this app runs (thread-safe; the bench runs the same one offline for its ceiling). */
    public Annotator annotator() {
        return annotator;
    }

    public Topology topology() {
        return EnrichTopology.build(config.topics(), annotator, rawSerde, enrichedSerde, config.limits());
    }

    /** Creates the missing topics (when {@code topic.create}), then starts Kafka Streams; returns once started. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        if (config.createTopics()) {
            // the Streams app's own admin settings: bootstrap servers and any security (streams.* keys)
            Map<String, Object> adminProps = new StreamsConfig(config.streamsProperties()).getAdminConfigs(config.applicationId() + "-topics");
            try (Admin admin = Admin.create(adminProps)) {
                List<String> created = ensureTopics(admin, wantedTopics(config.topics(), annotator.taxonomy().slugs(),
                    config.topicPartitions(), config.topicFanoutPartitions(), config.topicReplication()));
                if (!created.isEmpty()) {
                    LOG.info("created topics {}", created);
                }
            }
        }
        Topology topology = topology();
        LOG.info("enrich {} with taxonomy {} ({} topics), reading {}; topology:\n{}", EnrichTopology.enricherVersion(),
            annotator.taxonomyVersion(), annotator.taxonomy().slugs().size(), config.topics().raw(), topology.describe());
        StreamsConfig streamsConfig = new StreamsConfig(config.streamsProperties());
        Map<String, Object> producer = streamsConfig.getProducerConfigs("enrich");
        // the settings that decide bytes per story, in the log of every start (issue 14: runs that wrote uncompressed)
        LOG.info("enrich producer: compression.type={} (zstd level {}), linger.ms={}, batch.size={}",
            producer.get(org.apache.kafka.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG),
            producer.get(org.apache.kafka.clients.producer.ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG),
            producer.get(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG),
            producer.get(org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG));
        KafkaStreams kafkaStreams = new KafkaStreams(topology, streamsConfig);
        kafkaStreams.setStateListener((now, before) -> {
            LOG.info("enrich state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                terminated.countDown();
            }
        });
        kafkaStreams.setUncaughtExceptionHandler(this::onUncaughtException);
        streams = kafkaStreams;
        kafkaStreams.start();
    }

    private volatile Throwable fatal;

    synchronized StreamThreadExceptionResponse onUncaughtException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException
                || t instanceof org.apache.kafka.common.errors.AuthenticationException) {
                // a new thread would be refused the same way: stop at once, saying why (no retry loop, no hang)
                fatal = e;
                LOG.error("enrich stops: the cluster refused it ({}); a new stream thread would be refused too", t.getMessage());
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        Instant now = Instant.now();
        while (!replacements.isEmpty() && replacements.peekFirst().isBefore(now.minus(REPLACEMENT_WINDOW))) {
            replacements.removeFirst();
        }
        if (replacements.size() >= MAX_REPLACEMENTS) {
            LOG.error("stream thread died {} times in {}; shutting enrich down", replacements.size() + 1, REPLACEMENT_WINDOW, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        LOG.error("stream thread died; replacing it", e);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /**
     * The topics enrich needs: raw, enriched and dlq with {@code partitions} partitions, and one
     * news.topic.&lt;slug&gt; per taxonomy topic with {@code fanoutPartitions}.
     */
    public static List<NewTopic> wantedTopics(Topics topics, List<String> slugs, int partitions, int fanoutPartitions,
                                              short replication) {
        List<NewTopic> wanted = new ArrayList<>(topics.coreTopics(partitions, replication));
        for (String slug : slugs) {
            wanted.add(topics.topicTopic(slug, fanoutPartitions, replication));
        }
        return wanted;
    }

    /**
     * Creates those of {@code wanted} that do not exist yet; existing topics are left alone (their partitions and
     * configs are not touched). Returns the names created.
     */
    public static List<String> ensureTopics(Admin admin, List<NewTopic> wanted) {
        try {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            List<String> created = new ArrayList<>();
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics on " + admin + ": " + e.getMessage(), e);
        }
    }

    /** Kafka Streams' state, or CREATED before {@link #start()}. */
    /** What stopped the app for good (the cluster refused it: authentication or a missing ACL), or null. */
    public Throwable fatalFailure() {
        return fatal;
    }

    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    /**
     * Kafka Streams' metrics (also on JMX under {@code kafka.streams}): {@code process-rate}/{@code process-total}
     * per thread, the consumer's {@code records-lag-max}, and the app's own counters in group
     * {@code stream-wirestream-enrich-metrics}: {@code enriched-*}, {@code killed-*}, {@code duplicate-dropped-*},
     * {@code stale-dropped-*}, {@code tombstone-skipped-*} (each a {@code -rate} per second and a {@code -total}).
     */
    public Map<MetricName, ? extends Metric> metrics() {
        KafkaStreams s = streams;
        return s == null ? Map.of() : s.metrics();
    }

    /** Blocks until the app stops (closed, or Kafka Streams went to ERROR). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Blocks up to {@code timeout}; true if the app stopped. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            // leave the group on a clean shutdown: the next start (or the other instance) gets the partitions at
            // once instead of after the session timeout, which Streams otherwise waits out by default
            boolean stopped = streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
            if (!stopped) {
                // a stream thread still runs (e.g. a transaction waiting for a broker): closing the serdes under it
                // made every record it read next fail to deserialize and go to the DLQ, committed as handled
                LOG.warn("enrich did not stop within {}; leaving its serdes open for the stream threads still running", CLOSE_TIMEOUT);
                terminated.countDown();
                return;
            }
        }
        rawSerde.close();
        enrichedSerde.close();
        terminated.countDown();
    }
}

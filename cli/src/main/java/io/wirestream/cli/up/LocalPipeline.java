package io.wirestream.cli.up;

import io.wirestream.enrich.app.EnrichApp;
import io.wirestream.enrich.app.EnrichConfig;
import io.wirestream.local.kafka.EmbeddedKafka;
import io.wirestream.local.registry.EmbeddedSchemaRegistry;
import io.wirestream.ops.OpsConfig;
import io.wirestream.ops.OpsService;
import io.wirestream.schemas.PipelineNames;
import io.wirestream.schemas.topic.Topics;
import io.wirestream.sink.runtime.EmbeddedConnect;
import io.wirestream.sink.runtime.SinkPlugins;
import io.wirestream.sink.runtime.SinkTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: embedded KRaft broker and registry, the enrich Streams app, an in-process Connect
 * worker with the sinks, and the ops dashboard. Started in dependency order; {@link #close()} stops in reverse,
 * so Streams and Connect commit their offsets before the broker goes away.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

    public static final String JSONL_CONNECTOR = PipelineNames.JSONL_CONNECTOR;
    public static final String POSTGRES_CONNECTOR = PipelineNames.POSTGRES_CONNECTOR;
    public static final String ENRICH_APPLICATION_ID = PipelineNames.ENRICH_APPLICATION_ID;

    private final UpSettings settings;
    private final Topics topics = Topics.defaults();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private EnrichApp enrich;
    private EmbeddedConnect connect;
    private OpsService ops;
    private io.wirestream.desk.DeskServer desk;
    private Map<String, Map<String, String>> sinkConfigs = Map.of();

    private LocalPipeline(UpSettings settings) {
        this.settings = settings;
    }

    /**
     * Enrich's stream threads: one per core, at most one per news.raw partition (more would idle), or the measurement
     * knob {@code -Dwirestream.enrich.threads}. A stream thread spends most of its time waiting (exactly-once commits,
     * the repartition hop's read of committed data), so a second one keeps a core busy while the first waits (issue 14,
     * README "Benchmarks").
     */
    static int streamThreads(int partitions) {
        return Integer.getInteger("wirestream.enrich.threads",
            Math.max(1, Math.min(partitions, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Partitions of each news.topic.&lt;slug&gt; the pipeline creates: enrich's default (1), or the measurement knob
     * {@code -Dwirestream.enrich.fanout.partitions} (issue 14), which the bench's ceiling run mirrors.
     */
    public static int fanoutPartitions() {
        return Integer.getInteger("wirestream.enrich.fanout.partitions", EnrichConfig.TOPIC_FANOUT_PARTITIONS_DEFAULT);
    }

    /** Starts every part, reporting each step to {@code progress}; on failure stops what already started. */
    public static LocalPipeline start(UpSettings settings, Consumer<String> progress) {
        LocalPipeline pipeline = new LocalPipeline(settings);
        try {
            pipeline.startAll(progress);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> progress) {
        try {
            Files.createDirectories(settings.dataDir());
            Files.createDirectories(settings.outDir());
            Files.createDirectories(settings.inbox());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + e.getMessage(), e);
        }

        progress.accept("starting Kafka broker (KRaft, data in " + settings.dataDir().resolve("kafka") + ")");
        kafka = track(EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort()));

        progress.accept("starting schema registry" + (settings.registryUserInfo() == null ? "" : " (basic auth required)"));
        registry = track(EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), settings.registryPort(), registryBasicAuth()));

        progress.accept("starting enrich (Kafka Streams, exactly once)");
        Map<String, Object> enrichProps = new HashMap<>();
        enrichProps.put(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        enrichProps.put(EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        enrichProps.put(EnrichConfig.APPLICATION_ID_CONFIG, ENRICH_APPLICATION_ID);
        enrichProps.put(EnrichConfig.STATE_DIR_CONFIG, settings.dataDir().resolve("enrich").toString());
        enrichProps.put(EnrichConfig.TOPIC_PARTITIONS_CONFIG, settings.partitions());
        enrichProps.put(EnrichConfig.TOPIC_FANOUT_PARTITIONS_CONFIG, fanoutPartitions());
        // 100 ms (enrich's own default): p99 send->enriched 440 ms against 907 ms with 200 ms at a steady 1,000
        // stories/s, the same full-speed throughput within the noise, 7-11 % more bytes (README, Benchmarks)
        enrichProps.put(EnrichConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.getInteger("wirestream.enrich.commit.ms", 100));
        enrichProps.put(EnrichConfig.NUM_STREAM_THREADS_CONFIG, streamThreads(settings.partitions()));
        if (settings.taxonomy() != null) {
            enrichProps.put(EnrichConfig.TAXONOMY_FILE_CONFIG, settings.taxonomy().toString());
        }
        registryClientProps().forEach((k, v) -> enrichProps.put(EnrichConfig.STREAMS_PREFIX + k, v));
        // static membership: up is the only enrich instance on its own broker, so after a crash the restarted one takes
        // the dead member's place at once instead of waiting out its 45 s session (Streams appends "-<thread>")
        enrichProps.put(EnrichConfig.STREAMS_PREFIX + ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ENRICH_APPLICATION_ID);
        enrich = track(new EnrichApp(new EnrichConfig(enrichProps)));
        enrich.start();

        // the sinks are those SinkPlugins registers that up's options ask for: JSON Lines always, PostgreSQL with --postgres
        sinkConfigs = SinkPlugins.configs(new SinkTarget(topics.enriched(), topics.dlq(), (short) 1, kafka.bootstrapServers(), Map.of(),
            SinkPlugins.options(settings.outDir(), settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword(),
                settings.postgresSchema())));
        progress.accept("starting Kafka Connect worker with the sinks " + String.join(", ", sinkConfigs.keySet()));
        Map<String, String> worker = EmbeddedConnect.workerConfig(kafka.bootstrapServers(), settings.dataDir(), registry.url());
        // how often the sinks commit (JSON Lines makes its files durable then): a story is safe in a sink's output only
        // after it; knob for the bench: -Dwirestream.connect.flush.ms
        worker.put("offset.flush.interval.ms", System.getProperty("wirestream.connect.flush.ms", "500"));
        registryClientProps().forEach((k, v) -> worker.put(org.apache.kafka.connect.runtime.WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG
            + "." + k, String.valueOf(v instanceof org.apache.kafka.common.config.types.Password p ? p.value() : v)));
        connect = track(EmbeddedConnect.start(worker));
        // the sinks retry outages themselves; a task that fails anyway is restarted, with a line on up's output
        connect.restartFailedTasks(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5), progress);
        // Connect's own error handling: a record a sink cannot take goes to news.dlq with its bytes and headers
        sinkConfigs.forEach(connect::addConnector);

        progress.accept("starting ops dashboard");
        Map<String, Object> opsProps = new HashMap<>();
        opsProps.put(OpsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        opsProps.put(OpsConfig.HTTP_PORT_CONFIG, settings.dashboardPort());
        ops = track(OpsService.start(new OpsConfig(opsProps)));

        progress.accept("starting the desk");
        // loopback only; 8095 when free, else any free port (the URL is printed)
        try {
            io.wirestream.desk.DeskConfig deskConfig = io.wirestream.desk.DeskConfig
                .defaults(clientProps(), registry.url())
                .withTopics(topics).withListen("127.0.0.1", PortChoice.isFree(8095) ? 8095 : 0);
            if (settings.postgresUrl() != null) { // search then covers the whole archive the PostgreSQL sink writes
                deskConfig = deskConfig.withArchive(new io.wirestream.desk.DeskConfig.Archive(settings.postgresUrl(),
                    settings.postgresUser(), settings.postgresPassword(), settings.postgresSchema(), null));
            }
            desk = track(io.wirestream.desk.DeskServer.start(deskConfig));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot start the desk", e);
        }
    }

    /** The embedded registry's one user, or null when it is open. */
    private io.wirestream.http.HttpServerConfig.BasicAuth registryBasicAuth() {
        if (settings.registryUserInfo() == null) {
            return null;
        }
        String userInfo = settings.registryUserInfo().value();
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("the registry's user info must be USER:PASSWORD");
        }
        return new io.wirestream.http.HttpServerConfig.BasicAuth(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    /**
     * The registry credentials every client of the pipeline presents (Confluent's keys), empty when the registry is
     * open; the values are Kafka {@code Password}s, hidden in every config dump.
     */
    public Map<String, Object> registryClientProps() {
        if (settings.registryUserInfo() == null) {
            return Map.of();
        }
        return Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", settings.registryUserInfo());
    }

    /** A serde's configuration for this pipeline's registry: its URL and the credentials. */
    public Map<String, Object> serdeConfig() {
        return io.wirestream.schemas.registry.RegistryClientSecurity.serdeConfig(registryClientProps(), registry.url());
    }

    /** Kafka client properties for a client of this pipeline: the broker and the registry's credentials. */
    public Map<String, Object> clientProps() {
        Map<String, Object> props = new HashMap<>(registryClientProps());
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }

    /** The desk's live wire page. */
    public String deskUrl() {
        return desk.url();
    }

    /** Consumer groups that must have consumed news.enriched before a story counts as "in every sink". */
    public List<String> sinkGroups() {
        List<String> groups = new ArrayList<>();
        sinkConfigs.keySet().forEach(connector -> groups.add(PipelineNames.sinkGroup(connector)));
        return groups;
    }

    /** A sink connector or task that FAILED, with the first line of its trace; null while every sink runs. */
    public String sinkFailure() {
        for (String name : connect.connectors()) {
            var status = connect.status(name);
            if (status == null) {
                continue;
            }
            if ("FAILED".equals(status.connector().state())) {
                return "sink " + name + " FAILED: " + firstLine(status.connector().trace());
            }
            for (var task : status.tasks()) {
                if ("FAILED".equals(task.state())) {
                    return "sink " + name + " task " + task.id() + " FAILED: " + firstLine(task.trace());
                }
            }
        }
        return null;
    }

    private static String firstLine(String trace) {
        return EmbeddedConnect.failureSummary(trace);
    }

    private <T extends AutoCloseable> T track(T part) {
        started.push(part);
        return part;
    }

    public Topics topics() {
        return topics;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The embedded broker's log dir (partition folders with their segments). */
    public java.nio.file.Path kafkaLogDir() {
        return kafka.logDir();
    }

    public String registryUrl() {
        return registry.url();
    }

    public String dashboardUrl() {
        return ops.url();
    }

    public String connectUrl() {
        return connect.restUrl().toString();
    }

    public EnrichApp enrich() {
        return enrich;
    }

    public UpSettings settings() {
        return settings;
    }

    /** Registers a part started outside (ingest sources) so that it is stopped before the rest. */
    public <T extends AutoCloseable> T own(T part) {
        return track(part);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}

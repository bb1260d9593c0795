package io.wirestream.sink.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.ConnectRestServer;
import org.apache.kafka.connect.runtime.rest.RestClient;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kafka Connect runtime in this JVM: a standalone worker (what {@code connect-standalone} runs: a
 * {@link Worker} driven by a {@link StandaloneHerder}, source offsets in a file, the REST API on
 * {@code listeners}) against a given Kafka cluster, with the plugins found on the classpath through their
 * {@code META-INF/services} entries. Sink connectors keep their offsets in their consumer group
 * ({@code connect-<name>}), so a restarted worker resumes where the last one committed.
 *
 * <pre>{@code
 * try (EmbeddedConnect connect = EmbeddedConnect.start(EmbeddedConnect.workerConfig(bootstrap, dataDir, registryUrl))) {
 *     connect.addConnector("postgres", Map.of("connector.class", PostgresSinkConnector.class.getName(), ...));
 * }
 * }</pre>
 */
public final class EmbeddedConnect implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedConnect.class);
    private static final long REQUEST_TIMEOUT_MS = 90_000;
    /** The worker-level override of every sink task consumer's isolation level. */
    public static final String SINK_ISOLATION_LEVEL_CONFIG = "consumer.isolation.level";

    private final Connect<StandaloneHerder> connect;
    private final StandaloneHerder herder;
    private final URI restUrl;
    private volatile java.util.concurrent.ScheduledExecutorService restarter;

    private EmbeddedConnect(Connect<StandaloneHerder> connect, URI restUrl) {
        this.connect = connect;
        this.herder = connect.herder();
        this.restUrl = restUrl;
    }

    /**
     * A standalone worker config for the project's defaults: keys as strings, values as Avro through the project's
     * {@code AvroConverter} against {@code schemaRegistryUrl}, offsets in {@code dataDir/connect.offsets}, REST on a
     * random loopback port with the {@link SinkRetryRestExtension}, plugins found by service loading, offsets flushed
     * every 5 s. Sink consumers read {@code read_committed}: enrich writes news.enriched in transactions, and a
     * transaction aborted after a crash must never reach a sink (with Kafka's default {@code read_uncommitted} its
     * records would, next to the committed retry of the same stories).
     */
    public static Map<String, String> workerConfig(String bootstrapServers, Path dataDir, String schemaRegistryUrl) {
        Map<String, String> props = new HashMap<>();
        props.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, dataDir.resolve("connect.offsets").toString());
        props.put(WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, "org.apache.kafka.connect.storage.StringConverter");
        props.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, "io.wirestream.sink.converter.AvroConverter");
        props.put(WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG + ".schema.registry.url", schemaRegistryUrl);
        props.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "5000");
        props.put("listeners", "http://127.0.0.1:0");
        props.put(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
        props.put(SINK_ISOLATION_LEVEL_CONFIG, "read_committed");
        // GET /wirestream/sink-retries: which sink tasks wait for their database (wirestream lag --connect-url)
        props.put("rest.extension.classes", SinkRetryRestExtension.class.getName());
        // a crashed worker's partitions move to its successor after 15 s instead of the default 45 s
        props.put("consumer.session.timeout.ms", "15000");
        props.put("consumer.heartbeat.interval.ms", "3000");
        return props;
    }

    /** Starts a standalone worker with these worker properties (as in {@code connect-standalone.properties}). */
    public static EmbeddedConnect start(Map<String, String> workerProps) {
        Map<String, String> props = new HashMap<>(workerProps);
        props.putIfAbsent("listeners", "http://127.0.0.1:0");
        props.putIfAbsent(WorkerConfig.PLUGIN_DISCOVERY_CONFIG, "service_load");
        props.putIfAbsent(SINK_ISOLATION_LEVEL_CONFIG, "read_committed");
        // the worker's producers (sink dead letter queues, standalone has no internal topics): compressed like enrich's
        props.putIfAbsent("producer.compression.type", "zstd");
        long started = System.nanoTime();
        Plugins plugins = new Plugins(props);
        try (LoaderSwap ignored = plugins.withClassLoader(plugins.delegatingLoader())) {
            StandaloneConfig config = new StandaloneConfig(props);
            String clusterId = config.kafkaClusterId();
            RestClient restClient = new RestClient(config);
            ConnectRestServer rest = new ConnectRestServer(config.rebalanceTimeout(), restClient, config.originals());
            rest.initializeServer();
            URI url = rest.advertisedUrl();
            String workerId = url.getHost() + ":" + url.getPort();
            ConnectorClientConfigOverridePolicy policy = overridePolicy(config);
            OffsetBackingStore offsets = new FileOffsetBackingStore(plugins.newInternalConverter(
                    true, "org.apache.kafka.connect.json.JsonConverter", Map.of("schemas.enable", "false")));
            offsets.configure(config);
            Worker worker = new Worker(workerId, Time.SYSTEM, plugins, config, offsets, policy);
            StandaloneHerder herder = new StandaloneHerder(worker, clusterId, policy);
            Connect<StandaloneHerder> connect = new Connect<>(herder, rest);
            try {
                connect.start();
            } catch (RuntimeException e) {
                connect.stop();
                throw new ConnectException("The Connect worker did not start: " + e.getMessage(), e);
            }
            herder.ready();
            log.info("Connect worker {} started in {} ms (cluster {}, REST {})", workerId,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), clusterId, url);
            return new EmbeddedConnect(connect, url);
        }
    }

    /** The connector client config override policy named by the worker config (an alias such as All, or a class name). */
    private static ConnectorClientConfigOverridePolicy overridePolicy(StandaloneConfig config) {
        String name = config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG);
        String className = name.contains(".") ? name
                : "org.apache.kafka.connect.connector.policy." + name + "ConnectorClientConfigOverridePolicy";
        try {
            ConnectorClientConfigOverridePolicy policy = org.apache.kafka.common.utils.Utils.newInstance(
                    className, ConnectorClientConfigOverridePolicy.class);
            policy.configure(config.originals());
            return policy;
        } catch (ClassNotFoundException e) {
            throw new ConnectException("Unknown " + WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG + " " + name, e);
        }
    }

    /** The worker's REST API, e.g. {@code http://127.0.0.1:41234/}. */
    public URI restUrl() {
        return restUrl;
    }

    public Herder herder() {
        return herder;
    }

    /** Creates or updates a connector and waits until the herder accepted it. */
    public ConnectorInfo addConnector(String name, Map<String, String> config) {
        Map<String, String> withName = new HashMap<>(config);
        withName.put("name", name);
        FutureCallback<Herder.Created<ConnectorInfo>> cb = new FutureCallback<>();
        herder.putConnectorConfig(name, withName, true, cb);
        ConnectorInfo info = await(cb, "create connector " + name).result();
        log.info("Connector {} added ({})", name, config.get("connector.class"));
        return info;
    }

    /** Deletes a connector (its tasks stop; its consumer group keeps the committed offsets). */
    public void removeConnector(String name) {
        FutureCallback<Herder.Created<ConnectorInfo>> cb = new FutureCallback<>();
        herder.deleteConnectorConfig(name, cb);
        await(cb, "delete connector " + name);
    }

    /** The connector's and its tasks' states (RUNNING, FAILED, ...), or null when there is no such connector. */
    public ConnectorStateInfo status(String name) {
        try {
            return herder.connectorStatus(name);
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** True when the connector and at least one task run, and no task failed. */
    public boolean isRunning(String name) {
        ConnectorStateInfo status = status(name);
        if (status == null || !"RUNNING".equals(status.connector().state()) || status.tasks().isEmpty()) {
            return false;
        }
        return status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
    }

    public List<String> connectors() {
        return List.copyOf(herder.connectors());
    }

    private static <T> T await(FutureCallback<T> cb, String what) {
        try {
            return cb.get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out after " + REQUEST_TIMEOUT_MS + " ms: " + what, e);
        }
    }

    /**
     * The last resort after a task's own retries: every {@code checkEvery}, a task found FAILED is restarted, the
     * n-th time for the same task after {@code firstBackoff * 2^(n-1)} (at most {@code maxBackoff}); a task that
     * has run for {@code maxBackoff} since its last restart starts over at {@code firstBackoff}. Each restart is
     * logged at WARN with the failure's first line and reported to {@code report} (e.g. {@code up}'s progress).
     * Connect itself never restarts a failed task. Every second, a task that starts waiting for its system
     * ({@link io.wirestream.sink.SinkTaskRetry} RETRYING) and one that writes again are reported too, one line each.
     */
    public synchronized void restartFailedTasks(java.time.Duration checkEvery, java.time.Duration firstBackoff,
                                                java.time.Duration maxBackoff, java.util.function.Consumer<String> report) {
        if (restarter != null) {
            return;
        }
        restarter = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connect-task-restarter");
            t.setDaemon(true);
            return t;
        });
        Map<org.apache.kafka.connect.util.ConnectorTaskId, long[]> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        restarter.scheduleWithFixedDelay(() -> {
            try {
                long now = System.nanoTime();
                for (String name : herder.connectors()) {
                    ConnectorStateInfo status = status(name);
                    if (status == null) {
                        continue;
                    }
                    for (ConnectorStateInfo.TaskState task : status.tasks()) {
                        var id = new org.apache.kafka.connect.util.ConnectorTaskId(name, task.id());
                        long[] a = attempts.computeIfAbsent(id, k -> new long[] {0, now});
                        if (!"FAILED".equals(task.state())) {
                            if (a[0] > 0 && now - a[1] > maxBackoff.toNanos()) {
                                a[0] = 0;
                            }
                            continue;
                        }
                        long wait = Math.min(maxBackoff.toNanos(), firstBackoff.toNanos() << Math.min(20, Math.max(0, a[0] - 1)));
                        if (a[0] > 0 && now - a[1] < wait) {
                            continue;
                        }
                        a[0]++;
                        a[1] = now;
                        String trace = failureSummary(task.trace());
                        String line = "sink " + name + " task " + task.id() + " FAILED (" + trace + "); restarting it (restart " + a[0] + ")";
                        log.warn(line);
                        report.accept(line);
                        herder.restartTask(id, (error, ignored) -> {
                            if (error != null) {
                                log.warn("Restarting {} failed: {}", id, error.toString());
                            }
                        });
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Checking for failed tasks failed: {}", e.toString());
            }
        }, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        // and a line when a task starts waiting for its database and one when it writes again (SinkTaskRetry)
        SinkRetryReporter retries = new SinkRetryReporter(report);
        restarter.scheduleWithFixedDelay(() -> {
            try {
                retries.poll(herder.connectors());
            } catch (RuntimeException e) {
                log.debug("Reading the sink tasks' retry state failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * One line for a connector's or task's failure trace: its innermost cause ({@code Caused by: ...} without the
     * prefix), since the first line is Connect's generic "Exiting WorkerSinkTask due to unrecoverable exception".
     */
    public static String failureSummary(String trace) {
        if (trace == null || trace.isBlank()) {
            return "no trace";
        }
        String summary = trace.lines().findFirst().orElse("");
        for (String line : (Iterable<String>) trace.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                summary = line.substring("Caused by: ".length());
            }
        }
        return summary;
    }

    /** Stops the connectors (their tasks commit offsets) and the worker. */
    @Override
    public void close() {
        if (restarter != null) {
            restarter.shutdownNow();
        }
        connect.stop();
        connect.awaitStop();
        log.info("Connect worker stopped");
    }
}

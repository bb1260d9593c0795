package io.wirestream.local.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single Kafka node in KRaft mode (combined broker + controller) running inside this JVM on 127.0.0.1,
 * with its log directory under a data directory that survives restarts.
 *
 * <p>The first start formats {@code <dataDir>/kafka-logs} exactly as {@code kafka-storage format} does
 * (Kafka's own {@link Formatter}, which writes {@code meta.properties} with a fresh cluster id and the
 * bootstrap metadata). Every later start finds {@code meta.properties}, skips formatting and runs the same
 * {@link KafkaRaftServer} that {@code kafka.Kafka} runs on the existing directory, so topics, records, committed
 * offsets and transactions are all still there.
 *
 * <p>The quorum is a static one-voter quorum ({@code controller.quorum.voters}), so the controller port may
 * change between starts; the client port is random unless one is given.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Node id of the single combined node. */
    public static final int NODE_ID = 1;
    static final String LOG_DIR_NAME = "kafka-logs";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Kafka's {@code CleanShutdownFileHandler.CLEAN_SHUTDOWN_FILE_NAME} (kafka-storage, not on this module's API). */
    static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    /** Bound on the wait for leaders and coordinators after an unclean shutdown, and on the repair. */
    static final java.time.Duration HANGING_TRANSACTIONS_TIMEOUT = java.time.Duration.ofSeconds(90);

    private final Path dataDir;
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final boolean formatted;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dataDir, Path logDir, int port, int controllerPort, String clusterId,
                          boolean formatted, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.formatted = formatted;
        this.server = server;
    }

    /** Starts a node on {@code dataDir} (created and formatted when new) with a random free client port. */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, 0, Map.of());
    }

    /** Starts a node on {@code dataDir} listening for clients on {@code port} (0 = a random free port). */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /**
     * Starts a node on {@code dataDir}; {@code overrides} are broker configs applied on top of the defaults
     * (see {@link #defaultConfig}).
     */
    public static EmbeddedKafka start(Path dataDir, int port, Map<String, String> overrides) {
        return start(dataDir, port, overrides, true);
    }

    /**
     * As {@link #start(Path, int, Map)}; {@code repairHangingTransactions} false skips the repair after an unclean
     * shutdown (for the test that shows what it repairs).
     */
    static EmbeddedKafka start(Path dataDir, int port, Map<String, String> overrides, boolean repairHangingTransactions) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (random) or 1-65535, got " + port);
        }
        try {
            Path dir = dataDir.toAbsolutePath().normalize();
            Path logDir = dir.resolve(LOG_DIR_NAME);
            Files.createDirectories(logDir);
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePort(clientPort);

            Map<String, String> config = defaultConfig(logDir, clientPort, controllerPort);
            config.putAll(overrides);

            boolean formatNow = !Files.exists(logDir.resolve("meta.properties"));
            if (formatNow) {
                format(logDir);
            }
            String clusterId = readClusterId(logDir);
            // Kafka writes this file at a clean shutdown and removes it at start-up: a reused directory without it
            // was left by a crash (kill -9, power loss)
            boolean unclean = !formatNow && !Files.exists(logDir.resolve(CLEAN_SHUTDOWN_FILE));

            KafkaConfig kafkaConfig = new KafkaConfig(config, false);
            KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            long started = System.nanoTime();
            try {
                server.startup();
            } catch (RuntimeException e) {
                shutdownQuietly(server);
                throw e;
            }
            EmbeddedKafka kafka = new EmbeddedKafka(dir, logDir, clientPort, controllerPort, clusterId, formatNow, server);
            kafka.awaitReady();
            if (unclean && repairHangingTransactions) {
                kafka.repairHangingTransactions();
            }
            log.info("Embedded Kafka {} on {} (cluster {}, {} {}) in {} ms", NODE_ID, kafka.bootstrapServers(), clusterId,
                    formatNow ? "formatted new" : unclean ? "reused after an unclean shutdown" : "reused", logDir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded Kafka on " + dataDir, e);
        }
    }

    /**
     * The broker configuration used for a single node: loopback listeners, replication factor 1 and min ISR 1
     * for the internal topics (so consumer groups and exactly-once Kafka Streams work on one node), no initial
     * rebalance delay.
     */
    public static Map<String, String> defaultConfig(Path logDir, int port, int controllerPort) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        c.put("listeners", BROKER_LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + port);
        c.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        c.put("controller.listener.names", CONTROLLER_LISTENER);
        c.put("inter.broker.listener.name", BROKER_LISTENER);
        c.put("log.dirs", logDir.toString());
        c.put("metadata.log.dir", logDir.toString());
        c.putAll(singleNodeReplication());
        // fixed forever for a given data dir: the number of partitions of these internal topics decides which
        // partition holds a group's offsets / a transactional id's state
        c.put("offsets.topic.num.partitions", "10");
        c.put("transaction.state.log.num.partitions", "10");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        c.put("auto.create.topics.enable", "true");
        // the pipeline's record size limit (RecordSizes), also for topics created before their configs carried it
        c.put("message.max.bytes", Integer.toString(io.wirestream.schemas.topic.RecordSizes.MAX_RECORD_BYTES));
        c.put("replica.fetch.max.bytes", Integer.toString(io.wirestream.schemas.topic.RecordSizes.MAX_RECORD_BYTES));
        return c;
    }

    /** Replication settings that make one node enough for groups, transactions and exactly-once Streams. */
    static Map<String, String> singleNodeReplication() {
        Map<String, String> c = new HashMap<>();
        c.put("offsets.topic.replication.factor", "1");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        return c;
    }

    private static void format(Path logDir) {
        try {
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setIgnoreFormatted(false)
                    .setHasDynamicQuorum(false);
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    private static String readClusterId(Path logDir) throws IOException {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(logDir.resolve("meta.properties"))) {
            meta.load(in);
        }
        String id = meta.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(logDir.resolve("meta.properties") + " has no cluster.id");
        }
        return id;
    }

    /** An admin client for this node's own start-up checks (a minute per call: a restart after a crash is slow). */
    private Admin startupAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    private void awaitReady() {
        try (Admin admin = startupAdmin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Embedded Kafka on " + bootstrapServers() + " did not become ready", e);
        }
    }

    /**
     * After an unclean shutdown: commits or aborts, as their coordinator decided, the transactions a partition still
     * holds open although their coordinator has finished with them (see {@link HangingTransactions}), before any client of this node starts.
     */
    private void repairHangingTransactions() {
        try (Admin admin = startupAdmin()) {
            int completed = HangingTransactions.repair(admin, HANGING_TRANSACTIONS_TIMEOUT);
            log.info("Unclean shutdown before this start: {} transaction(s) left hanging by lost markers completed", completed);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Embedded Kafka on " + bootstrapServers() + " could not check for transactions "
                    + "left hanging by the unclean shutdown before this start: " + e.getMessage(), e);
        }
    }

    static int freePort(int... avoid) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int candidate = socket.getLocalPort();
                boolean clash = false;
                for (int a : avoid) {
                    clash |= a == candidate;
                }
                if (!clash) {
                    return candidate;
                }
            }
        }
        throw new IOException("No free loopback port found");
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The cluster id written to {@code meta.properties} when the directory was formatted. */
    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logDir() {
        return logDir;
    }

    /** True when this start formatted a new log directory, false when it reused an existing one. */
    public boolean formattedOnStart() {
        return formatted;
    }

    /** Clean shutdown: the broker and controller stop, flush and release the directory lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        shutdownQuietly(server);
        log.info("Embedded Kafka on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Error while stopping embedded Kafka", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + logDir + "]";
    }
}

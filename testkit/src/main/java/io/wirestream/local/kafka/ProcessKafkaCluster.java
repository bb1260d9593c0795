package io.wirestream.local.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A KRaft cluster of one controller and three brokers, each its own OS process ({@code java -cp <this classpath>
 * kafka.Kafka server.properties}), so a broker can be killed as a crash kills it: {@link #kill} is SIGKILL, no
 * controlled shutdown, no flush; {@link #stop} is SIGTERM (Kafka's controlled shutdown, as a rolling restart does).
 * Replication 3 and {@code min.insync.replicas=2} as in docker-compose. Ports are chosen once and kept, and every
 * node's log directory survives a restart of its process, so a restarted broker recovers its logs and catches up.
 *
 * <p>Node 0 is the controller (the single voter of a static quorum); brokers are nodes 1..3. Everything lives under a
 * temporary directory deleted by {@link #close}; each node's output goes to {@code node-<id>.log} there.
 */
public final class ProcessKafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessKafkaCluster.class);

    public static final int BROKERS = 3;
    private static final int CONTROLLER = 0;
    /** Generous: on a loaded machine (load average 30 on 2 cores) a restarted broker took over 2 minutes to register. */
    private static final Duration READY = Duration.ofMinutes(5);
    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka.server.BrokerLifecycleManager" level="INFO"/>
              <logger name="kafka.server.BrokerServer" level="INFO"/>
              <logger name="kafka.log.LogManager" level="INFO"/>
              <logger name="org.apache.kafka.storage.internals.log.LogLoader" level="INFO"/>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int controllerPort;
    private final int[] brokerPorts = new int[BROKERS + 1];
    private final Process[] processes = new Process[BROKERS + 1];
    private final String heap;
    private final Admin admin;
    private final Thread reaper = new Thread(this::destroyAll, "process-kafka-reaper");
    private boolean closed;

    private ProcessKafkaCluster(Path dir, String heap) throws IOException {
        this.dir = dir;
        this.heap = heap;
        this.controllerPort = EmbeddedKafka.freePort();
        for (int id = 1; id <= BROKERS; id++) {
            brokerPorts[id] = EmbeddedKafka.freePort(ports());
        }
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Formats and starts the controller and three brokers (heap {@code -Xmx256m} each), waiting until all are registered. */
    public static ProcessKafkaCluster start() {
        return start("256m");
    }

    /** As {@link #start()} with the given {@code -Xmx} per broker process. */
    public static ProcessKafkaCluster start(String heap) {
        long started = System.nanoTime();
        ProcessKafkaCluster cluster = null;
        try {
            cluster = new ProcessKafkaCluster(Files.createTempDirectory("process-kafka"), heap);
            for (int id = CONTROLLER; id <= BROKERS; id++) {
                cluster.format(id);
                cluster.launch(id);
            }
            cluster.awaitBrokers(Set.of(1, 2, 3));
            log.info("Process KRaft cluster (controller + {} brokers) on {} in {} ms, under {}", BROKERS,
                    cluster.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), cluster.dir);
            return cluster;
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            throw new IllegalStateException("Cannot start a KRaft cluster of broker processes", e);
        }
    }

    public String bootstrapServers() {
        StringBuilder s = new StringBuilder();
        for (int id = 1; id <= BROKERS; id++) {
            s.append(id > 1 ? "," : "").append("127.0.0.1:").append(brokerPorts[id]);
        }
        return s.toString();
    }

    /** SIGKILL of broker {@code id} (1..3): the process dies at once, its log tails unflushed; returns when it is gone. */
    public void kill(int id) {
        Process p = broker(id);
        p.destroyForcibly();
        awaitExit(p, id);
        awaitGone(id);
        log.info("Broker {} killed (SIGKILL, pid {}) and fenced", id, p.pid());
    }

    /** SIGTERM of broker {@code id}: Kafka's controlled shutdown moves leadership away first; returns when it exited. */
    public void stop(int id) {
        Process p = broker(id);
        p.destroy();
        awaitExit(p, id);
        awaitGone(id);
        log.info("Broker {} stopped (SIGTERM, pid {}, exit {})", id, p.pid(), p.exitValue());
    }

    /**
     * Starts broker {@code id} again on its log directory and port, and waits until it is registered and every
     * partition of every topic has its full ISR again (the restarted broker caught up).
     */
    public void start(int id) {
        if (processes[id] != null && processes[id].isAlive()) {
            throw new IllegalStateException("broker " + id + " is running");
        }
        long started = System.nanoTime();
        launch(id);
        awaitBrokers(Set.of(id));
        awaitFullIsr();
        log.info("Broker {} back with every ISR full in {} ms", id, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Stops and starts each broker in turn, each time waiting until every partition's ISR is full again. */
    public void rollingRestart() {
        for (int id = 1; id <= BROKERS; id++) {
            stop(id);
            start(id);
        }
    }

    public boolean isRunning(int id) {
        return processes[id] != null && processes[id].isAlive();
    }

    /** Waits until every partition of every topic (internal ones too) has a leader and all its replicas in sync. */
    public void awaitFullIsr() {
        try {
            Awaitility.await("every ISR full").atMost(READY).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> underReplicated().isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("partitions still under-replicated: " + quietly(this::underReplicated), e);
        }
    }

    /** Partitions ({@code topic-n}) without a leader or with fewer in-sync replicas than replicas. */
    public List<String> underReplicated() throws Exception {
        Set<String> names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names().get(10, TimeUnit.SECONDS);
        Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        List<String> under = new ArrayList<>();
        for (TopicDescription t : topics.values()) {
            for (TopicPartitionInfo p : t.partitions()) {
                if (p.leader() == null || p.leader().isEmpty() || p.isr().size() < p.replicas().size()) {
                    under.add(t.name() + "-" + p.partition());
                }
            }
        }
        return under;
    }

    private void awaitBrokers(Set<Integer> ids) {
        try {
            Awaitility.await("brokers " + ids + " registered").atMost(READY).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> {
                        for (int id : ids) {
                            if (!processes[id].isAlive()) {
                                throw new IllegalStateException("broker " + id + " exited with " + processes[id].exitValue()
                                        + "; see " + logFile(id));
                            }
                        }
                        return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id)
                                .collect(Collectors.toSet()).containsAll(ids);
                    });
        } catch (ConditionTimeoutException e) {
            StringBuilder tails = new StringBuilder();
            for (int id : ids) {
                tails.append("\n--- last lines of ").append(logFile(id)).append(":\n").append(tail(logFile(id), 40));
            }
            throw new IllegalStateException("brokers " + ids + " did not register" + tails, e);
        }
    }

    /** Waits until the controller fenced broker {@code id} (its session expired), so that a restart is seen as one. */
    private void awaitGone(int id) {
        Awaitility.await("broker " + id + " fenced").atMost(READY).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().noneMatch(n -> n.id() == id));
    }

    private Process broker(int id) {
        if (id < 1 || id > BROKERS || processes[id] == null) {
            throw new IllegalArgumentException("no broker " + id + " (brokers are 1.." + BROKERS + ")");
        }
        return processes[id];
    }

    private static void awaitExit(Process p, int id) {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                log.warn("Broker {} did not exit within 60 s; killed", id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for broker " + id, e);
        }
    }

    private void launch(int id) {
        try {
            Path props = dir.resolve("node-" + id + ".properties");
            Properties p = new Properties();
            p.putAll(config(id));
            try (Writer w = Files.newBufferedWriter(props, StandardCharsets.UTF_8)) {
                p.store(w, "node " + id + " of " + clusterId);
            }
            Path logback = dir.resolve("logback.xml");
            if (!Files.exists(logback)) {
                Files.writeString(logback, LOGBACK);
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = List.of(java, "-Xmx" + (id == CONTROLLER ? "128m" : heap), "-Xss512k", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                    "kafka.Kafka", props.toString());
            processes[id] = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(id).toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka node " + id, e);
        }
    }

    private Path logFile(int id) {
        return dir.resolve("node-" + id + ".log");
    }

    private Path logDir(int id) {
        return dir.resolve("node-" + id);
    }

    /** As {@code kafka-storage format} for node {@code id}, once: later launches reuse the directory. */
    private void format(int id) {
        try {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(id)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir(id).toString()))
                    .setMetadataLogDirectory(logDir(id).toString())
                    .setControllerListenerName(EmbeddedKafka.CONTROLLER_LISTENER)
                    .setIgnoreFormatted(false)
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format " + logDir(id), e);
        }
    }

    Map<String, String> config(int id) {
        String controller = EmbeddedKafka.CONTROLLER_LISTENER;
        String plain = EmbeddedKafka.BROKER_LISTENER;
        Map<String, String> c = new LinkedHashMap<>();
        c.put("node.id", Integer.toString(id));
        c.put("controller.quorum.voters", CONTROLLER + "@127.0.0.1:" + controllerPort);
        c.put("controller.listener.names", controller);
        c.put("listener.security.protocol.map", plain + ":PLAINTEXT," + controller + ":PLAINTEXT");
        c.put("log.dirs", logDir(id).toString());
        c.put("metadata.log.dir", logDir(id).toString());
        if (id == CONTROLLER) {
            c.put("process.roles", "controller");
            c.put("listeners", controller + "://127.0.0.1:" + controllerPort);
            return c;
        }
        c.put("process.roles", "broker");
        c.put("listeners", plain + "://127.0.0.1:" + brokerPorts[id]);
        c.put("advertised.listeners", plain + "://127.0.0.1:" + brokerPorts[id]);
        c.put("inter.broker.listener.name", plain);
        c.put("default.replication.factor", "3");
        c.put("min.insync.replicas", "2");
        c.put("offsets.topic.replication.factor", "3");
        c.put("transaction.state.log.replication.factor", "3");
        c.put("transaction.state.log.min.isr", "2");
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.num.partitions", "5");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("unclean.leader.election.enable", "false");
        // small heaps: the cleaner's dedupe buffer is 128 MiB by default
        c.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        c.put("message.max.bytes", Integer.toString(io.wirestream.schemas.topic.RecordSizes.MAX_RECORD_BYTES));
        c.put("replica.fetch.max.bytes", Integer.toString(io.wirestream.schemas.topic.RecordSizes.MAX_RECORD_BYTES));
        return c;
    }

    private int[] ports() {
        return new int[] {controllerPort, brokerPorts[1], brokerPorts[2], brokerPorts[3]};
    }

    private void destroyAll() {
        for (int id = BROKERS; id >= CONTROLLER; id--) {
            if (processes[id] != null) {
                processes[id].destroyForcibly();
            }
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    private static String quietly(java.util.concurrent.Callable<?> c) {
        try {
            return String.valueOf(c.call());
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Stops the brokers, then the controller (SIGTERM, SIGKILL after 60 s), and deletes every directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(Duration.ofSeconds(5));
        for (int id = 1; id <= BROKERS; id++) {
            if (processes[id] != null && processes[id].isAlive()) {
                processes[id].destroy();
            }
        }
        for (int id = BROKERS; id >= CONTROLLER; id--) {
            if (id == CONTROLLER && processes[id] != null) {
                processes[id].destroy();
            }
            if (processes[id] != null) {
                awaitExit(processes[id], id);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Cannot delete {}", dir, e);
        }
        log.info("Process KRaft cluster on {} closed", bootstrapServers());
    }

    @Override
    public String toString() {
        return "ProcessKafkaCluster[" + bootstrapServers() + ", " + dir + "]";
    }
}

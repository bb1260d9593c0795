package io.wirestream.local.kafka;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away KRaft cluster of 1..N brokers inside this JVM, on random loopback ports and temporary directories
 * (deleted on close), built on Kafka's own {@link KafkaClusterTestKit}. For tests; use {@link EmbeddedKafka} when
 * the data must survive a restart.
 *
 * <p>Node 0 is a combined broker + controller, the single voter of the metadata quorum; nodes 1..N-1 are brokers.
 * (Three combined voters on a static quorum fail in Kafka 4.3.1's test kit: the followers' UpdateRaftVoter requests
 * are answered INVALID_REQUEST, which the raft client treats as fatal. One voter also costs less CPU.)
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private final KafkaClusterTestKit cluster;
    private final int nodes;
    private boolean closed;

    private EmbeddedKafkaCluster(KafkaClusterTestKit cluster, int nodes) {
        this.cluster = cluster;
        this.nodes = nodes;
    }

    /** Starts {@code nodes} brokers (the first also the controller) and waits until every broker is unfenced. */
    public static EmbeddedKafkaCluster start(int nodes) {
        return start(nodes, Map.of());
    }

    /** As {@link #start(int)}, with extra broker configs applied to every node. */
    public static EmbeddedKafkaCluster start(int nodes, Map<String, String> overrides) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
        }
        long started = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes testKitNodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(nodes)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(testKitNodes);
            clusterConfig(nodes).forEach(builder::setConfigProp);
            overrides.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafkaCluster result = new EmbeddedKafkaCluster(cluster, nodes);
            log.info("Embedded KRaft cluster of {} node(s) on {} in {} ms", nodes, result.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return result;
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Cannot start an embedded KRaft cluster of " + nodes + " node(s)", e);
        }
    }

    static Map<String, String> clusterConfig(int nodes) {
        Map<String, String> c = new java.util.HashMap<>();
        if (nodes < 3) {
            c.putAll(EmbeddedKafka.singleNodeReplication());
            c.put("offsets.topic.replication.factor", Integer.toString(nodes));
            c.put("transaction.state.log.replication.factor", Integer.toString(nodes));
            c.put("default.replication.factor", Integer.toString(nodes));
        } else {
            // as docker-compose: replication 3, acks=all needs 2 in sync, so one broker may be down
            c.put("transaction.state.log.min.isr", "2");
            c.put("min.insync.replicas", "2");
        }
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.num.partitions", "5");
        c.put("group.initial.rebalance.delay.ms", "0");
        return c;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public int nodes() {
        return nodes;
    }

    /** Stops broker {@code id} (not node 0, which is also the controller). */
    public void stopBroker(int id) {
        if (id == 0) {
            throw new IllegalArgumentException("node 0 is the KRaft controller; stop broker 1 or 2");
        }
        var broker = cluster.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + id + " in " + cluster.brokers().keySet());
        }
        broker.shutdown();
        broker.awaitShutdown();
        log.info("Embedded broker {} stopped", id);
    }

    /** Starts a broker stopped by {@link #stopBroker} again. */
    public void startBroker(int id) {
        cluster.brokers().get(id).startup();
        log.info("Embedded broker {} started again", id);
    }

    /** The underlying test kit, for tests that need to stop or inspect individual nodes. */
    public KafkaClusterTestKit testKit() {
        return cluster;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("Error while stopping the embedded KRaft cluster", e);
        }
    }
}

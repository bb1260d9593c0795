package io.wirestream.local.junit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a {@link WithKafka} test class gets: the cluster's bootstrap servers, the registry URL, a shared
 * {@link Admin}, and helpers for random topics and client configs. One instance per test class.
 */
public final class KafkaEnv {

    /** Key of the registry URL in the client config maps (as the schemas module's serdes read it). */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final Admin admin;
    private final int nodes;
    private final String mode;
    private final String unavailableReason;
    /** The embedded cluster, for stopping and starting single brokers; null in docker mode. */
    private io.wirestream.local.kafka.EmbeddedKafkaCluster cluster;

    KafkaEnv(String bootstrapServers, String schemaRegistryUrl, Admin admin, int nodes, String mode) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.admin = admin;
        this.nodes = nodes;
        this.mode = mode;
        this.unavailableReason = null;
    }

    private KafkaEnv(String unavailableReason) {
        this.bootstrapServers = null;
        this.schemaRegistryUrl = null;
        this.admin = null;
        this.nodes = 0;
        this.mode = "unavailable";
        this.unavailableReason = unavailableReason;
    }

    KafkaEnv withCluster(io.wirestream.local.kafka.EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
        return this;
    }

    /**
     * Stops broker {@code id} of the embedded cluster (1 or 2 of a three-node cluster: node 0 is also the KRaft
     * controller) as the test kit can: a shutdown without waiting for clients, its partitions' leadership moving to
     * the others. {@link #startBroker} brings it back on the same log directories.
     */
    public void stopBroker(int id) {
        embeddedCluster().stopBroker(id);
    }

    /** Starts a broker stopped by {@link #stopBroker} again and waits until it is registered. */
    public void startBroker(int id) {
        embeddedCluster().startBroker(id);
    }

    private io.wirestream.local.kafka.EmbeddedKafkaCluster embeddedCluster() {
        requireAvailable();
        if (cluster == null) {
            throw new IllegalStateException("stopping brokers needs the embedded cluster, not " + mode);
        }
        return cluster;
    }

    static KafkaEnv unavailable(String reason) {
        return new KafkaEnv(reason);
    }

    String unavailableReason() {
        return unavailableReason;
    }

    private void requireAvailable() {
        if (unavailableReason != null) {
            throw new IllegalStateException("No Kafka for this test: " + unavailableReason);
        }
    }

    /** {@code host:port[,host:port...]} of the cluster. */
    public String bootstrapServers() {
        requireAvailable();
        return bootstrapServers;
    }

    /** Base URL of the embedded schema registry, e.g. {@code http://127.0.0.1:41234}. */
    public String schemaRegistryUrl() {
        requireAvailable();
        return schemaRegistryUrl;
    }

    /** An admin client shared by the class (do not close it). */
    public Admin admin() {
        requireAvailable();
        return admin;
    }

    /** Number of broker nodes. */
    public int nodes() {
        requireAvailable();
        return nodes;
    }

    /** {@code embedded} or {@code docker}. */
    public String mode() {
        return mode;
    }

    /** A topic name no other test uses: {@code <prefix>-<random>}. */
    public String randomTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Creates topics of one partition, replicated on up to 3 nodes, and waits until they exist. */
    public void createTopics(String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, 1, replicationFactor()));
        }
        createTopics(topics);
    }

    /** Creates one topic with {@code partitions} partitions and waits until it exists. */
    public void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, replicationFactor())));
    }

    /** Creates the given topics and waits until they exist. */
    public void createTopics(List<NewTopic> topics) {
        try {
            admin().createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topics " + topics + ": " + e.getMessage(), e);
        }
    }

    /** The replication factor that fits this cluster: its node count, at most 3. */
    public short replicationFactor() {
        return (short) Math.min(3, nodes());
    }

    /** Producer config: bootstrap servers, registry URL, {@code acks=all}, idempotence. Add serializers yourself. */
    public Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    /** Consumer config: bootstrap servers, registry URL, the group, from the earliest offset, no auto commit. */
    public Map<String, Object> consumerProps(String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /**
     * Kafka Streams config: application id, bootstrap servers, registry URL, a fresh temporary state directory,
     * replication factor of the cluster, fast commits and no record cache (so tests see results quickly).
     */
    public Map<String, Object> streamsProps(String applicationId) {
        Map<String, Object> props = new HashMap<>();
        props.put("application.id", applicationId);
        props.put("bootstrap.servers", bootstrapServers());
        props.put(SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl());
        props.put("replication.factor", (int) replicationFactor());
        props.put("commit.interval.ms", 100);
        props.put("statestore.cache.max.bytes", 0);
        try {
            props.put("state.dir", Files.createTempDirectory("streams-" + applicationId).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    @Override
    public String toString() {
        return unavailableReason != null ? "KafkaEnv[unavailable: " + unavailableReason + "]"
                : "KafkaEnv[" + mode + ", " + bootstrapServers + ", " + schemaRegistryUrl + "]";
    }
}

package io.wirestream.cli;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a cluster shares. Mix in with
 * {@code @Mixin ClusterOptions cluster;} so the names, defaults and help text stay the same everywhere.
 */
public final class ClusterOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
        description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1:9092")
    public String bootstrapServer;

    @Option(names = "--schema-registry", paramLabel = "URL",
        description = "Schema Registry URL (default: ${DEFAULT-VALUE}).", defaultValue = "http://127.0.0.1:8081")
    public String schemaRegistry;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
        description = "Give up when the Kafka cluster does not answer within this time at start (default: ${DEFAULT-VALUE}).")
    public Duration connectTimeout = Duration.ofSeconds(10);

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file with defaults for any option (key = option name without dashes).")
    public String config;

    @Option(names = {"-v", "--verbose"}, description = "Print the stack trace on failure.")
    public boolean verbose;

    @Option(names = "--command-config", paramLabel = "FILE",
        description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for every client this command "
            + "creates, and the schema registry's credentials (basic.auth.*, bearer.auth.*, schema.registry.ssl.*). "
            + "Values may read secrets with ${env:VAR} or ${file:PATH:KEY}. Keys the pipeline relies on (acks, "
            + "enable.idempotence, isolation.level, processing.guarantee, group and transactional ids) stay the pipeline's.")
    public java.nio.file.Path commandConfig;

    private ClientProperties clientProperties;

    /** The {@code --command-config} properties (loaded once), or none. */
    public synchronized ClientProperties client() {
        if (clientProperties == null) {
            clientProperties = commandConfig == null ? ClientProperties.none() : ClientProperties.load(commandConfig);
        }
        return clientProperties;
    }

    /** Admin client properties for this cluster: the file's keys, then the bootstrap servers. */
    public Properties adminProperties(String component) {
        Properties props = new Properties();
        props.putAll(client().forClient(ClientProperties.Role.ADMIN, component));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        return props;
    }

    /**
     * Fails fast when the cluster at {@link #bootstrapServer} does not answer a describe-cluster request within
     * {@link #connectTimeout}, so a command never waits a minute for a dead broker nor mistakes one for an empty topic.
     *
     * @throws ClusterUnreachableException saying which address, how long and what to check
     */
    public void requireReachable() {
        requireReachable(bootstrapServer, connectTimeout, client().forClient(ClientProperties.Role.ADMIN, "reachability check"));
    }

    /** {@link #requireReachable()} for any address and timeout. */
    static void requireReachable(String bootstrapServers, Duration timeout) {
        requireReachable(bootstrapServers, timeout, java.util.Map.of());
    }

    /** {@link #requireReachable()} for any address and timeout, with these client properties (security). */
    static void requireReachable(String bootstrapServers, Duration timeout, java.util.Map<String, Object> clientProps) {
        String unreachable = "cannot reach the Kafka cluster at " + bootstrapServers + " within " + Durations.words(timeout)
            + " (is it running? --bootstrap-server)";
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "wirestream-cli-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            // e.g. no resolvable bootstrap address: the cause says which
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ClusterUnreachableException("cannot reach the Kafka cluster at " + bootstrapServers + ": "
                + FailureHandler.describe(cause) + " (--bootstrap-server)", e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).clusterId()
                .get(timeoutMs + 2000L, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClusterUnreachableException(unreachable, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new ClusterUnreachableException(unreachable, e.getCause());
            }
            throw new ClusterUnreachableException("cannot reach the Kafka cluster at " + bootstrapServers + ": "
                + FailureHandler.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException("interrupted while connecting to the Kafka cluster at " + bootstrapServers, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }
}

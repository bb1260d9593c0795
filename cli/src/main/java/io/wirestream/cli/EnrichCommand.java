package io.wirestream.cli;

import io.wirestream.enrich.app.EnrichApp;
import io.wirestream.enrich.app.EnrichConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirestream enrich}: runs the enrich Kafka Streams app until interrupted. */
@Command(
    name = "enrich",
    mixinStandardHelpOptions = true,
    description = {
        "Run the enrich Kafka Streams app against a cluster.",
        "",
        "Reads news.raw, drops exact duplicates and stale versions, tags entities and topics, and writes news.enriched "
            + "and news.topic.<slug>, exactly once. Kill notices pass through as withheld records. Records that cannot "
            + "be deserialized or annotated go to news.dlq with their original bytes.",
        "",
        "Creates missing topics at start, one per taxonomy topic. Runs until Ctrl-C / SIGTERM; exit code 1 if the app "
            + "failed.",
        "",
        "The --config file may also hold streams.* keys, passed to Kafka Streams without the prefix, and these:",
        "  topic.prefix, topic.partitions, topic.replication.factor,",
        "  application.id, state.dir, num.stream.threads, commit.interval.ms,",
        "  dedupe.retention.ms, dlq.enabled"
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream enrich --bootstrap-server 127.0.0.1:9092 \\",
        "      --schema-registry http://127.0.0.1:8081",
        "  wirestream enrich --taxonomy my-taxonomy.yaml --config enrich.properties",
        "  wirestream enrich --partitions 6 --replication-factor 3 --threads 3 \\",
        "      --state-dir /var/lib/wirestream/enrich"
    })
public final class EnrichCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--taxonomy", paramLabel = "FILE", description = "Taxonomy file (YAML or JSON) replacing the built-in one.")
    Path taxonomy;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id (default: wirestream-enrich).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Directory for the local state store; keep it on persistent disk (default: Kafka Streams' own, under java.io.tmpdir).")
    Path stateDir;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of topics created at start (default: 3).")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N", description = "Replication factor of topics created at start (default: 1).")
    Short replicationFactor;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads (default: 1).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> props = new HashMap<>();
        if (cluster.config != null) {
            readProperties(Path.of(cluster.config)).forEach((k, v) -> props.put(String.valueOf(k), v));
        }
        cluster.client().forClient(ClientProperties.Role.STREAMS, "enrich Streams app")
            .forEach((k, v) -> props.put(EnrichConfig.STREAMS_PREFIX + k, v));
        props.put(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServer);
        props.put(EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, cluster.schemaRegistry);
        putIfSet(props, EnrichConfig.TAXONOMY_FILE_CONFIG, taxonomy);
        putIfSet(props, EnrichConfig.APPLICATION_ID_CONFIG, applicationId);
        putIfSet(props, EnrichConfig.STATE_DIR_CONFIG, stateDir);
        putIfSet(props, EnrichConfig.TOPIC_PARTITIONS_CONFIG, partitions);
        putIfSet(props, EnrichConfig.TOPIC_REPLICATION_CONFIG, replicationFactor);
        putIfSet(props, EnrichConfig.NUM_STREAM_THREADS_CONFIG, threads);

        EnrichConfig config = new EnrichConfig(props);
        cluster.requireReachable();
        EnrichApp app = new EnrichApp(config);
        Thread hook = new Thread(app::close, "wirestream-enrich-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        app.start();
        app.awaitTermination();
        boolean failed = app.state() == KafkaStreams.State.ERROR;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is closing the app already
        }
        app.close();
        if (failed && app.fatalFailure() != null) {
            // one line naming the cause (and, for a missing ACL, the permission: FailureHandler), not a retry loop
            Throwable cause = app.fatalFailure();
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new IllegalStateException("the cluster refused the Streams app: " + cause.getMessage(), app.fatalFailure());
        }
        return failed ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
    }

    private static void putIfSet(Map<String, Object> props, String key, Object value) {
        if (value != null) {
            props.put(key, value.toString());
        }
    }

    private static Properties readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        return props;
    }
}

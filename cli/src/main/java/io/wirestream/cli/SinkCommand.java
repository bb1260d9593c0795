package io.wirestream.cli;

import io.wirestream.sink.runtime.SinkPlugins;
import io.wirestream.sink.runtime.SinkTarget;
import io.wirestream.sink.runtime.EmbeddedConnect;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirestream sink}: runs a Kafka Connect worker in this process with the PostgreSQL and/or JSON Lines sinks. */
@Command(
    name = "sink",
    mixinStandardHelpOptions = true,
    description = {
        "Write enriched stories to PostgreSQL and/or JSON Lines files.",
        "",
        "Runs the real Kafka Connect runtime in this process (a standalone worker) with the PostgreSQL sink "
            + "(--postgres-url) and/or the JSON Lines sink (--jsonl-dir), reading news.enriched by default. At least "
            + "one of the two is required.",
        "",
        "Bad records go to the dead letter queue topic with __connect.errors.* headers. Sink offsets live in the "
            + "consumer groups connect-wirestream-postgres / connect-wirestream-jsonl, so a restart resumes. "
            + "Runs until Ctrl-C / SIGTERM."
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream sink --jsonl-dir out/",
        "  wirestream sink --postgres-url jdbc:postgresql://127.0.0.1:5432/news \\",
        "      --postgres-user postgres",
        "  WIRESTREAM_POSTGRES_PASSWORD=... wirestream sink \\",
        "      --postgres-url jdbc:postgresql://db:5432/news --postgres-user postgres \\",
        "      --bootstrap-server kafka:9092 --schema-registry http://registry:8081 \\",
        "      --topics news.topic.missile-defense"
    })
public final class SinkCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Option(names = "--topics", paramLabel = "TOPIC[,TOPIC...]", description = "Comma-separated topics to read (default: ${DEFAULT-VALUE}).",
        defaultValue = "news.enriched")
    String topics;

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", description = "Dead letter queue topic (default: ${DEFAULT-VALUE}).",
        defaultValue = "news.dlq")
    String dlqTopic;

    @Option(names = "--dlq-replication-factor", paramLabel = "N", description = "Replication factor if the DLQ topic is created (default: ${DEFAULT-VALUE}).",
        defaultValue = "1")
    short dlqReplication;

    @Mixin PostgresOptions postgres;

    @Option(names = "--jsonl-dir", paramLabel = "DIR", description = "Run the JSON Lines sink, writing ninjs files under DIR.")
    Path jsonlDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Worker state (offsets file) (default: ${DEFAULT-VALUE}).",
        defaultValue = "data/connect")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        // the sinks are those SinkPlugins registers that the flags ask for; the JSON Lines sink's own client joins as the worker does
        Map<String, Map<String, String>> sinks = SinkPlugins.configs(new SinkTarget(topics, dlqTopic, dlqReplication, cluster.bootstrapServer,
            cluster.client().forClient(ClientProperties.Role.ADMIN, "JSON Lines sink"),
            SinkPlugins.options(jsonlDir, postgres.url, postgres.user, postgres.password, postgres.schema)));
        if (sinks.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no sink to run: give --postgres-url and/or --jsonl-dir");
        }
        cluster.requireReachable();
        Files.createDirectories(dataDir);
        Map<String, String> worker = cluster.client().addToConnectWorker(
            EmbeddedConnect.workerConfig(cluster.bootstrapServer, dataDir, cluster.schemaRegistry), "sink Connect worker");
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmbeddedConnect connect = EmbeddedConnect.start(worker)) {
            Thread hook = new Thread(() -> {
                connect.close();
                stopped.countDown();
            }, "wirestream-sink-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            connect.restartFailedTasks(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5), line -> {
                spec.commandLine().getErr().println("wirestream sink: " + line);
                spec.commandLine().getErr().flush();
            });
            sinks.forEach(connect::addConnector);
            spec.commandLine().getOut().printf("Connect worker running (REST %s): %s; Ctrl-C to stop%n", connect.restUrl(),
                connect.connectors());
            spec.commandLine().getOut().flush();
            stopped.await();
        }
        return CommandLine.ExitCode.OK;
    }
}

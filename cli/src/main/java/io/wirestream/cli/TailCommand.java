package io.wirestream.cli;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wirestream tail}: prints a pipeline topic as readable stories or JSON. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {
        "Print a pipeline topic as readable stories or JSON.",
        "",
        "Reads TOPIC, or news.topic.SLUG with --topic-of, without a consumer group (every partition assigned, "
            + "read_committed, nothing left behind on the cluster) from the beginning, or only new records with --from end. Enriched stories print with their "
            + "entities and topics, raw articles as their headline, anything else as key: value (other Avro records as JSON, "
            + "text as text, other bytes in hex). Records with error headers (a dead letter queue's __streams.errors.* "
            + "or __connect.errors.*) show them underneath; -v adds the stack trace. Follows the topic until Ctrl-C, "
            + "--max records or --idle-timeout."
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream tail news.topic.missile-defense",
        "  wirestream tail --topic-of northern-territories --from end",
        "  wirestream tail news.enriched --json --max 10 --idle-timeout 5s",
        "  wirestream tail news.dlq --idle-timeout 5s    failed records and why"
    })
public final class TailCommand implements Callable<Integer> {

    @Mixin ClusterOptions cluster;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOPIC", description = "Topic to read, e.g. news.enriched.")
    String topic;

    @Option(names = "--topic-of", paramLabel = "SLUG", description = "Read the per-topic topic of this taxonomy slug (news.topic.SLUG).")
    String slug;

    @Option(names = "--topic-prefix", defaultValue = "news.", paramLabel = "PREFIX", description = "Prefix of the pipeline's topic names (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--from", defaultValue = "beginning", paramLabel = "beginning|end",
        description = "Start at the beginning of the topic or only show new records (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--json", description = "One JSON object per record instead of text: an Avro record as JSON; anything else, or a "
        + "record with error headers, as {key, partition, offset, value|text|base64, headers}.")
    boolean json;

    @Option(names = "--max", paramLabel = "N", defaultValue = "0", description = "Stop after N records (default: 0 = no limit).")
    long max;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class, description = "Stop when no record arrived for this long, e.g. 10s (default: follow forever).")
    Duration idleTimeout;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String name = resolveTopic();
        if (!from.equals("beginning") && !from.equals("end")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from must be 'beginning' or 'end', not '" + from + "'");
        }
        cluster.requireReachable();
        Properties props = new Properties();
        props.putAll(cluster.client().forClient(ClientProperties.Role.CONSUMER, "tail consumer"));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServer);
        // no group.id: the partitions are assigned, not subscribed, so no consumer group is left behind per run
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wirestream-tail");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, from.equals("beginning") ? "earliest" : "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicBoolean stopping = new AtomicBoolean();
        // raw bytes: a topic may hold anything (a dead letter queue holds the bytes that failed), and one
        // undecodable record must not stop the tail
        try (SchemaRegistryClient registry = SchemaRegistryClients.create(cluster.schemaRegistry, cluster.client().registry());
             ValueDecoder values = new ValueDecoder(registry, warning -> {
                 err.println(spec.qualifiedName() + ": " + warning);
                 err.flush();
             });
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TailRenderer renderer = new TailRenderer(values, json, cluster.verbose);
            Thread shutdown = new Thread(() -> { stopping.set(true); consumer.wakeup(); }, "tail-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            List<TopicPartition> partitions = consumer.partitionsFor(name, cluster.connectTimeout).stream()
                .map(p -> new TopicPartition(name, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + name + " does not exist");
            }
            consumer.assign(partitions);
            if (from.equals("beginning")) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long seen = 0;
            Instant lastRecord = Instant.now();
            try {
                while (max == 0 || seen < max) {
                    var records = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        out.println(renderer.render(record));
                        out.flush();
                        if (max > 0 && ++seen >= max) {
                            break;
                        }
                    }
                    if (!records.isEmpty()) {
                        lastRecord = Instant.now();
                    } else if (idleTimeout != null && Duration.between(lastRecord, Instant.now()).compareTo(idleTimeout) > 0) {
                        break;
                    }
                }
            } catch (WakeupException e) {
                if (!stopping.get()) {
                    throw e;
                }
            } finally {
                if (!stopping.get()) {
                    Runtime.getRuntime().removeShutdownHook(shutdown);
                }
            }
        }
        return CommandLine.ExitCode.OK;
    }

    private String resolveTopic() {
        Topics topics = new Topics(prefix);
        if (slug != null && topic != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either TOPIC or --topic-of, not both");
        }
        if (slug != null) {
            return topics.forTopic(slug);
        }
        if (topic == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "which topic? give TOPIC or --topic-of SLUG");
        }
        return topic;
    }
}

package io.wirestream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.registry.SchemaRegistryException;
import io.wirestream.schemas.registry.SchemaVersion;
import io.wirestream.schemas.registry.SubjectNotFoundException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirestream topics}: the pipeline's topics with partitions, record counts and registered value schemas. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = {
        "List the pipeline's topics with partitions, records and schemas.",
        "",
        "Shows every topic whose name starts with --topic-prefix (--all: every topic) with its partitions, replicas, "
            + "record count (offsets between log start and end, transaction markers included) and the latest value "
            + "schema registered for it (subject TOPIC-value)."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  wirestream topics", "  wirestream topics --json", "  wirestream topics --all    # include internal topics",
        "  wirestream topics --create --partitions 6 --replication-factor 3"})
public final class TopicsCommand implements Callable<Integer> {

    @Mixin ClusterOptions cluster;

    @Option(names = "--topic-prefix", defaultValue = "news.", paramLabel = "PREFIX", description = "Only topics with this prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--all", description = "List every topic, internal ones included.")
    boolean all;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--create", description = "First create the pipeline's missing topics (news.raw, news.enriched, "
        + "news.dlq, one news.topic.<slug> per taxonomy topic), as enrich does at start; then enrich and the sink need no "
        + "Create ACL (see wirestream acls --no-create).")
    boolean create;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3", description = "With --create: partitions of raw, enriched and dlq (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--topic-partitions", paramLabel = "N", defaultValue = "1",
        description = "With --create: partitions of each news.topic.<slug> (default: ${DEFAULT-VALUE}; enrich's topic.fanout.partitions).")
    int topicPartitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
        description = "With --create: replication factor (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--taxonomy", paramLabel = "FILE", description = "With --create: the taxonomy enrich runs with (default: the built-in one).")
    java.nio.file.Path taxonomy;

    @Spec CommandLine.Model.CommandSpec spec;

    /** One line of the listing. {@code records} counts offsets between log start and end (transaction markers included). */
    record TopicRow(String topic, int partitions, int replicas, long records, String subject, Integer schemaVersion, Integer schemaId, String schemaName) {
    }

    @Override
    public Integer call() throws Exception {
        cluster.requireReachable();
        Properties props = cluster.adminProperties("topics admin");
        try (Admin admin = Admin.create(props);
             SchemaRegistryClient registry = SchemaRegistryClients.create(cluster.schemaRegistry, cluster.client().registry())) {
            if (create) {
                io.wirestream.enrich.annotate.Annotator annotator = taxonomy == null
                    ? io.wirestream.enrich.annotate.Annotator.withDefaultTaxonomy()
                    : io.wirestream.enrich.annotate.Annotator.withTaxonomy(io.wirestream.enrich.taxonomy.Taxonomy.load(taxonomy));
                List<String> created = io.wirestream.enrich.app.EnrichApp.ensureTopics(admin, io.wirestream.enrich.app.EnrichApp.wantedTopics(
                    new io.wirestream.schemas.topic.Topics(prefix), annotator.taxonomy().slugs(), partitions, topicPartitions, replicationFactor));
                spec.commandLine().getErr().println("created " + created.size() + " topic(s)" + (created.isEmpty() ? "" : ": " + created));
                spec.commandLine().getErr().flush();
            }
            List<TopicRow> rows = list(admin, registry);
            print(rows, spec.commandLine().getOut());
        }
        return CommandLine.ExitCode.OK;
    }

    List<TopicRow> list(Admin admin, SchemaRegistryClient registry) throws Exception {
        List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
            .filter(n -> all || n.startsWith(prefix)).sorted().toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        List<TopicRow> rows = new ArrayList<>();
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            long records = d.partitions().stream().mapToLong(p -> {
                TopicPartition tp = new TopicPartition(name, p.partition());
                return ends.get(tp).offset() - starts.get(tp).offset();
            }).sum();
            String subject = name + "-value";
            SchemaVersion schema = null;
            try {
                schema = registry.getLatest(subject);
            } catch (SubjectNotFoundException e) {
                subject = null;
            } catch (SchemaRegistryException e) {
                subject = subject + " (registry: " + e.getMessage() + ")";
            }
            rows.add(new TopicRow(name, d.partitions().size(), d.partitions().get(0).replicas().size(), records, subject,
                schema == null ? null : schema.version(), schema == null ? null : schema.id(),
                schema == null ? null : schema.schema().getFullName()));
        }
        return rows;
    }

    private void print(List<TopicRow> rows, PrintWriter out) throws Exception {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("topics", rows);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            return;
        }
        String format = "%-40s %10s %8s %10s  %s%n";
        out.printf(Locale.ROOT, format, "TOPIC", "PARTITIONS", "REPLICAS", "RECORDS", "VALUE SCHEMA (subject, version, id)");
        for (TopicRow row : rows) {
            String schema = row.subject() == null ? "-"
                : row.schemaVersion() == null ? row.subject()
                : String.format(Locale.ROOT, "%s (%s v%d, id %d)", row.schemaName(), row.subject(), row.schemaVersion(), row.schemaId());
            out.printf(Locale.ROOT, format, row.topic(), row.partitions(), row.replicas(), row.records(), schema);
        }
        if (rows.isEmpty()) {
            out.println("(no topics with prefix '" + prefix + "'; is the pipeline running? try --all)");
        }
        out.flush();
    }
}

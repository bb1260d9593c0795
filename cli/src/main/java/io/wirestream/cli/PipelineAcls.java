package io.wirestream.cli;

import io.wirestream.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least ACLs each component of the pipeline needs on a cluster with an authorizer and
 * {@code allow.everyone.if.no.acl.found=false}, derived from what the code does:
 * <ul>
 *   <li>ingest: an idempotent producer (acks=all) writing {@code news.raw}; since Kafka 3.0 an idempotent producer
 *       needs Write on a topic, not IdempotentWrite on the cluster;</li>
 *   <li>enrich: the Kafka Streams app (application id {@code wirestream-enrich}, exactly_once_v2) reading
 *       {@code news.raw}, writing {@code news.enriched}, {@code news.dlq} and {@code news.topic.*} in transactions whose
 *       ids start with the application id, owning its internal topics (changelog, repartition) named after the
 *       application id, and creating the pipeline's topics at start when they are missing;</li>
 *   <li>sink: the Connect worker's sink tasks read in consumer groups {@code connect-<connector>} and dead-letter
 *       to {@code news.dlq}, which Connect creates when it is missing;</li>
 *   <li>lag: lists and describes the pipeline's groups, reads their offsets and the topics' end offsets, and reads
 *       past transaction markers (no group);</li>
 *   <li>tail: reads any pipeline topic by assignment, without a consumer group;</li>
 *   <li>verify: reads {@code news.raw}, {@code news.enriched} and {@code news.dlq} whole, by assignment, without a
 *       consumer group;</li>
 *   <li>desk: lists the topics (only those it may describe are listed) and reads {@code news.enriched} and
 *       {@code news.topic.*} by assignment, without a consumer group;</li>
 *   <li>topics: describes the pipeline's topics (and creates them with {@code --create}).</li>
 * </ul>
 * Read and Write imply Describe, so Describe is listed only where nothing else is.
 */
public final class PipelineAcls {

    /** The components, as {@code wirestream acls --component NAME} takes them. */
    public enum Component {
        INGEST("ingest", "ingest producer (idempotent, acks=all)"),
        ENRICH("enrich", "enrich Kafka Streams app (exactly_once_v2)"),
        SINK("sink", "sink Connect worker, both connectors"),
        SINK_POSTGRES("sink-postgres", "sink Connect worker, PostgreSQL connector only"),
        SINK_JSONL("sink-jsonl", "sink Connect worker, JSON Lines connector only"),
        LAG("lag", "lag / ops monitor"),
        TAIL("tail", "tail"),
        VERIFY("verify", "verify reconciliation"),
        DESK("desk", "desk (story streams)"),
        TOPICS("topics", "topics listing");

        private final String cliName;
        private final String description;

        Component(String cliName, String description) {
            this.cliName = cliName;
            this.description = description;
        }

        public String cliName() {
            return cliName;
        }

        public String description() {
            return description;
        }

        public static Component of(String name) {
            return Arrays.stream(values()).filter(c -> c.cliName.equals(name.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown component '" + name + "'; known: "
                    + Arrays.stream(values()).map(Component::cliName).collect(Collectors.joining(", "))));
        }
    }

    /** The settings the names derive from; {@link #defaults()} are the pipeline's. */
    public record Settings(Topics topics, String applicationId, List<String> sinkTopics, List<String> connectors,
                           boolean createsTopics) {

        public static final String POSTGRES_CONNECTOR = io.wirestream.cli.up.LocalPipeline.POSTGRES_CONNECTOR;
        public static final String JSONL_CONNECTOR = io.wirestream.cli.up.LocalPipeline.JSONL_CONNECTOR;

        public static Settings defaults() {
            Topics topics = Topics.defaults();
            return new Settings(topics, io.wirestream.enrich.app.EnrichConfig.APPLICATION_ID_DEFAULT, List.of(topics.enriched()),
                io.wirestream.sink.runtime.SinkPlugins.all().stream().map(io.wirestream.sink.runtime.SinkPlugin::connector).toList(), true);
        }

        public Settings withCreatesTopics(boolean creates) {
            return new Settings(topics, applicationId, sinkTopics, connectors, creates);
        }
    }

    /** One resource and the operations allowed on it, as one {@code kafka-acls} line. */
    public record Grant(ResourceType type, String name, PatternType pattern, Set<AclOperation> operations, String why) {

        /** The kafka-acls options naming the resource. */
        String resourceOptions() {
            String resource = switch (type) {
                case TOPIC -> "--topic " + name;
                case GROUP -> "--group " + name;
                case TRANSACTIONAL_ID -> "--transactional-id " + name;
                case CLUSTER -> "--cluster";
                default -> throw new IllegalStateException("no kafka-acls option for " + type);
            };
            return resource + (pattern == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
        }

        String operationNames() {
            return operations.stream().map(PipelineAcls::operationName).collect(Collectors.joining(", "));
        }
    }

    private PipelineAcls() {
    }

    /** The grants {@code component} needs with {@code settings}. */
    public static List<Grant> grants(Component component, Settings s) {
        Topics t = s.topics();
        List<Grant> g = new ArrayList<>();
        switch (component) {
            case INGEST -> g.add(topic(t.raw(), "publishes RawArticles (idempotent producer)", AclOperation.WRITE));
            case ENRICH -> {
                g.add(topic(t.raw(), "input", AclOperation.READ));
                g.add(topic(t.enriched(), "output", AclOperation.WRITE));
                g.add(topic(t.dlq(), "dead letters (in the transaction)", AclOperation.WRITE));
                g.add(prefixedTopic(t.prefix() + "topic.", "one output topic per taxonomy topic", AclOperation.WRITE));
                // Delete: Kafka Streams deletes the committed records of the cluster-input repartition topic (purge)
                g.add(prefixedTopic(s.applicationId() + "-",
                    "Streams' internal topics (changelogs, the cluster-input repartition topic): created, written, read, purged",
                    AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS));
                g.add(new Grant(ResourceType.GROUP, s.applicationId(), PatternType.LITERAL, Set.of(AclOperation.READ),
                    "the Streams app's consumer group (application id)"));
                g.add(new Grant(ResourceType.TRANSACTIONAL_ID, s.applicationId() + "-", PatternType.PREFIXED,
                    ordered(AclOperation.WRITE), "exactly_once_v2 transactions: application id, process id, thread"));
                if (s.createsTopics()) {
                    g.add(prefixedTopic(t.prefix(), "creates missing pipeline topics at start (topic.create=true)", AclOperation.CREATE));
                }
            }
            case SINK, SINK_POSTGRES, SINK_JSONL -> {
                List<String> connectors = component == Component.SINK ? s.connectors()
                    : List.of(component == Component.SINK_POSTGRES ? Settings.POSTGRES_CONNECTOR : Settings.JSONL_CONNECTOR);
                for (String topic : s.sinkTopics()) {
                    g.add(topic(topic, "input of the sink connectors", AclOperation.READ));
                }
                for (String connector : connectors) {
                    g.add(new Grant(ResourceType.GROUP, "connect-" + connector, PatternType.LITERAL, Set.of(AclOperation.READ),
                        "sink tasks' consumer group: connect- and the connector name"));
                }
                g.add(s.createsTopics()
                    ? topic(t.dlq(), "dead letter queue (Connect creates it when missing)", AclOperation.WRITE, AclOperation.CREATE)
                    : topic(t.dlq(), "dead letter queue", AclOperation.WRITE));
            }
            case LAG -> {
                g.add(prefixedTopic(t.prefix(), "end offsets, and reading past transaction markers (no group)", AclOperation.READ));
                g.add(new Grant(ResourceType.GROUP, "wirestream-", PatternType.PREFIXED, Set.of(AclOperation.DESCRIBE),
                    "enrich's group: list, describe, committed offsets"));
                g.add(new Grant(ResourceType.GROUP, "connect-wirestream-", PatternType.PREFIXED, Set.of(AclOperation.DESCRIBE),
                    "the sink connectors' groups"));
            }
            case TAIL -> {
                g.add(prefixedTopic(t.prefix(), "any pipeline topic, by assignment (no consumer group)", AclOperation.READ));
            }
            case VERIFY -> {
                g.add(topic(t.raw(), "stories ingested (read whole, by assignment, no group)", AclOperation.READ));
                g.add(topic(t.enriched(), "stories enriched, checked against news.raw and the sinks", AclOperation.READ));
                g.add(topic(t.dlq(), "dead-lettered stories, not counted as missing", AclOperation.READ));
            }
            case DESK -> {
                g.add(topic(t.enriched(), "the all-stories stream and recent stories (by assignment, no group)", AclOperation.READ));
                g.add(prefixedTopic(t.prefix() + "topic.", "one stream per taxonomy topic; listing them needs Describe, which Read implies",
                    AclOperation.READ));
            }
            case TOPICS -> g.add(s.createsTopics()
                ? prefixedTopic(t.prefix(), "lists topics, partitions, offsets; creates them with --create", AclOperation.DESCRIBE, AclOperation.CREATE)
                : prefixedTopic(t.prefix(), "lists topics, partitions, offsets", AclOperation.DESCRIBE));
            default -> throw new IllegalStateException(component.toString());
        }
        return g;
    }

    /** The grants as Kafka AclBindings for {@code principal} (allow, any host). */
    public static List<AclBinding> bindings(String principal, List<Grant> grants) {
        List<AclBinding> out = new ArrayList<>();
        for (Grant grant : grants) {
            for (AclOperation op : grant.operations()) {
                out.add(new AclBinding(new ResourcePattern(grant.type(), grant.name(), grant.pattern()),
                    new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
            }
        }
        return out;
    }

    /** One {@code kafka-acls.sh} line per grant. */
    public static List<String> kafkaAclsLines(String principal, List<Grant> grants, String bootstrap, String adminConfig) {
        List<String> lines = new ArrayList<>();
        for (Grant grant : grants) {
            StringBuilder line = new StringBuilder("kafka-acls.sh --bootstrap-server ").append(bootstrap);
            if (adminConfig != null) {
                line.append(" --command-config ").append(adminConfig);
            }
            line.append(" --add --allow-principal ").append(principal);
            grant.operations().forEach(op -> line.append(" --operation ").append(operationName(op)));
            line.append(' ').append(grant.resourceOptions());
            lines.add(line.toString());
        }
        return lines;
    }

    /** The README's table: every component with the defaults. */
    public static String markdownTable(Settings s) {
        StringBuilder md = new StringBuilder("| component | resource | pattern | operations | why |\n| --- | --- | --- | --- | --- |\n");
        for (Component c : new Component[] {Component.INGEST, Component.ENRICH, Component.SINK, Component.LAG, Component.TAIL,
            Component.VERIFY, Component.DESK, Component.TOPICS}) {
            for (Grant grant : grants(c, s)) {
                md.append("| ").append(c.cliName()).append(" | ").append(resourceTypeName(grant.type())).append(" `").append(grant.name())
                    .append("` | ").append(grant.pattern().name().toLowerCase(Locale.ROOT)).append(" | ").append(grant.operationNames())
                    .append(" | ").append(grant.why()).append(" |\n");
            }
        }
        return md.toString();
    }

    static String operationName(AclOperation op) {
        return switch (op) {
            case DESCRIBE_CONFIGS -> "DescribeConfigs";
            case ALTER_CONFIGS -> "AlterConfigs";
            case IDEMPOTENT_WRITE -> "IdempotentWrite";
            default -> op.name().charAt(0) + op.name().substring(1).toLowerCase(Locale.ROOT);
        };
    }

    private static String resourceTypeName(ResourceType type) {
        return switch (type) {
            case TRANSACTIONAL_ID -> "transactional id";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static Grant topic(String name, String why, AclOperation... ops) {
        return new Grant(ResourceType.TOPIC, name, PatternType.LITERAL, ordered(ops), why);
    }

    private static Grant prefixedTopic(String prefix, String why, AclOperation... ops) {
        return new Grant(ResourceType.TOPIC, prefix, PatternType.PREFIXED, ordered(ops), why);
    }

    private static Set<AclOperation> ordered(AclOperation... ops) {
        return new LinkedHashSet<>(Arrays.asList(ops));
    }

    /**
     * What a failure for lack of an ACL means for the component behind {@code command}, in words: the grants of
     * {@link #grants} that cover the resource Kafka refused (e.g. "needs Read on topic news.dlq"), and the command that
     * prints them all. Null when {@code command} is no component or {@code denied} names nothing it should hold.
     */
    public static String explain(String command, org.apache.kafka.common.errors.AuthorizationException denied) {
        Component component;
        try {
            component = Component.of(command);
        } catch (IllegalArgumentException notAComponent) {
            return null;
        }
        List<String> needs = new ArrayList<>();
        for (Grant grant : grants(component, Settings.defaults())) {
            List<String> names = List.of();
            if (denied instanceof org.apache.kafka.common.errors.TopicAuthorizationException t && grant.type() == ResourceType.TOPIC) {
                names = List.copyOf(t.unauthorizedTopics());
            } else if (denied instanceof org.apache.kafka.common.errors.GroupAuthorizationException g && grant.type() == ResourceType.GROUP) {
                names = List.of(g.groupId() == null ? grant.name() : g.groupId());
            } else if ((denied instanceof org.apache.kafka.common.errors.TransactionalIdAuthorizationException
                && grant.type() == ResourceType.TRANSACTIONAL_ID)
                || (denied instanceof org.apache.kafka.common.errors.ClusterAuthorizationException && grant.type() == ResourceType.CLUSTER)) {
                names = List.of(grant.name());
            }
            for (String name : names) {
                boolean covers = grant.pattern() == PatternType.PREFIXED ? name.startsWith(grant.name()) : name.equals(grant.name());
                if (covers) {
                    needs.add(grant.operationNames() + " on " + resourceTypeName(grant.type()) + " " + name);
                }
            }
        }
        return needs.isEmpty() ? null : component.cliName() + " needs " + String.join(" and ", needs)
            + " ('wirestream acls --component " + component.cliName() + "' prints every ACL it needs)";
    }

    /** For tests and docs: the grants of several components, keyed by component. */
    public static Map<Component, List<Grant>> all(Settings s) {
        Map<Component, List<Grant>> out = new LinkedHashMap<>();
        for (Component c : Component.values()) {
            out.put(c, grants(c, s));
        }
        return out;
    }
}

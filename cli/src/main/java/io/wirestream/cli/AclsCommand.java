package io.wirestream.cli;

import io.wirestream.schemas.topic.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirestream acls}: the least ACLs a component needs, as kafka-acls lines or applied with the Admin API. */
@Command(name = "acls", mixinStandardHelpOptions = true,
    description = {
        "Print (or apply) the least ACLs a pipeline component needs.",
        "",
        "For a cluster with an authorizer and allow.everyone.if.no.acl.found=false: prints one kafka-acls.sh line per "
            + "resource that --principal needs to run --component, with the topic names, group ids and transactional id "
            + "prefixes the pipeline uses. With --apply they are created through the Admin API instead, as the principal "
            + "of --command-config (which needs Alter on the cluster).",
        "",
        "Components: ingest, enrich, sink (both connectors), sink-postgres, sink-jsonl, lag, tail, verify, desk, topics."
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream acls --principal User:enrich --component enrich",
        "  wirestream acls --principal User:ingest --component ingest --apply \\",
        "      --bootstrap-server kafka:9093 --command-config admin.properties",
        "  wirestream acls --principal User:ops --component lag,tail"
    })
public final class AclsCommand implements Callable<Integer> {

    @Mixin ClusterOptions cluster;

    @Option(names = "--principal", required = true, paramLabel = "PRINCIPAL", description = "Who gets the ACLs, e.g. User:enrich.")
    String principal;

    @Option(names = "--component", required = true, split = ",", paramLabel = "NAME",
        description = "ingest, enrich, sink, sink-postgres, sink-jsonl, lag, tail, verify, desk or topics (comma-separated for several).")
    List<String> components = new ArrayList<>();

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, paramLabel = "PREFIX",
        description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--application-id", defaultValue = io.wirestream.enrich.app.EnrichConfig.APPLICATION_ID_DEFAULT, paramLabel = "ID",
        description = "enrich's Kafka Streams application id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--sink-topics", split = ",", paramLabel = "TOPIC", description = "Topics the sink reads (default: PREFIXenriched).")
    List<String> sinkTopics;

    @Option(names = "--no-create", description = "Topics are created up front (wirestream topics --create): no Create on "
        + "pipeline topics for enrich (run it with topic.create=false) nor the sink.")
    boolean noCreate;

    @Option(names = "--apply", description = "Create the ACLs on the cluster (Admin API) instead of printing kafka-acls lines.")
    boolean apply;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!principal.contains(":")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--principal takes TYPE:NAME, e.g. User:enrich, not '" + principal + "'");
        }
        Topics topics = new Topics(topicPrefix);
        PipelineAcls.Settings defaults = PipelineAcls.Settings.defaults();
        PipelineAcls.Settings settings = new PipelineAcls.Settings(topics, applicationId,
            sinkTopics == null || sinkTopics.isEmpty() ? List.of(topics.enriched()) : List.copyOf(sinkTopics),
            defaults.connectors(), !noCreate);
        List<PipelineAcls.Component> chosen = new ArrayList<>();
        for (String name : components) {
            try {
                chosen.add(PipelineAcls.Component.of(name));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        List<AclBinding> bindings = new ArrayList<>();
        for (PipelineAcls.Component component : chosen) {
            List<PipelineAcls.Grant> grants = PipelineAcls.grants(component, settings);
            if (apply) {
                bindings.addAll(PipelineAcls.bindings(principal, grants));
                continue;
            }
            out.println("# " + component.description() + " as " + principal);
            String adminConfig = cluster.commandConfig == null ? "admin.properties" : cluster.commandConfig.toString();
            PipelineAcls.kafkaAclsLines(principal, grants, cluster.bootstrapServer, adminConfig).forEach(out::println);
        }
        if (apply) {
            cluster.requireReachable();
            try (Admin admin = Admin.create(cluster.adminProperties("acls admin"))) {
                admin.createAcls(bindings).all().get(cluster.connectTimeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("cannot create ACLs for " + principal + ": " + FailureHandler.describe(e.getCause()), e.getCause());
            }
            out.println("created " + bindings.size() + " ACL(s) for " + principal + " on " + cluster.bootstrapServer);
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }
}

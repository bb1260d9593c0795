package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclsCommandTest {

    private static final String ADD = "kafka-acls.sh --bootstrap-server 127.0.0.1:9092 --command-config admin.properties --add ";

    @Test
    void enrichGetsItsTopicsGroupTransactionalIdsAndInternalTopics() {
        CliRun run = CliRun.run("acls", "--principal", "User:enrich", "--component", "enrich");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> !l.startsWith("#")).toList()).containsExactly(
            ADD + "--allow-principal User:enrich --operation Read --topic news.raw",
            ADD + "--allow-principal User:enrich --operation Write --topic news.enriched",
            ADD + "--allow-principal User:enrich --operation Write --topic news.dlq",
            ADD + "--allow-principal User:enrich --operation Write --topic news.topic. --resource-pattern-type prefixed",
            ADD + "--allow-principal User:enrich --operation Create --operation Read --operation Write --operation Delete "
                + "--operation DescribeConfigs --topic wirestream-enrich- --resource-pattern-type prefixed",
            ADD + "--allow-principal User:enrich --operation Read --group wirestream-enrich",
            ADD + "--allow-principal User:enrich --operation Write --transactional-id wirestream-enrich- "
                + "--resource-pattern-type prefixed",
            ADD + "--allow-principal User:enrich --operation Create --topic news. --resource-pattern-type prefixed");
    }

    @Test
    void topicsCreatedUpFrontDropTheCreateAcls() {
        CliRun run = CliRun.run("acls", "--principal", "User:sink", "--component", "sink,enrich", "--no-create",
            "--bootstrap-server", "kafka:9093", "--command-config", "/etc/wirestream/admin.properties");
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).allMatch(l -> l.startsWith("kafka-acls.sh --bootstrap-server kafka:9093 --command-config /etc/wirestream/admin.properties"));
        assertThat(lines).noneMatch(l -> l.contains("--operation Create") && l.contains("--topic news."));
        assertThat(lines).contains(
            "kafka-acls.sh --bootstrap-server kafka:9093 --command-config /etc/wirestream/admin.properties --add --allow-principal User:sink "
                + "--operation Read --group connect-wirestream-postgres",
            "kafka-acls.sh --bootstrap-server kafka:9093 --command-config /etc/wirestream/admin.properties --add --allow-principal User:sink "
                + "--operation Read --group connect-wirestream-jsonl");
    }

    @Test
    void namesFollowTheTopicPrefixAndApplicationId() {
        CliRun run = CliRun.run("acls", "--principal", "User:e2", "--component", "enrich", "--topic-prefix", "staging.news.",
            "--application-id", "enrich-staging");
        assertThat(run.out()).contains("--topic staging.news.raw\n", "--group enrich-staging\n",
            "--transactional-id enrich-staging- --resource-pattern-type prefixed").doesNotContain(" news.raw");
    }

    @Test
    void anUnknownComponentIsAUsageError() {
        CliRun run = CliRun.run("acls", "--principal", "User:x", "--component", "dashboard");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.firstErrLine()).contains("unknown component 'dashboard'").contains("ingest, enrich");
    }

    @Test
    void readmeAclTableIsTheOneTheCodeDerives() throws IOException {
        Path readme = Path.of("..", "README.md");
        String table = PipelineAcls.markdownTable(PipelineAcls.Settings.defaults());
        assertThat(Files.readString(readme)).as("README.md's ACL table; regenerate with PipelineAcls.markdownTable").contains(table);
    }

    @Test
    void aRefusalForLackOfAnAclIsExplainedAsThePermissionTheComponentNeeds() {
        assertThat(PipelineAcls.explain("verify", new org.apache.kafka.common.errors.TopicAuthorizationException(java.util.Set.of("news.dlq"))))
            .isEqualTo("verify needs Read on topic news.dlq ('wirestream acls --component verify' prints every ACL it needs)");
        assertThat(PipelineAcls.explain("tail", new org.apache.kafka.common.errors.TopicAuthorizationException(java.util.Set.of("news.raw"))))
            .startsWith("tail needs Read on topic news.raw");
        assertThat(PipelineAcls.explain("enrich", new org.apache.kafka.common.errors.GroupAuthorizationException("denied", "wirestream-enrich")))
            .startsWith("enrich needs Read on group wirestream-enrich");
        assertThat(PipelineAcls.explain("ingest", new org.apache.kafka.common.errors.TopicAuthorizationException(java.util.Set.of("other"))))
            .as("a topic the component should not touch").isNull();
        assertThat(PipelineAcls.explain("annotate", new org.apache.kafka.common.errors.TopicAuthorizationException(java.util.Set.of("news.raw"))))
            .as("no component").isNull();
    }
}

package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientPropertiesTest {

    private static final String SECRET = "Sup3r-S3cret-pw";
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ingest\" password=\""
        + SECRET + "\";";

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("client-" + System.nanoTime() + ".properties");
        Files.write(f, java.util.List.of(lines));
        return f;
    }

    @Test
    void everyClientGetsTheFilesSecuritySettings() throws IOException {
        ClientProperties props = ClientProperties.load(file("security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config=" + JAAS.replace("\"", "\\\""), "ssl.truststore.location=/etc/kafka/trust.p12"));
        for (ClientProperties.Role role : ClientProperties.Role.values()) {
            assertThat(props.forClient(role, "test")).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", "/etc/kafka/trust.p12");
        }
    }

    @Test
    void pipelineCriticalKeysWinOverTheFileWithAWarnNamingTheKey() throws IOException {
        ClientProperties props = ClientProperties.load(file("security.protocol=SASL_PLAINTEXT", "acks=1",
            "enable.idempotence=false", "isolation.level=read_uncommitted", "processing.guarantee=at_least_once",
            "bootstrap.servers=elsewhere:9092", "linger.ms=50"));
        try (CapturedLogs logs = CapturedLogs.start(false)) {
            assertThat(props.forClient(ClientProperties.Role.PRODUCER, "ingest producer"))
                .doesNotContainKeys("acks", "enable.idempotence", "bootstrap.servers")
                .containsEntry("linger.ms", "50").containsEntry("isolation.level", "read_uncommitted");
            assertThat(props.forClient(ClientProperties.Role.CONSUMER, "tail consumer")).doesNotContainKey("isolation.level");
            assertThat(props.forClient(ClientProperties.Role.STREAMS, "enrich Streams app"))
                .doesNotContainKeys("processing.guarantee", "isolation.level", "acks", "enable.idempotence");
            props.forClient(ClientProperties.Role.PRODUCER, "ingest producer");
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("WARN"))
                .anyMatch(l -> l.contains(" acks, which the ingest producer keeps"))
                .anyMatch(l -> l.contains(" enable.idempotence, which the ingest producer keeps"))
                .anyMatch(l -> l.contains(" isolation.level, which the tail consumer keeps"))
                .anyMatch(l -> l.contains(" processing.guarantee, which the enrich Streams app keeps"))
                .anyMatch(l -> l.contains("bootstrap.servers; the ingest producer uses --bootstrap-server"));
            assertThat(logs.lines()).filteredOn(l -> l.contains(" acks, which the ingest producer")).hasSize(1);
        }
    }

    @Test
    void connectWorkerGetsTheClientKeysAtTopLevelAndForItsProducerConsumerAdminAndConverters() throws IOException {
        ClientProperties props = ClientProperties.load(file("security.protocol=SASL_SSL", "sasl.jaas.config=" + JAAS.replace("\"", "\\\""),
            "isolation.level=read_uncommitted", "basic.auth.credentials.source=USER_INFO", "basic.auth.user.info=sink:" + SECRET,
            "schema.registry.ssl.truststore.location=/etc/registry/trust.p12"));
        Map<String, String> worker = props.addToConnectWorker(Map.of("bootstrap.servers", "k:9092",
            "value.converter", "io.wirestream.sink.converter.AvroConverter"), "sink Connect worker");
        assertThat(worker).containsEntry("bootstrap.servers", "k:9092")
            .containsEntry("security.protocol", "SASL_SSL").containsEntry("producer.security.protocol", "SASL_SSL")
            .containsEntry("consumer.security.protocol", "SASL_SSL").containsEntry("admin.security.protocol", "SASL_SSL")
            .containsEntry("consumer.sasl.jaas.config", JAAS)
            .containsEntry("value.converter.basic.auth.user.info", "sink:" + SECRET)
            .containsEntry("value.converter.schema.registry.ssl.truststore.location", "/etc/registry/trust.p12")
            .doesNotContainKeys("consumer.isolation.level", "isolation.level", "basic.auth.user.info", "producer.basic.auth.user.info");
    }

    @Test
    void secretsComeFromFilesAndTheEnvironmentThroughConfigProviders() throws IOException {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "ingest.password=" + SECRET + "\n");
        String path = System.getenv().keySet().stream().filter(k -> k.equals("PATH") || k.equals("HOME")).findFirst().orElseThrow();
        ClientProperties props = ClientProperties.load(file(
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\\\"ingest\\\" password=\\\"${file:"
                + secrets + ":ingest.password}\\\";",
            "basic.auth.user.info=ingest:${env:" + path + "}"));
        assertThat(props.all()).doesNotContainKey("config.providers")
            .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"ingest\" password=\""
                + SECRET + "\";")
            .containsEntry("basic.auth.user.info", "ingest:" + System.getenv(path));
    }

    @Test
    void anUnresolvedVariableStopsTheCommandNamingTheKeyAndVariable() throws IOException {
        Path f = file("sasl.jaas.config=x password=\"${env:WIRESTREAM_TEST_UNSET_VARIABLE_42}\";");
        assertThatThrownBy(() -> ClientProperties.load(f)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("sasl.jaas.config").hasMessageContaining("${env:WIRESTREAM_TEST_UNSET_VARIABLE_42}");
    }

    @Test
    void logsAndToStringHideSecrets() throws IOException {
        Path f = file("security.protocol=SASL_SSL", "sasl.jaas.config=" + JAAS.replace("\"", "\\\""),
            "ssl.truststore.password=" + SECRET, "ssl.keystore.password=" + SECRET, "ssl.key.password=" + SECRET,
            "basic.auth.user.info=u:" + SECRET, "bearer.auth.token=" + SECRET, "schema.registry.ssl.truststore.password=" + SECRET,
            "my.custom.secret=" + SECRET);
        try (CapturedLogs logs = CapturedLogs.start(true)) {
            ClientProperties props = ClientProperties.load(f);
            assertThat(props.toString()).contains("security.protocol=SASL_SSL", "sasl.jaas.config=[hidden]",
                "basic.auth.user.info=[hidden]").doesNotContain(SECRET);
            assertThat(logs.text()).contains("security.protocol=SASL_SSL").contains("[hidden]").doesNotContain(SECRET);
        }
    }

    @Test
    void commandConfigIsAnOptionOfEveryClusterCommandAndItsHelpShowsNoSecret() throws IOException {
        Path f = file("sasl.jaas.config=" + JAAS.replace("\"", "\\\""));
        for (String command : new String[] {"ingest", "enrich", "sink", "lag", "tail", "topics"}) {
            CliRun run = CliRun.run(Map.of("WIRESTREAM_COMMAND_CONFIG", f.toString()), command, "--help");
            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("--command-config=FILE").doesNotContain(SECRET);
        }
    }

    @Test
    void anUnreadableFileIsOneLine() {
        CliRun run = CliRun.run("topics", "--command-config", dir.resolve("missing.properties").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.firstErrLine()).contains("--command-config").contains("missing.properties").contains("no such file");
    }
}

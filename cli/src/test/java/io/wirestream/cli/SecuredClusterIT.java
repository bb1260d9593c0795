package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.enrich.app.EnrichApp;
import io.wirestream.enrich.app.EnrichConfig;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real secured broker: an embedded KRaft node with a SASL_PLAINTEXT listener taking SCRAM-SHA-512 (and PLAIN for
 * the test harness's super user), {@code StandardAuthorizer} and {@code allow.everyone.if.no.acl.found=false}. Every
 * component is configured only through a {@code --command-config} file and gets only the ACLs {@code wirestream acls}
 * prints (applied here with {@code --apply}). The schema registry is the embedded one locked with basic auth (as
 * {@code up --registry-auth} locks it). Nothing any component logs or prints holds a password.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterIT {

    /** The test kit's JAAS file makes plain-admin a PLAIN user, and we make it the super user. */
    private static final String ADMIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
        + "username=\"plain-admin\" password=\"plain-admin-secret\";";
    private static final Map<String, String> PASSWORDS = Map.of(
        "ingest", "ingest-pw-" + UUID.randomUUID(),
        "enrich", "enrich-pw-" + UUID.randomUUID(),
        "tail", "tail-pw-" + UUID.randomUUID(),
        "sink", "sink-pw-" + UUID.randomUUID(),
        "ops", "ops-pw-" + UUID.randomUUID(),
        "nogroup", "nogroup-pw-" + UUID.randomUUID(),
        "verify", "verify-pw-" + UUID.randomUUID(),
        "desk", "desk-pw-" + UUID.randomUUID());

    private static KafkaClusterTestKit cluster;
    private static CapturedLogs logs;
    private static final List<String> printed = new ArrayList<>();
    private static Path dir;
    private static Path adminConfig;
    /** The schema registry answers 401 unless the request carries these basic-auth credentials. */
    private static final String REGISTRY_USER_INFO = "wirestream:registry-pw-" + UUID.randomUUID();
    private static String REGISTRY;
    private static io.wirestream.local.kafka.EmbeddedKafkaCluster registryStore;
    private static io.wirestream.local.registry.EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startSecuredCluster(@TempDir Path tmp) throws Exception {
        dir = tmp;
        logs = CapturedLogs.start(ch.qos.logback.classic.Level.INFO);
        // the registry keeps its schemas on a plain cluster of its own and lets in only its one basic-auth user
        registryStore = io.wirestream.local.kafka.EmbeddedKafkaCluster.start(1);
        int colon = REGISTRY_USER_INFO.indexOf(':');
        registry = io.wirestream.local.registry.EmbeddedSchemaRegistry.start(registryStore.bootstrapServers(), 0,
            new io.wirestream.http.HttpServerConfig.BasicAuth(REGISTRY_USER_INFO.substring(0, colon), REGISTRY_USER_INFO.substring(colon + 1)));
        REGISTRY = registry.url();
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
            .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
            .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        Map<String, String> config = new HashMap<>();
        config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
        config.put("listener.name.external.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:plain-admin");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "3");
        config.put("min.insync.replicas", "1");
        config.put("default.replication.factor", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.forEach(builder::setConfigProp);
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();

        adminConfig = write("admin.properties", "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=" + ADMIN_JAAS
            + "\nbasic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=" + REGISTRY_USER_INFO + "\n");
        try (Admin admin = Admin.create(adminProps())) {
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            PASSWORDS.forEach((user, password) -> users.add(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)));
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, TimeUnit.SECONDS);
        }
        // every user's credentials reach the broker's metadata before any test logs in
        for (String user : PASSWORDS.keySet()) {
            Path file = clientConfig(user, PASSWORDS.get(user));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (Admin admin = Admin.create(new HashMap<>(ClientProperties.load(file).all()) {{
                        put("bootstrap.servers", cluster.bootstrapServers());
                    }})) {
                    admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                }
            });
        }
        CliRun created = cli("topics", "--create", "--command-config", adminConfig.toString());
        assertThat(created.code()).as(created.err()).isZero();
    }

    @AfterAll
    static void stopAndCheckNoSecretLeaked() throws Exception {
        try {
            String everything = logs.text() + "\n" + String.join("\n", printed);
            assertThat(everything).as("what the components logged and printed").isNotBlank();
            for (String password : PASSWORDS.values()) {
                assertThat(everything).as("no component logs or prints a password").doesNotContain(password);
            }
            assertThat(everything).as("no component logs or prints the registry password")
                .doesNotContain(REGISTRY_USER_INFO.substring(REGISTRY_USER_INFO.indexOf(':') + 1));
        } finally {
            logs.close();
            if (cluster != null) {
                cluster.close();
            }
            if (registry != null) {
                registry.close();
            }
            if (registryStore != null) {
                registryStore.close();
            }
        }
    }

    private static Map<String, Object> adminProps() {
        Map<String, Object> props = new HashMap<>(ClientProperties.load(adminConfig).all());
        props.put("bootstrap.servers", cluster.bootstrapServers());
        return props;
    }

    private static Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** A --command-config file for a SCRAM user; the password is read from a secrets file through ${file:...}. */
    private static Path clientConfig(String user, String password) throws IOException {
        Path secrets = write(user + "-secrets.properties", "password=" + password + "\nregistry=" + REGISTRY_USER_INFO + "\n");
        return write(user + ".properties", "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
            + "\" password=\"${file:" + secrets + ":password}\";\n"
            + "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=${file:" + secrets + ":registry}\n");
    }

    private static CliRun cli(String... args) {
        return cli(Map.of(), args);
    }

    private static CliRun cli(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", cluster.bootstrapServers(), "--schema-registry", REGISTRY));
        CliRun run = CliRun.run(env, all.toArray(String[]::new));
        printed.add(run.out());
        printed.add(run.err());
        return run;
    }

    private static void applyAcls(String principal, String... componentArgs) {
        List<String> args = new ArrayList<>(List.of("acls", "--principal", principal, "--apply", "--command-config", adminConfig.toString()));
        args.addAll(List.of(componentArgs));
        CliRun run = cli(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        int expected = Integer.parseInt(run.out().replaceAll("(?s).*created (\\d+) ACL.*", "$1"));
        // the broker's authorizer has them once describeAcls (answered by the broker) shows them
        await().atMost(Duration.ofSeconds(30)).until(() -> aclsOf(principal).size() >= expected);
    }

    private static List<AclBinding> aclsOf(String principal) throws Exception {
        try (Admin admin = Admin.create(adminProps())) {
            return new ArrayList<>(admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY))).values().get(30, TimeUnit.SECONDS));
        }
    }

    private static Path seed() {
        return Path.of("..", "seeds", "000_22ebd5df95e2d1f5.txt");
    }

    @Test
    @Order(1)
    void ingestAndTailWorkThroughCommandConfigFilesWithThePrintedAcls() throws Exception {
        applyAcls("User:ingest", "--component", "ingest");
        applyAcls("User:tail", "--component", "tail");

        CliRun ingest = cli("ingest", seed().toString(), "--command-config", clientConfig("ingest", PASSWORDS.get("ingest")).toString());
        assertThat(ingest.code()).as(ingest.err()).isZero();
        assertThat(ingest.err()).contains("1 accepted");

        CliRun tail = cli("tail", "news.raw", "--max", "1", "--idle-timeout", "60s",
            "--command-config", clientConfig("tail", PASSWORDS.get("tail")).toString());
        assertThat(tail.code()).as(tail.err()).isZero();
        assertThat(tail.out()).contains("Russia expressed concerns about Japan");
    }

    @Test
    @Order(2)
    void tailNeedsNoGroupAclOnlyReadOnTheTopics() throws Exception {
        // exactly what 'acls --component tail' grants: Read on the topics, no group (tail reads by assignment)
        try (Admin admin = Admin.create(adminProps())) {
            List<AclBinding> bindings = PipelineAcls.bindings("User:nogroup",
                PipelineAcls.grants(PipelineAcls.Component.TAIL, PipelineAcls.Settings.defaults()));
            assertThat(bindings).noneMatch(b -> b.pattern().resourceType() == ResourceType.GROUP);
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !aclsOf("User:nogroup").isEmpty());

        CliRun tail = cli("tail", "news.raw", "--max", "1", "--idle-timeout", "60s",
            "--command-config", clientConfig("nogroup", PASSWORDS.get("nogroup")).toString());
        assertThat(tail.code()).as(tail.err()).isEqualTo(0);
        assertThat(tail.err()).doesNotContain("Not authorized");
    }

    @Test
    @Order(3)
    void ingestWithItsWriteAclRemovedFailsNamingTheTopic() throws Exception {
        try (Admin admin = Admin.create(adminProps())) {
            admin.deleteAcls(List.of(new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, "news.raw", PatternType.LITERAL),
                new AccessControlEntryFilter("User:ingest", null, AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> aclsOf("User:ingest").isEmpty());

        long started = System.nanoTime();
        CliRun ingest = cli("ingest", seed().toString(), "--command-config", clientConfig("ingest", PASSWORDS.get("ingest")).toString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails, not waits out the ack timeout").isLessThan(Duration.ofSeconds(60));
        assertThat(ingest.code()).isEqualTo(1);
        assertThat(ingest.err()).contains("Not authorized to access topics: [news.raw]").contains("0 accepted, 1 rejected");
        assertThat(ingest.err()).doesNotContain("\tat ");
    }

    @Test
    @Order(4)
    void wrongCredentialsFailFastInOneLine() throws Exception {
        long started = System.nanoTime();
        CliRun topics = cli("topics", "--command-config", clientConfig("tail", "not-the-password").toString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(topics.code()).isEqualTo(1);
        assertThat(topics.firstErrLine()).startsWith("wirestream topics: cannot reach the Kafka cluster at ")
            .contains("Authentication failed").contains("SCRAM-SHA-512");
        assertThat(topics.err()).doesNotContain("\tat ").doesNotContain("not-the-password");
    }

    @Test
    @Order(5)
    void enrichRunsExactlyOnceUnderItsPrintedAcls() throws Exception {
        applyAcls("User:enrich", "--component", "enrich");
        applyAcls("User:ingest", "--component", "ingest");
        CliRun ingest = cli("ingest", seed().toString(), "--command-config", clientConfig("ingest", PASSWORDS.get("ingest")).toString());
        assertThat(ingest.code()).as(ingest.err()).isZero();

        // what EnrichCommand builds from --command-config
        ClientProperties client = ClientProperties.load(clientConfig("enrich", PASSWORDS.get("enrich")));
        Map<String, Object> props = new HashMap<>();
        client.forClient(ClientProperties.Role.STREAMS, "enrich Streams app").forEach((k, v) -> props.put(EnrichConfig.STREAMS_PREFIX + k, v));
        props.put(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, REGISTRY);
        props.put(EnrichConfig.STATE_DIR_CONFIG, dir.resolve("enrich-state").toString());
        props.put(EnrichConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        try (EnrichApp app = new EnrichApp(new EnrichConfig(props))) {
            app.start();
            // read as tail (Read on news.*), read_committed: only committed transactions are seen
            Map<String, Object> consumerProps = new HashMap<>(ClientProperties.load(clientConfig("tail", PASSWORDS.get("tail")))
                .forClient(ClientProperties.Role.CONSUMER, "test"));
            consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                AvroSerdes.specific(EnrichedArticle.class, Map.of("schema.registry.url", REGISTRY, "basic.auth.credentials.source",
                    "USER_INFO", "basic.auth.user.info", REGISTRY_USER_INFO), false).deserializer())) {
                consumer.assign(List.of(new org.apache.kafka.common.TopicPartition("news.topic.missile-defense", 0),
                    new org.apache.kafka.common.TopicPartition("news.topic.missile-defense", 1),
                    new org.apache.kafka.common.TopicPartition("news.topic.missile-defense", 2)));
                consumer.seekToBeginning(consumer.assignment());
                List<ConsumerRecord<String, EnrichedArticle>> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    assertThat(app.state()).isNotEqualTo(org.apache.kafka.streams.KafkaStreams.State.ERROR);
                    consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                    assertThat(seen).isNotEmpty();
                });
                assertThat(seen.get(0).value().getArticle().getBody()).contains("Russia expressed concerns");
            }
        }
        // a replacement instance on an empty state dir restores the dedupe store from its changelog under the same ACLs
        props.put(EnrichConfig.STATE_DIR_CONFIG, dir.resolve("enrich-state-2").toString());
        try (EnrichApp replacement = new EnrichApp(new EnrichConfig(props))) {
            replacement.start();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(replacement.state()).isNotIn(org.apache.kafka.streams.KafkaStreams.State.ERROR,
                    org.apache.kafka.streams.KafkaStreams.State.PENDING_ERROR);
                double restored = replacement.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("records-consumed-total")
                        && e.getKey().tags().getOrDefault("client-id", "").endsWith("restore-consumer"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
                assertThat(restored).as("changelog records the restore consumer read").isPositive();
                assertThat(replacement.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
            });
        }
    }

    @Test
    @Order(6)
    void bothSinksRunUnderTheirPrintedAcls() throws Exception {
        applyAcls("User:sink", "--component", "sink");
        String schema = "secured_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String jdbc = System.getProperty("wirestream.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String pgUser = System.getProperty("wirestream.test.postgres.user", "postgres");
        Path out = Files.createDirectories(dir.resolve("jsonl"));
        // what SinkCommand builds from --command-config
        Map<String, String> worker = ClientProperties.load(clientConfig("sink", PASSWORDS.get("sink"))).addToConnectWorker(
            io.wirestream.sink.runtime.EmbeddedConnect.workerConfig(cluster.bootstrapServers(), Files.createDirectories(dir.resolve("connect")),
                REGISTRY), "sink Connect worker");
        try (io.wirestream.sink.runtime.EmbeddedConnect connect = io.wirestream.sink.runtime.EmbeddedConnect.start(worker)) {
            connect.addConnector(PipelineAcls.Settings.JSONL_CONNECTOR,
                io.wirestream.sink.runtime.ConnectorConfigs.jsonLines("news.enriched", "news.dlq", (short) 1, out));
            connect.addConnector(PipelineAcls.Settings.POSTGRES_CONNECTOR,
                io.wirestream.sink.runtime.ConnectorConfigs.postgres("news.enriched", "news.dlq", (short) 1, jdbc, pgUser, null, schema));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (String connector : List.of(PipelineAcls.Settings.JSONL_CONNECTOR, PipelineAcls.Settings.POSTGRES_CONNECTOR)) {
                    assertThat(connect.status(connector).tasks()).isNotEmpty()
                        .allSatisfy(t -> assertThat(t.state()).as(connector + ": " + t.trace()).isEqualTo("RUNNING"));
                }
                try (java.sql.Connection db = java.sql.DriverManager.getConnection(jdbc, pgUser, "");
                     java.sql.ResultSet rows = db.createStatement().executeQuery("SELECT count(*) FROM " + schema + ".articles")) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("stories in PostgreSQL").isPositive();
                } catch (java.sql.SQLException notYet) {
                    throw new AssertionError("PostgreSQL table not there yet: " + notYet.getMessage());
                }
                String written;
                try (var files = Files.walk(out)) {
                    written = files.filter(Files::isRegularFile).map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            return "";
                        }
                    }).reduce("", String::concat);
                }
                assertThat(written).contains("Russia expressed concerns");
            });
        } finally {
            try (java.sql.Connection db = java.sql.DriverManager.getConnection(jdbc, pgUser, "")) {
                db.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    @Order(7)
    void lagAndTopicsSeeThePipelineUnderTheirPrintedAcls() throws Exception {
        Path ops = clientConfig("ops", PASSWORDS.get("ops"));
        CliRun before = cli("topics", "--command-config", ops.toString());
        assertThat(before.code()).as(before.err()).isZero();
        assertThat(before.out()).as("without ACLs the principal sees no topic").doesNotContain("news.raw");

        applyAcls("User:ops", "--component", "lag,topics", "--no-create");
        CliRun topics = cli("topics", "--command-config", ops.toString());
        assertThat(topics.code()).as(topics.err()).isZero();
        assertThat(topics.out()).contains("news.raw", "news.enriched", "news.dlq", "news.topic.missile-defense");

        // the file named in the environment, as a container would
        CliRun lag = cli(Map.of("WIRESTREAM_COMMAND_CONFIG", ops.toString()), "lag", "--window", "0", "--json");
        assertThat(lag.code()).as(lag.err()).isIn(0, 3);
        assertThat(lag.out()).contains("\"wirestream-enrich\"", "\"connect-wirestream-jsonl\"", "\"connect-wirestream-postgres\"");
        assertThat(lag.err()).doesNotContain("uthoriz");
    }

    @Test
    @Order(8)
    void theRegistryRefusesAClientWithoutCredentialsAndServesOneWithThem() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI subjects = java.net.URI.create(REGISTRY + "/subjects");
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(subjects).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
            .statusCode()).isEqualTo(401);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(REGISTRY_USER_INFO.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(subjects).header("Authorization", basic).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("news.raw-value");

        // Kafka credentials right, registry credentials missing: tail shows the bytes, with one line saying which keys to set
        Path noRegistry = write("tail-no-registry.properties", Files.readString(clientConfig("tail", PASSWORDS.get("tail")))
            .replaceAll("(?m)^basic\\.auth\\..*$", ""));
        CliRun tail = cli("tail", "news.raw", "--max", "1", "--idle-timeout", "60s", "--command-config", noRegistry.toString());
        assertThat(tail.err()).contains("the registry wants credentials: basic.auth.credentials.source=USER_INFO")
            .doesNotContain("\tat ");
    }

    @Test
    @Order(9)
    void verifyReconcilesUnderItsPrintedAcls() throws Exception {
        applyAcls("User:verify", "--component", "verify");
        CliRun verify = cli("verify", "--timeout", "60s", "--command-config", clientConfig("verify", PASSWORDS.get("verify")).toString());
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("news.enriched");
        assertThat(verify.err()).doesNotContain("uthoriz");
    }

    @Test
    @Order(10)
    void theDeskListsTopicsAndServesStoriesUnderItsPrintedAcls() throws Exception {
        applyAcls("User:desk", "--component", "desk");
        // what DeskCommand builds from --command-config
        ClientProperties client = ClientProperties.load(clientConfig("desk", PASSWORDS.get("desk")));
        try (io.wirestream.desk.DeskServer desk = io.wirestream.desk.DeskServer.start(DeskCommand.config(
                client.forClient(ClientProperties.Role.CONSUMER, "desk"), cluster.bootstrapServers(), REGISTRY,
                io.wirestream.schemas.topic.Topics.defaults(), "127.0.0.1", 0))) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String topics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(desk.url() + "v1/topics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(topics).contains("news.enriched", "missile-defense").doesNotContain("news.raw");
            java.net.URI search = java.net.URI.create(desk.url() + "v1/search?q=Russia");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.send(java.net.http.HttpRequest.newBuilder(search).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).as("a story the desk decoded through the registry")
                .contains("Russia expressed concerns"));
        }
    }

    @Test
    @Order(11)
    void eachCommandWithOneAclTakenAwayFailsInOneLineNamingThePermission() throws Exception {
        // verify without Read on news.dlq
        revoke("User:verify", ResourceType.TOPIC, "news.dlq", PatternType.LITERAL, AclOperation.READ);
        CliRun verify = cli("verify", "--timeout", "60s", "--command-config", clientConfig("verify", PASSWORDS.get("verify")).toString());
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.firstErrLine()).contains("news.dlq").contains("verify needs Read on topic news.dlq");
        assertThat(verify.err()).doesNotContain("\tat ");

        // tail without Read on news.*
        revoke("User:tail", ResourceType.TOPIC, "news.", PatternType.PREFIXED, AclOperation.READ);
        long started = System.nanoTime();
        CliRun tail = cli("tail", "news.enriched", "--max", "1", "--idle-timeout", "60s",
            "--command-config", clientConfig("tail", PASSWORDS.get("tail")).toString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails, not waits out the idle timeout").isLessThan(Duration.ofSeconds(60));
        assertThat(tail.code()).isEqualTo(1);
        assertThat(tail.firstErrLine()).contains("tail needs Read on topic news.enriched");
        assertThat(tail.err()).doesNotContain("\tat ");
    }

    @Test
    @Order(12)
    void enrichWithoutItsTransactionalIdAclStopsInOneLineNamingThePermission() throws Exception {
        revoke("User:enrich", ResourceType.TRANSACTIONAL_ID, "wirestream-enrich-", PatternType.PREFIXED, AclOperation.WRITE);
        long started = System.nanoTime();
        CliRun enrich = cli("enrich", "--state-dir", dir.resolve("enrich-state-3").toString(),
            "--command-config", clientConfig("enrich", PASSWORDS.get("enrich")).toString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stops, not retries forever").isLessThan(Duration.ofSeconds(120));
        assertThat(enrich.code()).isEqualTo(1);
        assertThat(enrich.err()).contains("wirestream enrich: the cluster refused the Streams app")
            .contains("enrich needs Write on transactional id wirestream-enrich-").doesNotContain("\tat ");
    }

    private static void revoke(String principal, ResourceType type, String name, PatternType pattern, AclOperation op) throws Exception {
        int before = aclsOf(principal).size();
        try (Admin admin = Admin.create(adminProps())) {
            admin.deleteAcls(List.of(new AclBindingFilter(new ResourcePatternFilter(type, name, pattern),
                new AccessControlEntryFilter(principal, null, op, AclPermissionType.ALLOW)))).all().get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> aclsOf(principal).size() < before);
    }
}

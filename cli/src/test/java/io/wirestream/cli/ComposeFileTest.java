package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Pins the shape of docker-compose.yml: every service of the design, wired to the right addresses. */
class ComposeFileTest {

    static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    static final String BOOTSTRAP = "kafka-1:9092,kafka-2:9092,kafka-3:9092";

    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(COMPOSE));
        Map<String, Object> root = (Map<String, Object>) resolveMerges(doc);
        services = (Map<String, Map<String, Object>>) (Map<?, ?>) root.get("services");
    }

    @Test
    void validatesWithDockerComposeWhereTheCommandExists() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "docker is not installed: " + e.getMessage());
            return;
        }
        boolean hasCompose = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        assumeTrue(hasCompose, "`docker compose` is not available on this machine; YAML checks below still run");
        Process config = new ProcessBuilder("docker", "compose", "-f", COMPOSE.toString(), "config", "--quiet")
            .redirectErrorStream(true).start();
        String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(output).isZero();
    }

    @Test
    void runsThreeKraftBrokersWithReplicationThreeAndMinIsrTwo() {
        for (int id = 1; id <= 3; id++) {
            Map<String, Object> broker = services.get("kafka-" + id);
            assertThat(broker).as("kafka-" + id).isNotNull();
            assertThat((String) broker.get("image")).startsWith("apache/kafka:");
            Map<String, Object> env = env(broker);
            assertThat(env).containsEntry("KAFKA_NODE_ID", id)
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka-" + id + ":9092")
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3)
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2);
            assertThat(broker).containsKey("healthcheck");
        }
    }

    @Test
    void runsConfluentSchemaRegistryOnTheBrokers() {
        Map<String, Object> registry = services.get("schema-registry");
        assertThat((String) registry.get("image")).startsWith("confluentinc/cp-schema-registry:");
        assertThat((String) env(registry).get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
            .contains("kafka-1:9092", "kafka-2:9092", "kafka-3:9092");
        assertThat(registry).containsKey("healthcheck");
    }

    @Test
    void pointsEveryWirestreamServiceAtTheBrokersAndTheRegistry() {
        for (String name : List.of("connect", "enrich-1", "enrich-2", "ingest", "ops", "desk")) {
            Map<String, Object> service = services.get(name);
            assertThat(service).as(name).isNotNull();
            assertThat(service.get("image")).as(name).isEqualTo("wirestream:latest");
            assertThat(env(service)).as(name)
                .containsEntry("WIRESTREAM_BOOTSTRAP_SERVER", BOOTSTRAP)
                .containsEntry("WIRESTREAM_SCHEMA_REGISTRY", "http://schema-registry:8081");
            assertThat(dependsOnConditions(service)).as(name)
                .containsEntry("kafka-1", "service_healthy")
                .containsEntry("schema-registry", "service_healthy");
        }
    }

    @Test
    void sharesOneApplicationIdBetweenTheTwoEnrichInstances() {
        assertThat(env(services.get("enrich-1")).get("WIRESTREAM_APPLICATION_ID"))
            .isNotNull()
            .isEqualTo(env(services.get("enrich-2")).get("WIRESTREAM_APPLICATION_ID"));
    }

    @Test
    void givesConnectThePostgresDatabaseAndTheSinkPlugin() throws IOException {
        assertThat(dependsOnConditions(services.get("connect"))).containsEntry("postgres", "service_healthy");
        assertThat((String) services.get("postgres").get("image")).startsWith("postgres:");
        assertThat(services.get("postgres")).containsKey("healthcheck");
        String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
        assertThat(dockerfile).contains("plugins/wirestream-sink");
        assertThat(Files.readString(Path.of("..", "docker", "entrypoint.sh")))
            .contains("plugin.path=${home}/plugins", "io.wirestream.sink.converter.AvroConverter");
    }

    @Test
    void mountsTheHotFolderAndPublishesTheDashboard() {
        assertThat(String.valueOf(services.get("ingest").get("volumes"))).contains("./inbox:");
        assertThat(String.valueOf(services.get("ops").get("ports"))).contains("8090:8090");
    }

    @Test
    void publishesTheDeskOnTheHostsLoopbackOnlyAndSearchesThePostgresArchive() {
        Map<String, Object> desk = services.get("desk");
        assertThat(String.valueOf(desk.get("ports"))).contains("127.0.0.1:8095:8095");
        assertThat(String.valueOf(desk.get("command"))).contains("desk", "--postgres-url", "postgres:5432/wirestream")
            .doesNotContain("--postgres-password");
        assertThat(env(desk)).containsKey("WIRESTREAM_POSTGRES_PASSWORD");
        assertThat(dependsOnConditions(desk)).containsEntry("postgres", "service_healthy");
    }

    static final List<String> SECURED = List.of("kafka-s1", "kafka-s2", "kafka-s3", "schema-registry-secured", "scram-init-secured",
        "acls-init-secured", "enrich-secured", "ingest-secured", "sink-secured", "ops-secured");

    @Test
    void theSecuredProfileIsOptionalAndTheDefaultStackStaysAsItWas() {
        services.forEach((name, service) -> assertThat(service.get("profiles")).as(name)
            .isEqualTo(SECURED.contains(name) ? List.of("secured") : null));
    }

    @Test
    void theSecuredBrokersTakeOnlySaslAndAuthorizeByAcl() {
        for (int id = 1; id <= 3; id++) {
            Map<String, Object> env = env(services.get("kafka-s" + id));
            assertThat(env).containsEntry("KAFKA_ADVERTISED_LISTENERS", "SASL_PLAINTEXT://kafka-s" + id + ":9092")
                .containsEntry("KAFKA_LISTENERS", "SASL_PLAINTEXT://:9092,CONTROLLER://:9093")
                .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512,PLAIN")
                .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
            assertThat(services.get("kafka-s" + id)).doesNotContainKey("ports");
        }
        Map<String, Object> registry = env(services.get("schema-registry-secured"));
        assertThat(registry).containsEntry("SCHEMA_REGISTRY_AUTHENTICATION_METHOD", "BASIC")
            .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    }

    @Test
    void everyFileTheSecuredServicesNameIsInTheRepository() throws IOException {
        int checked = 0;
        for (String name : SECURED) {
            Map<String, Object> service = services.get(name);
            Map<String, Path> mounts = bindMounts(service);
            for (String text : strings(service)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("/etc/wirestream/[A-Za-z0-9._-]+").matcher(text);
                while (m.find()) {
                    Path file = Path.of("..").resolve(mounts.get("/etc/wirestream")).resolve(m.group().substring("/etc/wirestream/".length()));
                    assertThat(file).as(name + " names " + m.group()).isRegularFile();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(SECURED.size());
    }

    @Test
    void eachSecuredServiceJoinsAsItsOwnScramUserWithTheRegistrysCredentials() throws IOException {
        Path dir = Path.of("..", "docker", "secured");
        java.util.Properties secrets = properties(dir.resolve("secrets.properties"));
        Map<String, String> userOf = Map.of("enrich-secured", "enrich", "ingest-secured", "ingest", "sink-secured", "sink", "ops-secured", "ops");
        String acls = String.valueOf(services.get("acls-init-secured").get("command"));
        String scram = String.valueOf(services.get("scram-init-secured").get("command"));
        userOf.forEach((name, user) -> {
            Map<String, Object> env = env(services.get(name));
            assertThat(env).as(name).containsEntry("WIRESTREAM_COMMAND_CONFIG", "/etc/wirestream/" + user + ".properties")
                .containsEntry("WIRESTREAM_BOOTSTRAP_SERVER", "kafka-s1:9092,kafka-s2:9092,kafka-s3:9092")
                .containsEntry("WIRESTREAM_SCHEMA_REGISTRY", "http://schema-registry-secured:8081");
            java.util.Properties client = properties(dir.resolve(user + ".properties"));
            assertThat(client.getProperty("security.protocol")).isEqualTo("SASL_PLAINTEXT");
            assertThat(client.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
            assertThat(client.getProperty("sasl.jaas.config")).contains("username=\"" + user + "\"")
                .contains("${file:/etc/wirestream/secrets.properties:" + user + ".password}");
            assertThat(client.getProperty("basic.auth.credentials.source")).isEqualTo("USER_INFO");
            assertThat(client.getProperty("basic.auth.user.info")).isEqualTo("${file:/etc/wirestream/secrets.properties:registry.user.info}");
            assertThat(secrets.getProperty(user + ".password")).as("the secret " + user + " reads").isNotBlank();
            assertThat(scram).as("its SCRAM user is created").contains(user);
            assertThat(acls).as("its ACLs are applied").contains("--principal User:" + user + " --component "
                + (user.equals("ops") ? "lag" : user));
        });
        String registryUser = secrets.getProperty("registry.user.info");
        assertThat(Files.readString(dir.resolve("registry-users.properties")))
            .contains(registryUser.substring(0, registryUser.indexOf(':')) + ": " + registryUser.substring(registryUser.indexOf(':') + 1) + ",user");
        assertThat(Files.readString(dir.resolve("kafka-jaas.conf"))).contains("user_admin=\"" + secrets.getProperty("admin.password") + "\"");
    }

    @Test
    void theReadmeShowsTheSecuredProfilesFiles() throws IOException {
        assertThat(Files.readString(Path.of("..", "README.md"))).contains("docker compose --profile secured up", "docker/secured/enrich.properties",
            "/etc/wirestream/enrich.properties");
    }

    private static java.util.Properties properties(Path file) {
        java.util.Properties props = new java.util.Properties();
        try (var reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return props;
    }

    /** Container path to repository path of each bind mount ({@code ./dir:/path[:ro]}). */
    private static Map<String, Path> bindMounts(Map<String, Object> service) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[1], Path.of(parts[0].substring(2)));
            }
        }
        return mounts;
    }

    /** Every string value anywhere in {@code node}. */
    private static List<String> strings(Object node) {
        List<String> out = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> out.addAll(strings(v)));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> out.addAll(strings(v)));
        } else if (node != null) {
            out.add(String.valueOf(node));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOnConditions(Map<String, Object> service) {
        Map<String, Object> result = new LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("depends_on", Map.of()))
            .forEach((k, v) -> result.put(k, ((Map<String, Object>) v).get("condition")));
        return result;
    }

    /** YAML 1.2 loaders leave Compose's {@code <<: *anchor} merge keys alone; apply them as Compose does. */
    @SuppressWarnings("unchecked")
    private static Object resolveMerges(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> merged = new LinkedHashMap<>();
            Object base = map.get("<<");
            if (base instanceof Map<?, ?> baseMap) {
                merged.putAll((Map<String, Object>) resolveMerges(baseMap));
            }
            map.forEach((k, v) -> {
                if (!"<<".equals(k)) {
                    merged.put(String.valueOf(k), resolveMerges(v));
                }
            });
            return merged;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(resolveMerges(item)));
            return out;
        }
        return node;
    }
}

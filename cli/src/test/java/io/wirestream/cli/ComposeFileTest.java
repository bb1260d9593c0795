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
        for (String name : List.of("connect", "enrich-1", "enrich-2", "ingest", "ops")) {
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

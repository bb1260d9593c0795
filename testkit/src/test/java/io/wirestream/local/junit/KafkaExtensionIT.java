package io.wirestream.local.junit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Runs sample test classes through the JUnit launcher to check what {@link WithKafka} does around them. */
class KafkaExtensionIT {

    /** A run of a sample class: each test's outcome and message, and whether {@code @BeforeAll} ran. */
    record Outcome(String test, TestExecutionResult.Status status, String message) { }

    static List<Outcome> run(Class<?> sample, String mode) {
        String previous = System.getProperty(KafkaExtension.MODE_PROPERTY);
        System.setProperty("wirestream.it.sample", "true");
        System.setProperty(KafkaExtension.MODE_PROPERTY, mode);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            Launcher launcher = LauncherFactory.create();
            LauncherDiscoveryRequest discovery = request().selectors(selectClass(sample)).build();
            launcher.execute(discovery, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest()) {
                        outcomes.add(new Outcome(id.getDisplayName(), result.getStatus(),
                                result.getThrowable().map(Throwable::getMessage).orElse("")));
                    }
                }
            });
        } finally {
            System.clearProperty("wirestream.it.sample");
            if (previous == null) {
                System.clearProperty(KafkaExtension.MODE_PROPERTY);
            } else {
                System.setProperty(KafkaExtension.MODE_PROPERTY, previous);
            }
        }
        return outcomes;
    }

    @Test
    void dockerModeWithoutDockerSkipsEachTestWithTheReasonAndNeverRunsBeforeAll() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is available here; this checks the skip path");
        DockerSample.beforeAllRan = false;
        List<Outcome> outcomes = run(DockerSample.class, "docker");
        assertThat(outcomes).hasSize(2).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(TestExecutionResult.Status.ABORTED);
            assertThat(o.message()).contains("Docker");
        });
        assertThat(DockerSample.beforeAllRan).isFalse();
    }

    @Test
    void dockerModeSkipsAClassThatAsksForSeveralNodes() {
        List<Outcome> outcomes = run(ThreeNodeDockerSample.class, "docker");
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(TestExecutionResult.Status.ABORTED);
            assertThat(o.message()).contains("single node").contains("3");
        });
    }

    @Test
    void theClusterAndRegistryOfAClassAreStoppedWhenTheClassIsDone() {
        List<Outcome> outcomes = run(EmbeddedSample.class, "embedded");
        assertThat(outcomes).singleElement().extracting(Outcome::status).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        URI registry = URI.create(EmbeddedSample.registryUrl);
        assertThatThrownBy(() -> connect(registry.getHost(), registry.getPort())).isInstanceOf(IOException.class);
        String[] broker = EmbeddedSample.bootstrapServers.split(",")[0].split(":");
        assertThatThrownBy(() -> connect(broker[0], Integer.parseInt(broker[1]))).isInstanceOf(IOException.class);
    }

    static void connect(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        }
    }

    @WithKafka
    @EnabledIfSystemProperty(named = "wirestream.it.sample", matches = "true")
    static class DockerSample {
        static volatile boolean beforeAllRan;

        @BeforeAll
        static void setUp(KafkaEnv env) {
            beforeAllRan = true;
        }

        @Test
        void first(KafkaEnv env) {
        }

        @Test
        void second() {
        }
    }

    @WithKafka(nodes = 3)
    @EnabledIfSystemProperty(named = "wirestream.it.sample", matches = "true")
    static class ThreeNodeDockerSample {
        @Test
        void only(KafkaEnv env) {
        }
    }

    @WithKafka
    @EnabledIfSystemProperty(named = "wirestream.it.sample", matches = "true")
    static class EmbeddedSample {
        static volatile String registryUrl;
        static volatile String bootstrapServers;

        @Test
        void remember(KafkaEnv env) {
            registryUrl = env.schemaRegistryUrl();
            bootstrapServers = env.bootstrapServers();
        }
    }
}

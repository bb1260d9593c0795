package io.wirestream.local.junit;

import io.wirestream.local.kafka.EmbeddedKafkaCluster;
import io.wirestream.local.registry.EmbeddedSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JUnit 5 extension behind {@link WithKafka}: starts one cluster + registry per test class (kept in the class's
 * extension store, closed when the class is done) and resolves {@link KafkaEnv} parameters.
 *
 * <p>{@code -Dwirestream.it.kafka=embedded} (default) runs {@link EmbeddedKafkaCluster}; {@code docker} runs a
 * Testcontainers {@code apache/kafka} container, or, when Docker is missing, skips each test (an aborted
 * assumption carrying the reason, which is also printed) and the class's {@code @BeforeAll}/{@code @AfterAll}
 * methods.
 */
public final class KafkaExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, InvocationInterceptor {

    /** System property choosing the cluster: {@code embedded} (default) or {@code docker}. */
    public static final String MODE_PROPERTY = "wirestream.it.kafka";

    private static final Logger log = LoggerFactory.getLogger(KafkaExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final String KEY = "kafka-env";

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String reason = environment(context).env().unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "Skipped: " + reason);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaEnv.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return environment(extensionContext).env();
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        proceedUnlessUnavailable(invocation, extensionContext);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                        ExtensionContext extensionContext) throws Throwable {
        proceedUnlessUnavailable(invocation, extensionContext);
    }

    private void proceedUnlessUnavailable(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (environment(context).env().unavailableReason() != null) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    /** The class's environment: found in this or an enclosing context's store, else started for this class. */
    private static Environment environment(ExtensionContext context) {
        Environment existing = context.getStore(NAMESPACE).get(KEY, Environment.class);
        if (existing != null) {
            return existing;
        }
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        int nodes = nodes(classContext.getRequiredTestClass());
        String testClass = classContext.getRequiredTestClass().getName();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> Environment.start(nodes, testClass),
                Environment.class);
    }

    private static int nodes(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<WithKafka> annotation = AnnotationSupport.findAnnotation(c, WithKafka.class);
            if (annotation.isPresent()) {
                return annotation.get().nodes();
            }
        }
        return 1;
    }

    /** The cluster, registry and admin of one test class; closed by JUnit with the class's store. */
    static final class Environment implements AutoCloseable {
        private final KafkaEnv env;
        private final List<AutoCloseable> resources;

        private Environment(KafkaEnv env, List<AutoCloseable> resources) {
            this.env = env;
            this.resources = resources;
        }

        KafkaEnv env() {
            return env;
        }

        static Environment start(int nodes, String testClass) {
            String mode = System.getProperty(MODE_PROPERTY, "embedded").trim().toLowerCase(Locale.ROOT);
            List<AutoCloseable> resources = new ArrayList<>();
            try {
                String bootstrap;
                EmbeddedKafkaCluster embedded = null;
                if (mode.equals("docker")) {
                    String reason = nodes != 1 ? "-Dwirestream.it.kafka=docker runs a single node, the test asks for " + nodes
                            : DockerKafka.unavailableReason();
                    if (reason != null) {
                        System.out.println("[wirestream] " + testClass + ": skipping its tests: " + reason);
                        return new Environment(KafkaEnv.unavailable(reason), resources);
                    }
                    DockerKafka docker = DockerKafka.start();
                    resources.add(docker);
                    bootstrap = docker.bootstrapServers();
                } else if (mode.equals("embedded")) {
                    EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(nodes);
                    resources.add(cluster);
                    bootstrap = cluster.bootstrapServers();
                    embedded = cluster;
                } else {
                    throw new IllegalArgumentException("-D" + MODE_PROPERTY + " must be 'embedded' or 'docker', got '" + mode + "'");
                }
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap);
                resources.add(registry);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
                resources.add(() -> admin.close(Duration.ofSeconds(10)));
                log.info("{}: Kafka ({}) at {}, schema registry at {}", testClass, mode, bootstrap, registry.url());
                return new Environment(new KafkaEnv(bootstrap, registry.url(), admin, nodes, mode).withCluster(embedded), resources);
            } catch (RuntimeException | Error e) {
                new Environment(null, resources).close();
                throw e;
            }
        }

        @Override
        public void close() {
            List<AutoCloseable> reversed = new ArrayList<>(resources);
            java.util.Collections.reverse(reversed);
            resources.clear();
            for (AutoCloseable resource : reversed) {
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("Error while stopping a test resource", e);
                }
            }
        }
    }
}

package io.wirestream.local.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class a real Kafka cluster and schema registry, shared by all its tests and stopped after the class.
 * Declare a {@link KafkaEnv} parameter in a {@code @BeforeAll}, {@code @BeforeEach} or {@code @Test} method to use it.
 *
 * <p>By default the cluster is an embedded KRaft cluster of {@link #nodes()} brokers inside the test JVM
 * (the first one also the single controller).
 * With {@code -Dwirestream.it.kafka=docker} it is a Testcontainers {@code apache/kafka} container (single node)
 * when Docker is available; otherwise every test of the class is skipped with the reason. The registry is always
 * the embedded one, on the same cluster.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {

    /** Number of brokers (embedded mode); the first is also the KRaft controller. */
    int nodes() default 1;
}

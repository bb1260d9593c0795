package io.wirestream.local.junit;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Testcontainers side of {@link KafkaExtension}, in its own class so Testcontainers is only loaded when
 * {@code -Dwirestream.it.kafka=docker} asks for it.
 */
final class DockerKafka implements AutoCloseable {

    /** Overrides the image ({@code apache/kafka:<kafka-clients version>} by default). */
    static final String IMAGE_PROPERTY = "wirestream.it.kafka.image";

    private final KafkaContainer container;

    private DockerKafka(KafkaContainer container) {
        this.container = container;
    }

    /** Null when Docker can be used, otherwise why not. */
    static String unavailableReason() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            return "-Dwirestream.it.kafka=docker was given but no Docker environment is available";
        } catch (RuntimeException | LinkageError e) {
            return "-Dwirestream.it.kafka=docker was given but Docker cannot be used: " + e;
        }
    }

    static String image() {
        return System.getProperty(IMAGE_PROPERTY, "apache/kafka:" + AppInfoParser.getVersion());
    }

    static DockerKafka start() {
        KafkaContainer container = new KafkaContainer(image());
        container.start();
        return new DockerKafka(container);
    }

    String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}

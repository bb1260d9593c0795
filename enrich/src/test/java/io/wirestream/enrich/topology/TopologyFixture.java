package io.wirestream.enrich.topology;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.enrich.app.EnrichConfig;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The real enrich topology in a {@link TopologyTestDriver}, around a given annotation function, with a mock://
 * registry scope of its own and exactly-once properties from {@link EnrichConfig}. {@link #start} again after
 * {@code driver.close()} is a restart on the same state directory.
 */
final class TopologyFixture implements AutoCloseable {

    final Topics topics = Topics.defaults();
    final Serde<RawArticle> rawSerde;
    final Serde<EnrichedArticle> enrichedSerde;
    final Properties props;
    private final String registryScope;
    private final Function<RawArticle, Annotation> annotator;
    private final Instant now;
    TopologyTestDriver driver;
    TestInputTopic<String, RawArticle> raw;
    TestOutputTopic<String, EnrichedArticle> enriched;

    TopologyFixture(String name, Path stateDir, Function<RawArticle, Annotation> annotator, Instant now) {
        this.annotator = annotator;
        this.now = now;
        registryScope = name + "-" + UUID.randomUUID();
        String registryUrl = "mock://" + registryScope;
        rawSerde = AvroSerdes.specific(RawArticle.class, registryUrl, false);
        enrichedSerde = AvroSerdes.specific(EnrichedArticle.class, registryUrl, false);
        props = new EnrichConfig(Map.of(
            EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
            EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
            EnrichConfig.STATE_DIR_CONFIG, stateDir.toString())).streamsProperties();
        start();
    }

    void start() {
        driver = new TopologyTestDriver(EnrichTopology.build(topics, annotator, "t-1", rawSerde, enrichedSerde, EnrichLimits.defaults()),
            props, now);
        raw = driver.createInputTopic(topics.raw(), new StringSerializer(), rawSerde.serializer());
        enriched = output(topics.enriched());
    }

    TestOutputTopic<String, EnrichedArticle> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), enrichedSerde.deserializer());
    }

    /** The changelog topic of a store. */
    String changelog(String store) {
        return props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + store + "-changelog";
    }

    void pipe(RawArticle article) {
        raw.pipeInput(article.getStoryId(), article);
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
        SchemaRegistryClients.dropMockScope(registryScope);
    }
}

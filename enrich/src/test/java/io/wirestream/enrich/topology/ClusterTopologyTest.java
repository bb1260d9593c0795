package io.wirestream.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.enrich.app.EnrichConfig;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrich topology stamps clusterId / duplicateOf from its changelogged "clusters" store. */
class ClusterTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path stateDir;

    private final Topics topics = Topics.defaults();
    /** Entities as the annotator would give them for the seed; nothing for other stories. */
    private final Function<RawArticle, Annotation> annotator = article -> new Annotation(
        article.getBody().contains("Onodera") ? List.of(entity("person:itsunori-onodera"), entity("loc:iso3166:RU")) : List.of(),
        List.of(), List.of(), List.of());
    private String registryScope;
    private Serde<RawArticle> rawSerde;
    private Serde<EnrichedArticle> enrichedSerde;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private Properties props;

    @BeforeEach
    void setUp() {
        registryScope = "cluster-topology-test-" + UUID.randomUUID();
        String registryUrl = "mock://" + registryScope;
        rawSerde = AvroSerdes.specific(RawArticle.class, registryUrl, false);
        enrichedSerde = AvroSerdes.specific(EnrichedArticle.class, registryUrl, false);
        props = new EnrichConfig(Map.of(
            EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
            EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
            EnrichConfig.STATE_DIR_CONFIG, stateDir.toString())).streamsProperties();
        driver = new TopologyTestDriver(EnrichTopology.build(topics, annotator, "t-1", rawSerde, enrichedSerde, EnrichLimits.defaults()),
            props, NOW);
        raw = driver.createInputTopic(topics.raw(), new StringSerializer(), rawSerde.serializer());
        enriched = driver.createOutputTopic(topics.enriched(), new StringDeserializer(), enrichedSerde.deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        SchemaRegistryClients.dropMockScope(registryScope);
    }

    private static Entity entity(String id) {
        return Entity.newBuilder().setId(id).setName(id).setType("PERSON").setRoles(List.of()).setLinkedTo(null)
            .setSalience(0.5).setMentions(List.of()).build();
    }

    private void pipe(RawArticle a) {
        raw.pipeInput(a.getStoryId(), a);
    }

    @Test
    void theSeedUnderTwoIdsIsOneClusterAndTheSecondIsADuplicateOfTheFirst() {
        pipe(RawArticles.seed("file-1"));
        pipe(RawArticles.seed("http-2"));
        pipe(RawArticles.story("other-3", 1, "A sports story about a cup final in Madrid, nothing like the seed at all."));

        List<EnrichedArticle> out = enriched.readValuesToList();
        assertThat(out).extracting(e -> e.getArticle().getStoryId(), EnrichedArticle::getClusterId, EnrichedArticle::getDuplicateOf)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("file-1", "file-1", null),
                org.assertj.core.groups.Tuple.tuple("http-2", "file-1", "file-1"),
                org.assertj.core.groups.Tuple.tuple("other-3", "other-3", null));
    }

    @Test
    void aNewVersionKeepsItsClusterAndAKillCarriesNoneAndLeavesTheIndex() {
        pipe(RawArticles.seed("file-1"));
        pipe(RawArticles.seed("http-2"));
        RawArticle v2 = RawArticle.newBuilder(RawArticles.seed("http-2")).setVersion(2)
            .setBody(RawArticles.seed("x").getBody() + " Updated with a final paragraph.").setContentHash("v2").build();
        pipe(v2);
        pipe(RawArticles.kill("file-1", 2, PubStatus.CANCELED));
        pipe(RawArticles.seed("late-3"));

        List<EnrichedArticle> out = enriched.readValuesToList();
        assertThat(out).extracting(e -> e.getArticle().getStoryId() + " v" + e.getArticle().getVersion()
                + " " + e.getClusterId() + " " + e.getDuplicateOf())
            .containsExactly("file-1 v1 file-1 null", "http-2 v1 file-1 file-1", "http-2 v2 file-1 file-1",
                "file-1 v2 null null", "late-3 v1 file-1 http-2");
    }

    @Test
    void theIndexIsChangeloggedAndExpiresAfterTheWindow() {
        pipe(RawArticles.seed("file-1"));
        String changelog = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + EnrichTopology.CLUSTER_STORE + "-changelog";
        assertThat(driver.createOutputTopic(changelog, new StringDeserializer(), new ByteArrayDeserializer()).readKeyValuesToList())
            .extracting(kv -> kv.key).contains("s/file-1").anyMatch(k -> k.startsWith("b/lsh/"));
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(EnrichTopology.CLUSTER_STORE);
        assertThat(store.approximateNumEntries()).isPositive();

        driver.advanceWallClockTime(Duration.ofHours(50));

        try (var all = store.all()) {
            assertThat(all.hasNext()).as("the index is empty after the window").isFalse();
        }
        pipe(RawArticles.seed("http-2"));
        assertThat(enriched.readValuesToList()).extracting(EnrichedArticle::getDuplicateOf).containsExactly(null, null);
    }
}

package io.wirestream.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

    /** Entities as the annotator would give them for the seed; nothing for other stories. */
    private final Function<RawArticle, Annotation> annotator = article -> new Annotation(
        article.getBody().contains("Onodera") ? List.of(entity("person:itsunori-onodera"), entity("loc:iso3166:RU")) : List.of(),
        List.of(), List.of(), List.of());
    private TopologyFixture fx;

    @BeforeEach
    void setUp() {
        fx = new TopologyFixture("cluster-topology-test", stateDir, annotator, NOW);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static Entity entity(String id) {
        return Entity.newBuilder().setId(id).setName(id).setType("PERSON").setRoles(List.of()).setLinkedTo(null)
            .setSalience(0.5).setMentions(List.of()).build();
    }

    private void pipe(RawArticle a) {
        fx.pipe(a);
    }

    @Test
    void theSeedUnderTwoIdsIsOneClusterAndTheSecondIsADuplicateOfTheFirst() {
        pipe(RawArticles.seed("file-1"));
        pipe(RawArticles.seed("http-2"));
        pipe(RawArticles.story("other-3", 1, "A sports story about a cup final in Madrid, nothing like the seed at all."));

        List<EnrichedArticle> out = fx.enriched.readValuesToList();
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

        List<EnrichedArticle> out = fx.enriched.readValuesToList();
        assertThat(out).extracting(e -> e.getArticle().getStoryId() + " v" + e.getArticle().getVersion()
                + " " + e.getClusterId() + " " + e.getDuplicateOf())
            .containsExactly("file-1 v1 file-1 null", "http-2 v1 file-1 file-1", "http-2 v2 file-1 file-1",
                "file-1 v2 null null", "late-3 v1 file-1 http-2");
    }

    @Test
    void theIndexIsChangeloggedAndExpiresAfterTheWindow() {
        pipe(RawArticles.seed("file-1"));
        String changelog = fx.changelog(EnrichTopology.CLUSTER_STORE);
        assertThat(fx.driver.createOutputTopic(changelog, new StringDeserializer(), new ByteArrayDeserializer()).readKeyValuesToList())
            .extracting(kv -> kv.key).contains("s/file-1").anyMatch(k -> k.matches("m/\\d+:lsh/.*/file-1"));
        KeyValueStore<String, byte[]> store = fx.driver.getKeyValueStore(EnrichTopology.CLUSTER_STORE);
        assertThat(store.approximateNumEntries()).isPositive();

        fx.driver.advanceWallClockTime(Duration.ofHours(50));

        assertThat(keys(store)).as("no print and no bucket member left after the window, only the sequence counter")
            .containsExactly("n/seq");
        pipe(RawArticles.seed("http-2"));
        assertThat(fx.enriched.readValuesToList()).extracting(EnrichedArticle::getDuplicateOf).containsExactly(null, null);
    }

    @Test
    void anIndexWrittenByThePreviousReleaseStillLinksCopiesAndIsConvertedAsItIsUsed() {
        pipe(RawArticles.seed("file-1"));
        assertThat(fx.enriched.readValuesToList()).extracting(EnrichedArticle::getClusterId).containsExactly("file-1");
        byte[] print = fx.driver.<String, byte[]>getKeyValueStore(EnrichTopology.CLUSTER_STORE).get("s/file-1");

        // the upgrade: the new code starts on the store the previous release left (restored as the driver allows)
        fx.driver.close();
        fx.start();
        KeyValueStore<String, byte[]> store = fx.driver.getKeyValueStore(EnrichTopology.CLUSTER_STORE);
        writeInThePreviousFormat(store, print);
        pipe(RawArticles.seed("http-2"));

        assertThat(fx.enriched.readValuesToList()).extracting(EnrichedArticle::getClusterId, EnrichedArticle::getDuplicateOf)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("file-1", "file-1"));
        assertThat(keys(store)).as("every bucket the copy shares with the original was converted")
            .noneMatch(k -> k.startsWith("b/")).contains("s/file-1", "s/http-2")
            .anyMatch(k -> k.matches("m/\\d+:lsh/.*/file-1"));
    }

    /** The index of one story as the previous release wrote it: each bucket one key {@code b/<bucket>}, ids newline-joined. */
    private static void writeInThePreviousFormat(KeyValueStore<String, byte[]> store, byte[] encodedPrint) {
        io.wirestream.enrich.cluster.StoryPrint print = io.wirestream.enrich.cluster.StoryPrint.decode(encodedPrint);
        store.put("s/" + print.storyId(), encodedPrint);
        byte[] ids = print.storyId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var lsh = new io.wirestream.enrich.cluster.LshIndex(EnrichTopology.CLUSTER_SETTINGS.bands(),
            EnrichTopology.CLUSTER_SETTINGS.numHashes() / EnrichTopology.CLUSTER_SETTINGS.bands());
        lsh.bucketKeys(print.shingles()).forEach(band -> store.put("b/lsh/" + band, ids));
        print.entityIds().forEach(id -> store.put("b/ent/" + id, ids));
    }

    private static List<String> keys(KeyValueStore<String, byte[]> store) {
        List<String> keys = new java.util.ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}

package io.wirestream.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embargoed stories are held until the embargo lifts (wall clock), then released; a kill before that withdraws them unseen. */
class EmbargoTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant LIFTS = NOW.plus(Duration.ofHours(2));

    @TempDir
    Path stateDir;

    private final java.util.Set<String> failOn = new java.util.HashSet<>();
    private final Function<RawArticle, Annotation> annotator = article -> failOn.contains(article.getStoryId())
        ? failing(article) : new Annotation(List.of(),
        List.of(TopicTag.newBuilder().setCode("diplomacy").setLabel("diplomacy").setIptc(null).setScore(1.0).setEvidence(List.of()).build()),
        List.of(), List.of());
    private TopologyFixture fx;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<String, EnrichedArticle> diplomacy;

    @BeforeEach
    void setUp() {
        fx = new TopologyFixture("embargo-test", stateDir, annotator, NOW);
        attach();
    }

    private void attach() {
        driver = fx.driver;
        raw = fx.raw;
        enriched = fx.enriched;
        diplomacy = fx.output(fx.topics.forTopic("diplomacy"));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static RawArticle embargoed(String id, int version, String body, Instant until) {
        return RawArticle.newBuilder(RawArticles.story(id, version, body)).setEmbargoed(until).build();
    }

    private void pipe(RawArticle a) {
        raw.pipeInput(a.getStoryId(), a);
    }

    private double metric(String name) {
        return driver.metrics().entrySet().stream()
            .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("stream-wirestream-enrich-metrics"))
            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
            .sum();
    }

    @Test
    void anEmbargoedStoryIsHeldUntilTheEmbargoLiftsThenReleasedToEnrichedAndItsTopics() {
        RawArticle story = embargoed("e-1", 1, "Budget figures.", LIFTS);
        pipe(story);
        pipe(RawArticles.story("free-1", 1, "Not embargoed."));

        assertThat(enriched.readValuesToList()).extracting(a -> a.getArticle().getStoryId()).containsExactly("free-1");
        assertThat(diplomacy.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("free-1");

        driver.advanceWallClockTime(Duration.ofHours(2).minusSeconds(2));
        assertThat(enriched.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(2));
        EnrichedArticle out = enriched.readValue();
        assertThat(out.getArticle()).isEqualTo(story);
        assertThat(out.getEnrichedAt()).isEqualTo(LIFTS);
        assertThat(out.getLineage().getOffset()).isZero();
        assertThat(out.getTopics()).extracting(TopicTag::getCode).containsExactly("diplomacy");
        assertThat(diplomacy.readKeyValue().key).isEqualTo("e-1");
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(metric("embargo-held-total")).isEqualTo(1.0);
        assertThat(metric("embargo-released-total")).isEqualTo(1.0);

        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(enriched.isEmpty()).as("released once").isTrue();
    }

    @Test
    void anEmbargoAlreadyPastIsNoEmbargo() {
        pipe(embargoed("e-1", 1, "Old embargo.", NOW.minusSeconds(60)));

        assertThat(enriched.readValue().getArticle().getStoryId()).isEqualTo("e-1");
        assertThat(metric("embargo-held-total")).isZero();
    }

    @Test
    void aKillBeforeTheEmbargoLiftsWithdrawsTheStoryUnseenAndIsDroppedToo() {
        pipe(embargoed("e-1", 1, "Budget figures.", LIFTS));
        pipe(RawArticles.kill("e-1", 2, PubStatus.CANCELED));
        driver.advanceWallClockTime(Duration.ofHours(3));

        assertThat(enriched.isEmpty()).isTrue();
        assertThat(diplomacy.isEmpty()).isTrue();
        assertThat(metric("embargo-withdrawn-unseen-total")).isEqualTo(1.0);

        pipe(embargoed("e-1", 1, "Budget figures.", NOW.plus(Duration.ofHours(5))));
        driver.advanceWallClockTime(Duration.ofHours(6));
        assertThat(enriched.isEmpty()).as("a replay of the killed version stays dropped").isTrue();
    }

    @Test
    void aKillOfAHeldUpdateStillWithdrawsTheVersionAlreadyPublished() {
        pipe(RawArticles.story("e-1", 1, "First take."));
        pipe(embargoed("e-1", 2, "Second take, embargoed.", LIFTS));
        pipe(RawArticles.kill("e-1", 3, PubStatus.WITHHELD));
        driver.advanceWallClockTime(Duration.ofHours(3));

        assertThat(enriched.readValuesToList()).extracting(a -> a.getArticle().getVersion(), a -> a.getArticle().getPubStatus())
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, PubStatus.USABLE), org.assertj.core.groups.Tuple.tuple(3, PubStatus.WITHHELD));
    }

    @Test
    void aNewerEmbargoedVersionReplacesTheHeldOneAndAnOlderOrDuplicateOneIsDropped() {
        pipe(embargoed("e-1", 1, "Take one.", LIFTS));
        pipe(embargoed("e-1", 2, "Take two.", LIFTS.plusSeconds(600)));
        pipe(embargoed("e-1", 1, "Take one.", LIFTS));
        pipe(embargoed("e-1", 2, "Take two.", LIFTS.plusSeconds(600)));
        driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(enriched.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(enriched.readValuesToList()).extracting(a -> a.getArticle().getBody()).containsExactly("Take two.");
    }

    @Test
    void aVersionFreeToPublishSupersedesTheHeldOneAtOnce() {
        pipe(embargoed("e-1", 1, "Take one.", LIFTS));
        pipe(RawArticles.story("e-1", 2, "Embargo lifted early."));
        driver.advanceWallClockTime(Duration.ofHours(3));

        assertThat(enriched.readValuesToList()).extracting(a -> a.getArticle().getBody()).containsExactly("Embargo lifted early.");
    }

    @Test
    void aHeldStorySurvivesARestartThroughItsChangelog() {
        RawArticle story = embargoed("e-1", 1, "Budget figures.", LIFTS);
        pipe(story);
        String changelog = fx.changelog(EnrichTopology.EMBARGO_STORE);
        List<KeyValue<String, byte[]>> logged = driver.createOutputTopic(changelog, new StringDeserializer(), new ByteArrayDeserializer())
            .readKeyValuesToList();
        assertThat(logged).extracting(kv -> kv.key).containsExactly("e-1");

        // a new instance restores the store from its changelog before processing: replay what was logged
        driver.close();
        fx.start();
        attach();
        KeyValueStore<String, HeldStory> restored = driver.getKeyValueStore(EnrichTopology.EMBARGO_STORE);
        logged.forEach(kv -> restored.put(kv.key, HeldStory.decode(kv.value)));
        driver.advanceWallClockTime(Duration.ofHours(2));

        assertThat(enriched.readValue().getArticle()).isEqualTo(story);
    }

    private static Annotation failing(RawArticle article) {
        throw new IllegalArgumentException("annotator cannot handle " + article.getStoryId());
    }

    @Test
    void aHeldStoryTheAnnotatorFailsOnWhenReleasedIsDroppedAndTheOthersAreReleased() {
        failOn.add("bad-1");
        pipe(embargoed("bad-1", 1, "Fails.", LIFTS));
        pipe(embargoed("good-1", 1, "Works.", LIFTS));
        driver.advanceWallClockTime(Duration.ofHours(2));

        assertThat(enriched.readValuesToList()).extracting(a -> a.getArticle().getStoryId()).containsExactly("good-1");
        assertThat(metric("embargo-release-failed-total")).isEqualTo(1.0);
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(metric("embargo-release-failed-total")).as("not retried forever").isEqualTo(1.0);
    }
}

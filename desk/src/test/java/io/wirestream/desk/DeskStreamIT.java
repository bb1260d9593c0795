package io.wirestream.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;

/** The desk against a real broker: resume with Last-Event-ID (also on a new desk instance), filters, 4xx answers. */
@WithKafka
class DeskStreamIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaEnv env;
    private static Topics topics;
    private static KafkaProducer<String, EnrichedArticle> producer;

    @BeforeAll
    static void setUp(KafkaEnv kafka) {
        env = kafka;
        topics = new Topics(env.randomTopic("desk") + ".");
        env.createTopics(List.of(new NewTopic(topics.enriched(), 3, env.replicationFactor()),
                new NewTopic(topics.forTopic("missile-defense"), 1, env.replicationFactor())));
        Serializer<EnrichedArticle> values = AvroSerdes.specific(EnrichedArticle.class, env.schemaRegistryUrl(), false).serializer();
        producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), values);
    }

    @AfterAll
    static void tearDown() {
        producer.close();
    }

    private static DeskConfig config() {
        return DeskConfig.defaults(Map.of("bootstrap.servers", env.bootstrapServers()), env.schemaRegistryUrl())
                .withTopics(topics).withListen("127.0.0.1", 0);
    }

    /** Produces stories and returns, per partition, their story ids in offset order. */
    private static Map<Integer, List<String>> produce(String topic, List<EnrichedArticle> stories) throws Exception {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (EnrichedArticle e : stories) {
            RecordMetadata m = producer.send(new ProducerRecord<>(topic, e.getArticle().getStoryId(), e)).get();
            byPartition.computeIfAbsent(m.partition(), p -> new ArrayList<>()).add(e.getArticle().getStoryId());
        }
        return byPartition;
    }

    private static List<EnrichedArticle> batch(String prefix, int n) {
        List<EnrichedArticle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Stories.story(prefix + "-" + i, 1, "AP", "Story " + prefix + " " + i, "missile-defense", "loc:iso3166:JP"));
        }
        return out;
    }

    @Test
    void aClientResumesExactlyAfterTheLastEventItSawAlsoOnANewDeskInstance() throws Exception {
        String first;
        String second;
        try (DeskServer desk = DeskServer.start(config())) {
            List<EnrichedArticle> a = batch("a", 6);
            try (SseClient c = new SseClient(desk.url() + "v1/stream?from=now", null)) {
                assertThat(c.status).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> !c.comments.isEmpty()); // connected: positions taken
                produce(topics.enriched(), a);
                await().atMost(Duration.ofSeconds(20)).until(() -> c.events.size() >= 6);
                assertThat(c.events).extracting(SseClient.Event::storyId)
                        .containsExactlyInAnyOrderElementsOf(a.stream().map(e -> e.getArticle().getStoryId()).toList());
                first = c.lastId();
            }
            Map<Integer, List<String>> bOrder = produce(topics.enriched(), batch("b", 6));
            try (SseClient c = new SseClient(desk.url() + "v1/stream", first)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> c.events.size() >= 6);
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> c.events.size() == 6);
                assertInPartitionOrder(c.events, bOrder);
                second = c.lastId();
            }
        }
        Map<Integer, List<String>> cOrder = produce(topics.enriched(), batch("c", 4));
        try (DeskServer restarted = DeskServer.start(config());
             SseClient c = new SseClient(restarted.url() + "v1/stream", second)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> c.events.size() >= 4);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> c.events.size() == 4);
            assertInPartitionOrder(c.events, cOrder);
        }
    }

    private static void assertInPartitionOrder(List<SseClient.Event> events, Map<Integer, List<String>> produced) {
        List<String> all = new ArrayList<>();
        produced.values().forEach(all::addAll);
        assertThat(events).extracting(SseClient.Event::storyId).containsExactlyInAnyOrderElementsOf(all);
        for (Map.Entry<Integer, List<String>> p : produced.entrySet()) {
            List<String> seen = events.stream().map(SseClient.Event::storyId).filter(p.getValue()::contains).toList();
            assertThat(seen).as("partition %d in offset order", p.getKey()).containsExactlyElementsOf(p.getValue());
        }
        // every event id advances exactly one partition by at least one offset
        for (int i = 1; i < events.size(); i++) {
            Map<Integer, Long> before = Positions.parse(events.get(i - 1).id());
            Map<Integer, Long> after = Positions.parse(events.get(i).id());
            after.forEach((part, off) -> assertThat(off).isGreaterThanOrEqualTo(before.getOrDefault(part, 0L)));
        }
    }

    @Test
    void filtersByTopicEntityAndSource() throws Exception {
        String run = env.randomTopic("f");
        List<EnrichedArticle> stories = List.of(
                Stories.story(run + "-md", 1, "AP", "Missile story", "missile-defense", "loc:iso3166:JP"),
                Stories.story(run + "-other", 1, "Reuters", "Markets", "economy", "loc:iso3166:US"),
                Stories.story(run + "-dpa", 1, "dpa", "Dpa on Japan", "economy", "loc:iso3166:JP"));
        produce(topics.enriched(), stories);
        produce(topics.forTopic("missile-defense"), List.of(stories.get(0)));
        try (DeskServer desk = DeskServer.start(config())) {
            assertThat(ids(desk, "v1/stream?from=beginning&source=reuters", run)).containsExactly(run + "-other");
            assertThat(ids(desk, "v1/stream?from=beginning&entity=loc:iso3166:JP", run))
                    .containsExactlyInAnyOrder(run + "-md", run + "-dpa");
            assertThat(ids(desk, "v1/stream?from=beginning&topic=missile-defense", run)).containsExactly(run + "-md");
            assertThat(ids(desk, "v1/stream?from=beginning&topic=missile-defense&source=dpa", run)).isEmpty();
        }
    }

    /** Story ids of this run seen on a stream within a few seconds of the last one arriving. */
    private static List<String> ids(DeskServer desk, String path, String run) throws Exception {
        try (SseClient c = new SseClient(desk.url() + path, null)) {
            assertThat(c.status).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> !c.comments.isEmpty());
            int[] last = {-1};
            await().pollInterval(Duration.ofMillis(700)).atMost(Duration.ofSeconds(15)).until(() -> {
                int n = c.events.size();
                boolean stable = n == last[0];
                last[0] = n;
                return stable;
            });
            return c.events.stream().map(SseClient.Event::storyId).filter(id -> id.startsWith(run)).toList();
        }
    }

    @Test
    void badRequestsGetA4xxWithAJsonReason() throws Exception {
        try (DeskServer desk = DeskServer.start(config().withMaxStreams(1).withToken(null))) {
            assertError(desk, "v1/stream?topic=no-such-topic", null, 404, "unknown topic 'no-such-topic'");
            assertError(desk, "v1/stream?topic=Bad%20Slug", null, 400, "taxonomy slug");
            assertError(desk, "v1/stream?from=yesterday", null, 400, "from must be");
            assertError(desk, "v1/stream?colour=red", null, 400, "unknown parameter 'colour'");
            assertError(desk, "v1/stream?entity=", null, 400, "'entity' is empty");
            assertError(desk, "v1/stream?entity=Shoigu", null, 400, "canonical id");
            assertError(desk, "v1/search?sort=old", null, 400, "unknown parameter 'sort'");
            assertError(desk, "v1/search?limit=0", null, 400, "limit must be");
            assertError(desk, "v1/search?topic=no-such-topic", null, 404, "unknown topic");
            assertError(desk, "v1/stream", "zero", 400, "Last-Event-ID");
            assertError(desk, "v1/stories/nope", null, 404, "no story 'nope'");
            assertError(desk, "v1/nothing", null, 404, "no such path");
            try (SseClient held = new SseClient(desk.url() + "v1/stream", null)) {
                assertThat(held.status).isEqualTo(200);
                assertError(desk, "v1/stream", null, 429, "too many open streams");
            }
        }
        try (DeskServer desk = DeskServer.start(config().withToken("s3cret"))) {
            assertError(desk, "v1/topics", null, 401, "bearer token");
            HttpResponse<String> ok = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(desk.url() + "v1/topics"))
                    .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("missile-defense");
            assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).as("CORS off by default").isEmpty();
            HttpResponse<String> cookie = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(desk.url() + "v1/topics"))
                    .header("Cookie", "desk_token=s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cookie.statusCode()).isEqualTo(200);
            assertError(desk, "v1/stream?access_token=wrong", null, 401, "bearer token");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(desk.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("the page carries no data: it loads without the token").isEqualTo(200);
        }
        try (DeskServer desk = DeskServer.start(config().withCorsOrigin("https://newsroom.example"))) {
            HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(desk.url() + "v1/stream"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://newsroom.example")
                    .header("Access-Control-Request-Headers", "last-event-id").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://newsroom.example");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Last-Event-ID");
        }
    }

    private static void assertError(DeskServer desk, String path, String lastEventId, int status, String reason) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(desk.url() + path)).timeout(Duration.ofSeconds(10));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).contains(reason);
    }

    @Test
    void theLatestVersionOfARecentStoryIsServedAndSearchable() throws Exception {
        String id = env.randomTopic("story");
        try (DeskServer desk = DeskServer.start(config())) {
            produce(topics.enriched(), List.of(Stories.story(id, 1, "AP", "<script>alert(1)</script> first", "missile-defense", null),
                    Stories.story(id, 2, "AP", "<script>alert(1)</script> second", "missile-defense", null)));
            await().atMost(Duration.ofSeconds(20)).until(() -> desk.recent().get(id) != null
                    && desk.recent().get(id).getArticle().getVersion() == 2);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(desk.url() + "v1/stories/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode story = JSON.readTree(r.body());
            assertThat(story.path("version").asText()).isEqualTo("2");
            assertThat(story.path("headlines").get(0).path("value").asText()).isEqualTo("<script>alert(1)</script> second");
            HttpResponse<String> s = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(desk.url() + "v1/search?q=SECOND%20alert")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(s.body()).path("stories")).extracting(n -> n.path("wirestream").path("storyId").asText()).contains(id);
        }
    }

    @Test
    void anOlderVersionOrUndecodableBytesArrivingLaterDoNotReplaceTheStoryKept() throws Exception {
        String id = env.randomTopic("story");
        String marker = id + "-marker";
        try (DeskServer desk = DeskServer.start(config());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(env.producerProps(), new StringSerializer(),
                 new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            Map<Integer, List<String>> written = produce(topics.enriched(), List.of(Stories.story(id, 2, "AP", "Second take", null, null),
                    Stories.story(id, 1, "AP", "First take, late", null, null)));
            int partition = written.keySet().iterator().next();
            raw.send(new ProducerRecord<>(topics.enriched(), partition, id, new byte[] {0, 0, 0, 0, 1, 42})).get();
            String undecodable = id + "-garbage";
            raw.send(new ProducerRecord<>(topics.enriched(), partition, undecodable, new byte[] {7, 7, 7})).get();
            // the marker goes last to the same partition: once the desk has it, it has read everything before it
            producer.send(new ProducerRecord<>(topics.enriched(), partition, marker, Stories.story(marker, 1, "AP", "Marker", null, null))).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> desk.recent().get(marker) != null);
            assertThat(desk.recent().get(id).getArticle().getVersion()).isEqualTo(2);
            assertThat(desk.recent().get(id).getArticle().getHeadline()).isEqualTo("Second take");
            assertThat(desk.recent().get(undecodable)).isNull();
            assertThat(desk.recent().snapshot()).extracting(e -> e.getArticle().getStoryId()).contains(id, marker)
                    .doesNotContain(undecodable);
        }
    }

    @Test
    void fromATimeStartsThereAndHeartbeatsKeepAnIdleStreamAlive() throws Exception {
        String run = env.randomTopic("time");
        produce(topics.enriched(), List.of(Stories.story(run + "-old", 1, "AP", "Old", null, null)));
        java.time.Instant between = java.time.Instant.now().plusMillis(5);
        await().atMost(Duration.ofSeconds(2)).until(() -> java.time.Instant.now().isAfter(between.plusMillis(5)));
        produce(topics.enriched(), List.of(Stories.story(run + "-new", 1, "AP", "New", null, null)));
        try (DeskServer desk = DeskServer.start(config().withHeartbeat(Duration.ofSeconds(1)))) {
            assertThat(ids(desk, "v1/stream?from=" + between, run)).containsExactly(run + "-new");
            try (SseClient idle = new SseClient(desk.url() + "v1/stream?from=now", null)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> idle.comments.stream().anyMatch(c -> c.startsWith(": heartbeat")));
            }
        }
    }
}

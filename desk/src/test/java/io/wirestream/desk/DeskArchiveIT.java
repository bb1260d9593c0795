package io.wirestream.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.topic.Topics;
import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.converter.AvroData;
import io.wirestream.sink.postgres.PostgresSinkConfig;
import io.wirestream.sink.postgres.PostgresWriter;

/**
 * Archive search against the real PostgreSQL at 127.0.0.1:5432: the tables are written by the PostgreSQL sink's own
 * writer (in a schema of this test's, dropped after), so the desk reads exactly what the sink writes. The stories are
 * not on Kafka at all: whatever the desk finds, it found in the archive.
 */
@WithKafka
class DeskArchiveIT {

    private static final String URL = System.getProperty("wirestream.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = System.getProperty("wirestream.test.postgres.user", "postgres");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "desk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static KafkaEnv env;
    private static Topics topics;
    private static final Map<String, EnrichedArticle> WRITTEN = new HashMap<>();

    @BeforeAll
    static void writeTheArchive(KafkaEnv kafka) throws Exception {
        env = kafka;
        topics = new Topics(env.randomTopic("archive") + ".");
        env.createTopics(List.of(new NewTopic(topics.enriched(), 1, env.replicationFactor()),
                new NewTopic(topics.forTopic("missile-defense"), 1, env.replicationFactor()),
                new NewTopic(topics.forTopic("sport"), 1, env.replicationFactor())));
        List<EnrichedArticle> stories = new ArrayList<>();
        for (int i = 0; i < 25; i++) { // Aegis stories, newest last
            stories.add(at(Stories.story("aegis-" + i, 1, i % 5 == 0 ? "dpa" : "AP", "Aegis Ashore deployment " + i, "missile-defense", "loc:iso3166:JP"), i));
        }
        for (int i = 0; i < 5; i++) {
            stories.add(at(Stories.story("match-" + i, 1, "Reuters", "Cup final report " + i, "sport", null), 100 + i));
        }
        stories.add(at(Stories.build("aegis-0", 2, PubStatus.CANCELED, "dpa", "KILL", null, null), 200)); // killed
        Map<String, String> props = new HashMap<>(Map.of("connection.url", URL, "connection.user", USER, "schema", SCHEMA));
        AvroData avro = new AvroData();
        Schema schema = avro.toConnectSchema(EnrichedArticle.getClassSchema());
        List<ArticleChange> changes = new ArrayList<>();
        long offset = 0;
        for (EnrichedArticle e : stories) {
            WRITTEN.put(e.getArticle().getStoryId(), e);
            SinkRecord r = new SinkRecord(topics.enriched(), 0, Schema.STRING_SCHEMA, e.getArticle().getStoryId(), schema,
                    avro.toConnectValue(schema, EnrichedArticle.getClassSchema(), e), offset++);
            changes.add(ArticleChange.of(r));
        }
        try (PostgresWriter writer = new PostgresWriter(new PostgresSinkConfig(props))) {
            writer.open();
            assertThat(writer.write(changes)).isEmpty();
        }
    }

    private static EnrichedArticle at(EnrichedArticle e, int minutes) {
        e.getArticle().setVersionCreated(T0.plusSeconds(60L * minutes));
        return e;
    }

    @AfterAll
    static void dropTheArchive() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static DeskConfig config(String url) {
        return DeskConfig.defaults(Map.of("bootstrap.servers", env.bootstrapServers()), env.schemaRegistryUrl())
                .withTopics(topics).withListen("127.0.0.1", 0)
                .withArchive(new DeskConfig.Archive(url, USER, null, SCHEMA, null));
    }

    private static HttpResponse<String> get(DeskServer desk, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(desk.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode search(DeskServer desk, String query) throws Exception {
        HttpResponse<String> r = get(desk, "v1/search?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("stories").forEach(s -> out.add(s.path("wirestream").path("storyId").asText()));
        return out;
    }

    @Test
    void searchCoversTheWholeArchiveNewestFirstPageByPageWithFilters() throws Exception {
        try (DeskServer desk = DeskServer.start(config(URL))) {
            JsonNode first = search(desk, "q=%22ashore%20deployment%22&limit=10");
            assertThat(first.path("scope").asText()).isEqualTo("archive");
            assertThat(first.path("total").asLong()).as("25 Aegis stories, the killed one withdrawn").isEqualTo(24);
            assertThat(first.path("more").asBoolean()).isTrue();
            assertThat(ids(first)).startsWith("aegis-24", "aegis-23").hasSize(10);
            JsonNode last = search(desk, "q=%22ashore%20deployment%22&limit=10&page=2");
            assertThat(ids(last)).hasSize(4).endsWith("aegis-1").doesNotContain("aegis-0");
            assertThat(last.path("more").asBoolean()).isFalse();
            assertThat(search(desk, "q=%22ashore%20deployment%22&limit=10&page=7").path("total").asLong()).as("past the end: empty, total kept").isEqualTo(24);

            assertThat(search(desk, "topic=sport&limit=100").path("total").asLong()).isEqualTo(5);
            assertThat(search(desk, "entity=loc:iso3166:JP&limit=100").path("total").asLong()).isEqualTo(24);
            assertThat(ids(search(desk, "source=DPA&limit=100"))).containsExactly("aegis-20", "aegis-15", "aegis-10", "aegis-5");
            assertThat(search(desk, "q=%22cup%20final%22%20-%22ashore%20deployment%22").path("total").asLong()).as("websearch syntax").isEqualTo(5);

            JsonNode story = JSON.readTree(get(desk, "v1/stories/aegis-7").body());
            assertThat(story).as("the archive's ninjs is the stream's").isEqualTo(StoryJson.toNinjs(WRITTEN.get("aegis-7")));
            assertThat(story.path("headlines").get(0).path("value").asText()).isEqualTo("Aegis Ashore deployment 7");
            assertThat(story.path("wirestream").path("entities").get(0).path("mentions").get(0).path("end").asInt()).isEqualTo(5);
            assertThat(story.path("wirestream").path("topics").get(0).path("evidence").get(0).path("text").asText()).isEqualTo("Aegis");
            assertThat(JSON.readTree(get(desk, "v1/stories/aegis-0").body()).path("pubstatus").asText()).isEqualTo("canceled");
            assertThat(get(desk, "v1/stories/nope").statusCode()).isEqualTo(404);

            assertThat(get(desk, "v1/search?page=-1").statusCode()).isEqualTo(400);
            assertThat(get(desk, "v1/search?limit=1000").statusCode()).isEqualTo(400);
            assertThat(get(desk, "v1/search?entity=Shoigu").statusCode()).isEqualTo(400);
            assertThat(get(desk, "v1/search?topic=no-such-topic").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anUnreachableArchiveIsA503NotAnEmptyResult() throws Exception {
        try (DeskServer desk = DeskServer.start(config("jdbc:postgresql://127.0.0.1:1/postgres"))) {
            HttpResponse<String> r = get(desk, "v1/search?q=aegis");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(r.body()).path("error").asText()).contains("archive");
        }
    }
}

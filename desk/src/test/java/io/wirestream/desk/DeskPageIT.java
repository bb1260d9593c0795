package io.wirestream.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wirestream.enrich.app.EnrichApp;
import io.wirestream.enrich.app.EnrichConfig;
import io.wirestream.ingest.IngestConfig;
import io.wirestream.ingest.IngestService;
import io.wirestream.ingest.http.IngestHttpServer;
import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.topic.Topics;
import io.wirestream.testkit.browser.HeadlessChromium;

/**
 * The wire page in headless Debian chromium against the real pipeline: an embedded broker, HTTP ingest, enrich
 * (exactly once) and the desk. The page stays open (DevTools over a WebSocket) while stories are posted to ingest.
 */
@WithKafka
class DeskPageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SEED = Path.of("..", "seeds", "000_22ebd5df95e2d1f5.txt");
    /** The acceptance bound: a story posted to ingest is on the open page within 2 s. */
    private static final Duration ON_THE_PAGE = Duration.ofSeconds(2);

    @TempDir
    static Path stateDir;

    private static EnrichApp enrich;
    private static IngestService ingest;
    private static IngestHttpServer ingestHttp;
    private static DeskServer desk;

    @BeforeAll
    static void startPipeline(KafkaEnv env) throws Exception {
        Topics topics = new Topics("page" + UUID.randomUUID().toString().substring(0, 8) + ".");
        Map<String, Object> e = new HashMap<>();
        e.put(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        e.put(EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, env.schemaRegistryUrl());
        e.put(EnrichConfig.APPLICATION_ID_CONFIG, "desk-page-" + UUID.randomUUID());
        e.put(EnrichConfig.TOPIC_PREFIX_CONFIG, topics.prefix());
        e.put(EnrichConfig.TOPIC_PARTITIONS_CONFIG, 2);
        e.put(EnrichConfig.STATE_DIR_CONFIG, stateDir.toString());
        enrich = new EnrichApp(new EnrichConfig(e));
        enrich.start();
        ingest = IngestService.publishing(new IngestConfig(Map.of(
                IngestConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                IngestConfig.SCHEMA_REGISTRY_URL_CONFIG, env.schemaRegistryUrl(),
                IngestConfig.TOPIC_RAW_CONFIG, topics.raw())));
        ingestHttp = ingest.serveHttp("127.0.0.1", 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> env.admin().listTopics().names().get().contains(topics.forTopic("missile-defense")));
        desk = DeskServer.start(DeskConfig.defaults(Map.of("bootstrap.servers", env.bootstrapServers()), env.schemaRegistryUrl())
                .withTopics(topics).withListen("127.0.0.1", 0));
    }

    @AfterAll
    static void stopPipeline() {
        for (AutoCloseable c : new AutoCloseable[] {desk, ingest, enrich}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // stopping: the others still need closing
            }
        }
    }

    /** POSTs a body to HTTP ingest; returns the story id of the 202. */
    private static String post(String body, String contentType, String query) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ingestHttp.port() + "/articles" + query))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static String ninjs(String uri, int version, String pubstatus, String headline, String body) {
        return JSON.createObjectNode().put("uri", uri).put("version", Integer.toString(version)).put("pubstatus", pubstatus)
                .put("language", "en").<com.fasterxml.jackson.databind.node.ObjectNode>set("headlines",
                        JSON.createArrayNode().add(JSON.createObjectNode().put("value", headline)))
                .set("bodies", JSON.createArrayNode().add(JSON.createObjectNode().put("contenttype", "text/plain").put("value", body)))
                .toString();
    }

    /** JavaScript: the wire row of a story id. */
    private static String row(String storyId) {
        return "document.querySelector('#wire li[data-uri=\"' + CSS.escape('" + StoryJson.uri(storyId) + "') + '\"]')";
    }

    @Test
    void theOpenPageShowsTheWireLiveHighlightsPeopleStrikesKillsFiltersByTopicAndNeverRunsStoryText() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium installed (apt-get install chromium); desk page test skipped");

        String seed = post(Files.readString(SEED), "text/plain; charset=utf-8", "?filename=" + SEED.getFileName());
        String sports = post(ninjs("desk-page-sports", 1, "usable", "Arsenal beat Chelsea 3-1 in the Premier League",
                "Arsenal beat Chelsea 3-1 at the Emirates Stadium on Sunday. The striker scored twice in the second half "
                        + "and the goalkeeper saved a penalty as the home side moved top of the league table."), "application/json", "");

        try (HeadlessChromium.Page page = chromium.get().open(desk.url(), 1400, 1000)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> page.eval(row(seed) + " !== null && " + row(sports) + " !== null").asBoolean());

            // the seed story, opened: its people highlighted from their spans, each entity type its own class
            page.eval(row(seed) + ".click()");
            JsonNode people = page.eval("[...document.querySelectorAll('#story mark.PERSON')].map(m => m.textContent)");
            assertThat(people).extracting(JsonNode::asText).contains("Sergei Shoigu", "Sergey Lavrov", "Itsunori Onodera");
            JsonNode types = page.eval("[...new Set([...document.querySelectorAll('#story .body mark')].map(m => m.className))]");
            assertThat(types).extracting(JsonNode::asText).contains("PERSON", "LOCATION");
            assertThat(page.evalString("document.querySelector('#story .topics').textContent")).contains("missile-defense");
            assertThat(page.evalString("document.querySelector('#story .history').textContent")).contains("v1");

            // live: a story posted to HTTP ingest appears on the open page without a reload; its <script> is text
            String headline = "<script>window.pwned = true</script><img src=x onerror=\"window.pwned = true\"> Japan deploys Aegis Ashore";
            page.eval("window.loaded = performance.timeOrigin");
            String live = post(ninjs("desk-page-live", 1, "usable", headline,
                    "Japan plans to deploy the Aegis Ashore ballistic missile defense system, the defense minister said."), "application/json", "");
            await().atMost(ON_THE_PAGE).pollInterval(Duration.ofMillis(50)).until(() -> page.eval(row(live) + " !== null").asBoolean());
            assertThat(page.eval("window.loaded === performance.timeOrigin").asBoolean()).as("no reload").isTrue();
            assertThat(page.evalString(row(live) + ".querySelector('.headline').textContent")).isEqualTo(headline);
            assertThat(page.eval("document.querySelectorAll('#wire script, #wire img').length").asInt()).isZero();
            assertThat(page.eval("window.pwned === true").asBoolean()).as("story text never ran").isFalse();
            assertThat(page.evalString("document.querySelector('#wire li').dataset.uri")).as("newest first").isEqualTo(StoryJson.uri(live));

            // a kill notice strikes the story through, in place, with the kill's version
            post(ninjs("desk-page-live", 2, "canceled", "KILL", "Kill: withdrawn."), "application/json", "");
            await().atMost(Duration.ofSeconds(20)).until(() -> page.eval(row(live) + ".classList.contains('killed')").asBoolean());
            assertThat(page.evalString("getComputedStyle(" + row(live) + ".querySelector('.headline')).textDecorationLine")).isEqualTo("line-through");
            assertThat(page.evalString(row(live) + ".querySelector('.headline').textContent")).as("the text it showed, struck").isEqualTo(headline);
            assertThat(page.evalString(row(live) + ".querySelector('.badge').textContent")).contains("v2");
            assertThat(page.eval("document.querySelectorAll('#wire li[data-uri=\"' + CSS.escape('" + StoryJson.uri(live) + "') + '\"]').length").asInt())
                    .as("replaced in place, not added").isEqualTo(1);

            Path png = Path.of("target", "desk-page.png");
            Files.deleteIfExists(png);
            page.screenshot(png);
            assertThat(Files.size(png)).isGreaterThan(10_000);

            // filtering by topic hides the sports story and keeps the missile-defense ones
            assertThat(page.eval(row(sports) + ".hidden").asBoolean()).isFalse();
            page.eval("(() => { const i = document.getElementById('f-topic'); i.value = 'missile-defense'; i.dispatchEvent(new Event('input')); })()");
            assertThat(page.eval(row(sports) + ".hidden").asBoolean()).isTrue();
            assertThat(page.eval(row(seed) + ".hidden").asBoolean()).isFalse();
            assertThat(page.eval("[...document.querySelectorAll('#l-entity option')].map(o => o.value)"))
                    .as("entity type-ahead from what was seen").extracting(JsonNode::asText).contains("person:sergei-shoigu");
            page.screenshot(Path.of("target", "desk-page-filtered.png"));

            // "search archive" with the same filters: here the stories in memory (no PostgreSQL), one page
            page.eval("(() => { document.getElementById('f-text').value = 'Lavrov'; document.getElementById('search').click(); })()");
            await().atMost(Duration.ofSeconds(20)).until(() -> page.eval("document.querySelectorAll('#results li').length").asInt() > 0);
            assertThat(page.evalString("document.getElementById('archive-title').textContent")).contains("memory", "1 stories");
            assertThat(page.evalString("document.querySelector('#results li').dataset.uri")).isEqualTo(StoryJson.uri(seed));
        }
    }
}

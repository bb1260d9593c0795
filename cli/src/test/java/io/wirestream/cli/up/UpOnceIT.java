package io.wirestream.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirestream.local.kafka.EmbeddedKafka;
import io.wirestream.local.registry.EmbeddedSchemaRegistry;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.TopicTag;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run of {@code wirestream up --once seeds/}: the real embedded broker and registry, the real Connect
 * runtime and the real PostgreSQL. The seed story must land in PostgreSQL, in the JSON Lines output and on its
 * per-topic topics with the expected entities and topics, and a second run must add nothing.
 */
@TestMethodOrder(OrderAnnotation.class)
class UpOnceIT {

    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String SCHEMA = "up_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    static final String SEED_ID = "wirestream:russia-expressed-concerns-about-japan-s-plan-to-deploy-the-d1ede3b2db6c93fd"; // content-derived, the same from every transport

    @TempDir
    static Path work;

    static UpSettings settings;

    @BeforeAll
    static void copySeeds() throws IOException {
        Path seeds = Files.createDirectories(work.resolve("seeds"));
        try (Stream<Path> files = Files.list(Path.of("..", "seeds"))) {
            for (Path f : files.toList()) {
                Files.copy(f, seeds.resolve(f.getFileName()));
            }
        }
        settings = new UpSettings(work.resolve("data"), work.resolve("inbox"), work.resolve("out"), List.of(seeds),
            0, 0, 0, 0, 3, null, POSTGRES_URL, "postgres", null, SCHEMA, Duration.ofMinutes(4));
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static String runOnce() throws Exception {
        StringWriter out = new StringWriter();
        int exit = new PipelineRun(settings, new PrintWriter(out, true), new PrintWriter(System.err, true)).run(true);
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    @Order(1)
    void firstRunPutsTheSeedStoryInEverySinkWithItsEntitiesAndTopics() throws Exception {
        String report = runOnce();
        assertThat(report).contains("Itsunori Onodera", "missile-defense", "Wirestream processed the copy", "JSON Lines out")
            .doesNotContain("dashboard"); // with --once the endpoints are closing: only what stays is listed

        try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", null); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT story_id FROM " + SCHEMA + ".articles")).containsExactly(SEED_ID);
            assertThat(strings(s, "SELECT story_id FROM " + SCHEMA + ".articles WHERE tsv @@ to_tsquery('missile & defense')"))
                .containsExactly(SEED_ID);
            assertThat(strings(s, "SELECT name FROM " + SCHEMA + ".article_entities"))
                .contains("Itsunori Onodera", "Sergei Shoigu", "Lockheed Martin", "Northern Territories", "Vladivostok");
            assertThat(strings(s, "SELECT code FROM " + SCHEMA + ".article_topics"))
                .contains("missile-defense", "northern-territories", "diplomacy", "defence");
        }

        List<JsonNode> lines = jsonLines();
        assertThat(lines).hasSize(1);
        JsonNode story = lines.get(0);
        assertThat(story.toString()).contains("Itsunori Onodera", "Lockheed Martin", "missile-defense", "northern-territories");
    }

    @Test
    @Order(2)
    void secondRunOverTheSameSeedsAddsNothing() throws Exception {
        long rowsBefore = rowCount();
        runOnce();
        assertThat(jsonLines()).hasSize(1);
        assertThat(rowCount()).isEqualTo(rowsBefore);
    }

    @Test
    @Order(3)
    void theStoryIsOnItsPerTopicTopicsAfterABrokerRestart() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(settings.dataDir().resolve("kafka"), 0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers())) {
            for (String slug : List.of("missile-defense", "northern-territories")) {
                Map<String, EnrichedArticle> onTopic = EnrichedLog.read(kafka.bootstrapServers(), registry.url(), "news.topic." + slug).latest();
                assertThat(onTopic).as(slug).containsOnlyKeys(SEED_ID);
                EnrichedArticle story = onTopic.get(SEED_ID);
                assertThat(story.getTopics()).extracting(TopicTag::getCode).contains(slug);
                assertThat(story.getEntities()).extracting(Entity::getName).contains("Sergey Lavrov", "Katsutoshi Kawano");
            }
        }
    }

    @Test
    @Order(4)
    void aRunAfterTheDataDirectoryWasDeletedWritesTheNewTopicsStoriesInANewOutputGeneration() throws Exception {
        try (Stream<Path> files = Files.walk(settings.dataDir())) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        // out/ still holds the first broker's files; offset 0 of the new news.enriched must not be taken as written
        UpSettings again = new UpSettings(settings.dataDir(), settings.inbox(), settings.outDir(), settings.inputs(),
            0, 0, 0, 0, 3, null, POSTGRES_URL, "postgres", null, SCHEMA, Duration.ofSeconds(100));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new PipelineRun(again, new PrintWriter(out, true), new PrintWriter(err, true)).run(true);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(jsonLines()).hasSize(1);
        try (Stream<Path> files = Files.walk(settings.outDir().resolve("superseded"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".jsonl")).count()).isEqualTo(1);
        }
    }

    /** The lines of the current output generation (not those moved to superseded/ after a topic was re-created). */
    private static List<JsonNode> jsonLines() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        Path superseded = settings.outDir().resolve("superseded");
        try (Stream<Path> files = Files.walk(settings.outDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl") && !p.startsWith(superseded)).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        lines.add(json.readTree(line));
                    }
                }
            }
        }
        return lines;
    }

    private static long rowCount() throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", null); Statement s = c.createStatement()) {
            long total = 0;
            for (String table : List.of("articles", "article_entities", "article_topics")) {
                try (ResultSet rs = s.executeQuery(String.format(Locale.ROOT, "SELECT count(*) FROM %s.%s", SCHEMA, table))) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
            return total;
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}

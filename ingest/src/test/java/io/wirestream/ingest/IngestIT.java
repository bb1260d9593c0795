package io.wirestream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.http.HttpServerConfig;
import io.wirestream.http.JettyHttpServer;
import io.wirestream.ingest.http.IngestHttpServer;
import io.wirestream.ingest.publish.ArticlePublisher;
import io.wirestream.ingest.source.FeedPoller;
import io.wirestream.ingest.source.FileSource;
import io.wirestream.ingest.source.HotFolderSource;
import io.wirestream.ingest.source.IngestSummary;
import io.wirestream.ingest.source.Ingestor;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sources and the publisher against a real embedded KRaft broker and schema registry. */
@WithKafka
class IngestIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration AT_MOST = Duration.ofSeconds(90);

    private static Ingestor ingestor(ArticlePublisher publisher, IngestSummary summary) {
        return new Ingestor(FormatSniffer.defaults(), publisher, summary, Duration.ofSeconds(60));
    }

    private static KafkaConsumer<String, RawArticle> consumer(KafkaEnv env) {
        Map<String, Object> props = new HashMap<>(env.consumerProps("ingest-it-" + System.nanoTime()));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(),
                AvroSerdes.specific(RawArticle.class, env.schemaRegistryUrl(), false).deserializer());
    }

    private static List<ConsumerRecord<String, RawArticle>> readAll(KafkaEnv env, String topic, int expected) {
        List<ConsumerRecord<String, RawArticle>> records = new ArrayList<>();
        try (KafkaConsumer<String, RawArticle> consumer = consumer(env)) {
            consumer.subscribe(List.of(topic));
            await().atMost(AT_MOST).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                assertThat(records).hasSizeGreaterThanOrEqualTo(expected);
            });
            // the publisher is closed, so the log ends where it will stay: read on to its end, and a record too many
            // (a duplicate) is in the list whatever the broker's speed
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            await().atMost(AT_MOST).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return records;
    }

    @Test
    void mixedFormatFolderDroppedIntoTheHotFolderEndsOnTheTopicAndInDoneOrRejectedWithNothingMissing(KafkaEnv env, @TempDir Path dir) throws Exception {
        String topic = env.randomTopic("news.raw");
        env.createTopic(topic, 3);
        Map<String, byte[]> good = new HashMap<>();
        good.put("seed.txt", Fixtures.seed("000_22ebd5df95e2d1f5.txt"));
        good.put("ap.anpa", Fixtures.bytes("anpa-1312", "ap-japan-russia-1stld.anpa"));
        good.put("dpa.txt", Fixtures.bytes("iptc-7901", "dpa-1st-lead.txt"));
        good.put("story.nitf.xml", Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml"));
        good.put("set.newsml.xml", Fixtures.bytes("newsml-g2", "newsmessage-itemset.xml"));
        good.put("items.json", Fixtures.bytes("ninjs", "ninjs2-items.json"));
        good.put("world.rss", Fixtures.bytes("rss", "example-world.rss"));
        good.put("world.atom", Fixtures.bytes("atom", "example-world.atom"));
        Map<String, byte[]> bad = Map.of(
                "xxe.xml", Fixtures.bytes("bad", "xxe.xml"),
                "lol.xml", Fixtures.bytes("bad", "billion-laughs.xml"),
                "image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        int expectedArticles = 1 + 1 + 1 + 1 + 2 + 2 + 2 + 2;

        IngestSummary summary = new IngestSummary();
        try (ArticlePublisher publisher = new ArticlePublisher(env.bootstrapServers(), env.schemaRegistryUrl(), topic);
             HotFolderSource hot = new HotFolderSource(dir, ingestor(publisher, summary), new ParseContext("hot", "wirestream", null, Clock.systemUTC()),
                     null, Duration.ofMillis(200), Duration.ofMillis(300))) {
            hot.start();
            Map<String, byte[]> all = new HashMap<>(good);
            all.putAll(bad);
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                Path tmp = dir.resolve(e.getKey() + ".tmp");
                Files.write(tmp, e.getValue());
                Files.move(tmp, dir.resolve(e.getKey()));
            }

            await().atMost(AT_MOST).untilAsserted(() -> {
                assertThat(names(hot.doneDir())).containsExactlyInAnyOrderElementsOf(good.keySet());
                assertThat(names(hot.rejectedDir())).containsExactlyInAnyOrder("xxe.xml", "xxe.xml.error", "lol.xml", "lol.xml.error",
                        "image.png", "image.png.error");
            });
            assertThat(names(dir)).containsExactlyInAnyOrder("done", "rejected");
            assertThat(Files.readString(hot.rejectedDir().resolve("xxe.xml.error")))
                    .contains("format: nitf").contains("location: ").contains("external entit");
            assertThat(Files.readString(hot.rejectedDir().resolve("image.png.error"))).contains("format: unknown");
            assertThat(publisher.metrics().snapshot()).containsEntry("articles-published-total", (double) expectedArticles);
        }
        List<ConsumerRecord<String, RawArticle>> records = readAll(env, topic, expectedArticles);
        assertThat(records).hasSize(expectedArticles);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getStoryId()));
        assertThat(records).extracting(r -> r.value().getFormat())
                .contains("plain-text", "anpa-1312", "iptc-7901", "nitf", "newsml-g2", "ninjs", "rss", "atom");
        assertThat(summary.accepted()).isEqualTo(good.size());
        assertThat(summary.rejected()).isEqualTo(bad.size());
    }

    @Test
    void httpPostIsAcceptedWith202AndAnOffsetThatHoldsTheRecord(KafkaEnv env) throws Exception {
        String topic = env.randomTopic("news.raw");
        env.createTopic(topic, 3);
        HttpClient client = HttpClient.newHttpClient();
        try (ArticlePublisher publisher = new ArticlePublisher(env.bootstrapServers(), env.schemaRegistryUrl(), topic);
             IngestHttpServer server = new IngestHttpServer(new InetSocketAddress("127.0.0.1", 0),
                     new Ingestor(FormatSniffer.defaults(4096), publisher, publisher.metrics(), Duration.ofSeconds(60)),
                     new ParseContext("http", "wirestream", null, Clock.systemUTC()), publisher.metrics()::snapshot).start()) {
            URI articles = URI.create("http://127.0.0.1:" + server.port() + "/articles");

            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(articles).header("Content-Type", "application/nitf+xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(202);
            JsonNode body = JSON.readTree(ok.body());
            assertThat(body.get("id").asText()).isEqualTo("urn:publicid:ap.org:2018-07-31:japan-russia");
            assertThat(body.get("version").asInt()).isEqualTo(2);

            TopicPartition tp = new TopicPartition(topic, body.get("partition").asInt());
            try (KafkaConsumer<String, RawArticle> consumer = consumer(env)) {
                consumer.assign(List.of(tp));
                consumer.seek(tp, body.get("offset").asLong());
                AtomicReference<ConsumerRecord<String, RawArticle>> first = new AtomicReference<>();
                await().atMost(AT_MOST).until(() -> {
                    consumer.poll(Duration.ofMillis(500)).records(tp).stream().findFirst().ifPresent(first::set);
                    return first.get() != null;
                });
                assertThat(first.get().offset()).isEqualTo(body.get("offset").asLong());
                assertThat(first.get().key()).isEqualTo("urn:publicid:ap.org:2018-07-31:japan-russia");
                assertThat(first.get().value().getVersion()).isEqualTo(2);
                assertThat(first.get().value().getHeadline()).isEqualTo("Russia voices concern over Japan's Aegis Ashore plan");
            }

            HttpResponse<String> bad = client.send(HttpRequest.newBuilder(articles).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofString("<nitf><head></nitf>")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("location").asText()).contains("line 1");

            HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(articles)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2, 3, (byte) 0xFF})).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(415);

            HttpResponse<String> large = client.send(HttpRequest.newBuilder(articles)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(large.statusCode()).isEqualTo(413);

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void reingestingTheSameFileGivesARecordWithTheSameStoryIdAndVersion(KafkaEnv env, @TempDir Path dir) throws Exception {
        String topic = env.randomTopic("news.raw");
        env.createTopic(topic, 3);
        Path seed = dir.resolve("000_22ebd5df95e2d1f5.txt");
        Files.write(seed, Fixtures.seed("000_22ebd5df95e2d1f5.txt"));
        Path anpa = dir.resolve("ap.anpa");
        Files.write(anpa, Fixtures.bytes("anpa-1312", "ap-japan-russia-1stld.anpa"));
        try (ArticlePublisher publisher = new ArticlePublisher(env.bootstrapServers(), env.schemaRegistryUrl(), topic)) {
            FileSource files = new FileSource(ingestor(publisher, new IngestSummary()), ParseContext.of("cli"), null);
            List<Ingestor.Outcome> first = files.ingest(List.of(seed.toString(), anpa.toString()), InputStream.nullInputStream());
            List<Ingestor.Outcome> again = files.ingest(List.of(seed.toString(), anpa.toString()), InputStream.nullInputStream());
            assertThat(first).allMatch(Ingestor.Outcome::accepted);
            assertThat(again).allMatch(Ingestor.Outcome::accepted);
            assertThat(again.get(0).deliveries().get(0).partition()).isEqualTo(first.get(0).deliveries().get(0).partition());
        }
        List<ConsumerRecord<String, RawArticle>> records = readAll(env, topic, 4);
        Map<String, List<RawArticle>> byKey = new HashMap<>();
        records.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        assertThat(byKey).containsOnlyKeys("wirestream:russia-expressed-concerns-about-japan-s-plan-to-deploy-the-d1ede3b2db6c93fd", "AP:Japan-Russia:07-31");
        byKey.values().forEach(versions -> {
            assertThat(versions).hasSize(2);
            assertThat(versions.get(1).getVersion()).isEqualTo(versions.get(0).getVersion());
            assertThat(versions.get(1).getContentHash()).isEqualTo(versions.get(0).getContentHash());
        });
    }

    @Test
    void feedPollerUsesTheEtagAndDoesNotRepublishAfterARestart(KafkaEnv env, @TempDir Path dir) throws Exception {
        String topic = env.randomTopic("news.raw");
        env.createTopic(topic, 1);
        AtomicReference<byte[]> feed = new AtomicReference<>(Fixtures.bytes("rss", "example-world.rss"));
        AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
        AtomicInteger notModified = new AtomicInteger();
        JettyHttpServer origin = JettyHttpServer.bind("feed-origin", HttpServerConfig.defaults("127.0.0.1", 0), new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!request.getHttpURI().getPath().equals("/world.rss")) {
                    return false;
                }
                if (etag.get().equals(request.getHeaders().get("If-None-Match"))) {
                    notModified.incrementAndGet();
                    response.setStatus(304);
                    callback.succeeded();
                    return true;
                }
                response.getHeaders().put("Content-Type", "application/rss+xml; charset=utf-8");
                response.getHeaders().put("ETag", etag.get());
                response.write(true, ByteBuffer.wrap(feed.get()), callback);
                return true;
            }
        }).start();
        URI url = URI.create("http://127.0.0.1:" + origin.port() + "/world.rss");
        Path state = dir.resolve("feed-state.json");
        try (ArticlePublisher publisher = new ArticlePublisher(env.bootstrapServers(), env.schemaRegistryUrl(), topic)) {
            Ingestor ingestor = ingestor(publisher, new IngestSummary());
            try (FeedPoller poller = new FeedPoller(List.of(url), ingestor, state, Duration.ofMinutes(5), Clock.systemUTC())) {
                assertThat(poller.pollOnce()).isEqualTo(2);
                assertThat(poller.pollOnce()).isZero();
                assertThat(notModified.get()).isEqualTo(1);
            }
            // the feed gains an item and a new ETag; a restarted poller publishes only that one
            String withThird = new String(feed.get(), StandardCharsets.UTF_8).replace("</channel>",
                    "<item><title>Third story</title><guid>example-news-third</guid><description>New text.</description></item></channel>");
            feed.set(withThird.getBytes(StandardCharsets.UTF_8));
            etag.set("\"v2\"");
            try (FeedPoller restarted = new FeedPoller(List.of(url), ingestor, state, Duration.ofMinutes(5), Clock.systemUTC())) {
                assertThat(restarted.pollOnce()).isEqualTo(1);
            }
        } finally {
            origin.close();
        }
        List<ConsumerRecord<String, RawArticle>> records = readAll(env, topic, 3);
        assertThat(records).extracting(ConsumerRecord::key)
                .containsExactly("example-news-20180731-japan-russia", "https://news.example.com/world/2018/07/31/northern-territories", "example-news-third");
        assertThat(records.get(0).value().getSource()).isEqualTo("Example News - World");
    }

    @Test
    void oneShotIngestOfAFolderPublishesEveryArticleAndExitsZero(KafkaEnv env, @TempDir Path dir) throws Exception {
        String topic = env.randomTopic("news.raw");
        env.createTopic(topic, 3);
        Files.write(dir.resolve("seed.txt"), Fixtures.seed("000_22ebd5df95e2d1f5.txt"));
        Files.write(dir.resolve("items.json"), Fixtures.bytes("ninjs", "ninjs2-items.json"));
        IngestApp.Config cfg = new IngestApp.Config(List.of(dir.toString()), false, null, env.bootstrapServers(), env.schemaRegistryUrl(),
                topic, null, null, "127.0.0.1", List.of(), Duration.ofMinutes(5), null, FormatSniffer.DEFAULT_MAX_BYTES, "wirestream",
                null, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(60));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int exit = IngestApp.run(cfg, InputStream.nullInputStream(), System.out, new java.io.PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("summary: accepted 2 (3 articles), rejected 0");
        assertThat(readAll(env, topic, 3)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("wirestream:russia-expressed-concerns-about-japan-s-plan-to-deploy-the-d1ede3b2db6c93fd", "urn:example:ninjs:2018-07-31:aegis-cost", "urn:example:ninjs:2018-07-30:kuril-drill");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}

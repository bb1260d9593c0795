package io.wirestream.ingest.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wirestream.http.HttpServerConfig;
import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.source.ArticleSink;
import io.wirestream.ingest.source.Delivery;
import io.wirestream.ingest.source.Ingestor;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.schemas.RawArticle;
import io.wirestream.testkit.http.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Clients that misbehave (slowly, half-way, too big, mislabelled) get a bounded answer and publish nothing. */
class IngestHttpAbuseTest {

    private static final int MAX_BYTES = 4096;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(IngestHttpServer.class);
    private final List<RawArticle> published = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private IngestHttpServer server;
    private RawHttp raw;

    @BeforeEach
    void start() throws Exception {
        logged.start();
        logger.addAppender(logged);
        ArticleSink sink = article -> {
            published.add(article);
            return CompletableFuture.completedFuture(new Delivery(article.getStoryId(), article.getVersion(), "news.raw", 0, published.size()));
        };
        server = new IngestHttpServer(new InetSocketAddress("127.0.0.1", 0),
                new Ingestor(FormatSniffer.defaults(MAX_BYTES), sink, null, Duration.ofSeconds(5)), Fixtures.context("http"), null).start();
        raw = new RawHttp(server.port());
    }

    @AfterEach
    void stop() {
        raw.close();
        server.close();
        logger.detachAppender(logged);
    }

    private HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/articles"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> health() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> lines() {
        synchronized (logged) {
            return new ArrayList<>(logged.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(" from ")).toList());
        }
    }

    private static String postHead(String extraHeaders) {
        return "POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void aValidPostAndHealthAnswerPromptlyWhileTwoHundredClientsTrickleTheirBodies() throws Exception {
        raw.slowClients(200, postHead("Content-Length: 3000\r\n"), "slow", 500);
        raw.slowClients(4, "", "POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\n", 500);

        // the client's own 5 s timeout fails the test if the post waits behind the slow ones
        assertThat(post("application/nitf+xml", Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml")).statusCode()).isEqualTo(202);
        assertThat(health().statusCode()).isEqualTo(200);
        assertThat(published).hasSize(1);
    }

    @Test
    void aBodyCutOffMidTransferIs400RequestBodyIncompleteAndNothingIsPublished() throws Exception {
        byte[] story = Fixtures.seed("000_22ebd5df95e2d1f5.txt");
        Socket s = raw.open(postHead("Content-Length: " + story.length + "\r\n"));
        s.getOutputStream().write(Arrays.copyOf(story, story.length / 2));
        s.getOutputStream().flush();
        s.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines()).anySatisfy(line ->
                assertThat(line).startsWith("POST /articles from 127.0.0.1: 400 request body incomplete")));
        assertThat(published).isEmpty();
        // the server is fine afterwards
        assertThat(post("text/plain", story).statusCode()).isEqualTo(202);
        assertThat(published).hasSize(1);
    }

    @Test
    void aBodyCutOffByHalfClosingIsAlso400AndNotAShorterStory() throws Exception {
        byte[] story = Fixtures.seed("000_22ebd5df95e2d1f5.txt");
        Socket s = raw.open(postHead("Content-Length: " + story.length + "\r\n"));
        s.getOutputStream().write(Arrays.copyOf(story, story.length / 2));
        s.shutdownOutput();

        assertThat(RawHttp.statusLine(s)).startsWith("HTTP/1.1 400");
        assertThat(published).isEmpty();
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAnyOfTheBodyIsSent() throws Exception {
        Socket s = raw.open(postHead("Content-Length: 1000000\r\n"));

        assertThat(RawHttp.statusLine(s)).startsWith("HTTP/1.1 413");
        assertThat(published).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhileTheClientIsStillSending() throws Exception {
        Socket s = raw.open(postHead("Transfer-Encoding: chunked\r\n"));
        byte[] chunk = new byte[MAX_BYTES + 1];
        Arrays.fill(chunk, (byte) 'a');
        s.getOutputStream().write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(chunk);
        s.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        // no terminating chunk: the body is not over, the answer comes anyway

        assertThat(RawHttp.statusLine(s)).startsWith("HTTP/1.1 413");
        assertThat(published).isEmpty();
    }

    @Test
    void anUnknownCharsetIs415AndNothingIsPublished() throws Exception {
        HttpResponse<String> r = post("text/plain; charset=no-such-charset", Fixtures.seed("000_22ebd5df95e2d1f5.txt"));

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("unsupported charset in Content-Type");
        assertThat(published).isEmpty();
    }

    @Test
    void aContentTypeThatNamesTheWrongFormatIs400FromThatFormatsParser() throws Exception {
        HttpResponse<String> r = post("application/json", Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"format\":\"ninjs\"");
        assertThat(published).isEmpty();
    }

    @Test
    void aContentTypeThatNamesNoFormatLeavesTheFormatToSniffing() throws Exception {
        assertThat(post("application/octet-stream", Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml")).statusCode()).isEqualTo(202);
        assertThat(post(";;;", Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml")).statusCode()).isEqualTo(202);
        assertThat(published).extracting(RawArticle::getFormat).containsExactly("nitf", "nitf");
    }

    @Test
    void aBodyThatTricklesPastTheBodyTimeoutIs408AndNothingIsPublished() throws Exception {
        try (IngestHttpServer strict = new IngestHttpServer(HttpServerConfig.defaults("127.0.0.1", 0)
                        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1)),
                new Ingestor(FormatSniffer.defaults(MAX_BYTES), article -> {
                    published.add(article);
                    return CompletableFuture.completedFuture(new Delivery(article.getStoryId(), 1, "news.raw", 0, 0));
                }, null, Duration.ofSeconds(5)), Fixtures.context("http"), null).start();
             RawHttp slow = new RawHttp(strict.port())) {
            // never idle (a byte every 100 ms), never done: only the body deadline ends it
            Socket s = slow.open(postHead("Content-Length: 3000\r\n"));
            slow.trickle(s, "x", 100);

            assertThat(RawHttp.statusLine(s)).startsWith("HTTP/1.1 408");
            assertThat(published).isEmpty();
        }
    }

    /** A broker that acknowledges (and records) an article only once {@code release} is counted down. */
    private ArticleSink slowBroker(CountDownLatch release) {
        return article -> CompletableFuture.supplyAsync(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            published.add(article);
            return new Delivery(article.getStoryId(), article.getVersion(), "news.raw", 0, published.size());
        });
    }

    @Test
    void whenEveryWorkerIsBusyAndTheQueueIsFullAPostIs503WithRetryAfterAndIsNotPublished() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ArticleSink slowBroker = slowBroker(release);
        try (IngestHttpServer busy = new IngestHttpServer(HttpServerConfig.defaults("127.0.0.1", 0).withWorkers(1, 1),
                new Ingestor(FormatSniffer.defaults(MAX_BYTES), slowBroker, null, Duration.ofSeconds(30)), Fixtures.context("http"), null).start()) {
            URI articles = URI.create("http://127.0.0.1:" + busy.port() + "/articles");
            java.util.function.Function<String, HttpRequest> story = text -> HttpRequest.newBuilder(articles)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(text)).build();
            CompletableFuture<HttpResponse<String>> publishing = client.sendAsync(story.apply("First story\n\nBeing published."), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.workersBusy() == 1);
            CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(story.apply("Second story\n\nWaiting."), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.postsWaiting() == 1);

            HttpResponse<String> refused = client.send(story.apply("Third story\n\nRefused."), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            release.countDown();
            assertThat(publishing.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            assertThat(published).extracting(RawArticle::getHeadline).containsExactlyInAnyOrder("First story", "Second story");
        }
    }

    @Test
    void aClientThatSentItsWholeBodyAndLeftWhileItsPostWaitedHasNothingPublishedAndIsCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ArticleSink slowBroker = slowBroker(release);
        try (io.wirestream.ingest.publish.IngestMetrics metrics = new io.wirestream.ingest.publish.IngestMetrics();
             IngestHttpServer busy = new IngestHttpServer(HttpServerConfig.defaults("127.0.0.1", 0).withWorkers(1, 2),
                     new Ingestor(FormatSniffer.defaults(MAX_BYTES), slowBroker, metrics, Duration.ofSeconds(30)), Fixtures.context("http"),
                     metrics::snapshot).start();
             RawHttp clients = new RawHttp(busy.port())) {
            URI articles = URI.create("http://127.0.0.1:" + busy.port() + "/articles");
            java.util.function.Function<String, HttpRequest> story = text -> HttpRequest.newBuilder(articles)
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(text)).build();
            CompletableFuture<HttpResponse<String>> publishing = client.sendAsync(story.apply("First story\n\nBeing published."), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.workersBusy() == 1);

            byte[] gone = "Gone story\n\nIts client left.".getBytes(StandardCharsets.UTF_8);
            Socket leaving = clients.open(postHead("Content-Length: " + gone.length + "\r\n"));
            leaving.getOutputStream().write(gone);
            leaving.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.postsWaiting() == 1);
            leaving.close();
            CompletableFuture<HttpResponse<String>> staying = client.sendAsync(story.apply("Third story\n\nIts client waits."), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.postsWaiting() == 2);

            release.countDown();
            assertThat(publishing.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            assertThat(staying.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            assertThat(published).extracting(RawArticle::getHeadline).containsExactlyInAnyOrder("First story", "Third story");
            assertThat(lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("POST /articles from 127.0.0.1: 499 client closed the connection before its post was published"));
            assertThat(metrics.snapshot()).containsEntry("posts-abandoned-total", 1.0);
        }
    }

    @Test
    void noOtherAnswerCarriesRetryAfter() throws Exception {
        assertThat(post("text/plain; charset=no-such-charset", new byte[] {'a'}).headers().firstValue("Retry-After")).isEmpty();
        assertThat(post(null, new byte[5000]).headers().firstValue("Retry-After")).isEmpty();
    }
}

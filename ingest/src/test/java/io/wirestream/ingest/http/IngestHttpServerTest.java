package io.wirestream.ingest.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.source.ArticleSink;
import io.wirestream.ingest.source.Delivery;
import io.wirestream.ingest.source.Ingestor;
import io.wirestream.ingest.testutil.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IngestHttpServerTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(IngestHttpServer.class);
    private final AtomicBoolean brokerDown = new AtomicBoolean();
    private final HttpClient client = HttpClient.newHttpClient();
    private IngestHttpServer server;

    @BeforeEach
    void start() throws Exception {
        logged.start();
        logger.addAppender(logged);
        ArticleSink sink = article -> brokerDown.get()
                ? CompletableFuture.failedFuture(new IllegalStateException("broker down"))
                : CompletableFuture.completedFuture(new Delivery(article.getStoryId(), article.getVersion(), "news.raw", 1, 42));
        server = new IngestHttpServer(new InetSocketAddress("127.0.0.1", 0),
                new Ingestor(FormatSniffer.defaults(4096), sink, null, Duration.ofSeconds(5)), Fixtures.context("http"), null).start();
    }

    @AfterEach
    void stop() {
        server.close();
        logger.detachAppender(logged);
    }

    private int post(String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/articles"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The request lines logged so far (the server logs once the response is sent, so wait for them). */
    private List<ILoggingEvent> requestLines(int expected) {
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot().size() >= expected);
        return snapshot();
    }

    private List<ILoggingEvent> snapshot() {
        synchronized (logged) {
            return new ArrayList<>(logged.list.stream().filter(e -> e.getFormattedMessage().contains(" from ")).toList());
        }
    }

    @Test
    void anAcceptedPostIsOneInfoLineWithTheStoryAndWhereItWasStored() throws Exception {
        byte[] nitf = Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml");

        assertThat(post("application/nitf+xml", nitf)).isEqualTo(202);

        assertThat(requestLines(1)).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).matches("POST /articles from 127\\.0\\.0\\.1: 202 story "
                    + "urn:publicid:ap\\.org:2018-07-31:japan-russia v2 -> news\\.raw-1@42 \\(nitf, " + nitf.length + " bytes, \\d+ ms\\)");
        });
    }

    @Test
    void rejectedPostsAreWarnLinesWithTheStatusAndTheReasonButNotTheBody() throws Exception {
        assertThat(post("application/xml", Fixtures.bytes("bad", "xxe.xml"))).isEqualTo(400);
        assertThat(post("application/xml", "<nitf><head>SECRET-BODY</nitf>".getBytes())).isEqualTo(400);
        assertThat(post(null, new byte[5000])).isEqualTo(413);
        assertThat(post(null, new byte[] {0, 1, 2, 3, (byte) 0xFF})).isEqualTo(415);

        List<ILoggingEvent> lines = requestLines(4);
        assertThat(lines).hasSize(4).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).startsWith("POST /articles from 127.0.0.1: 4").doesNotContain("SECRET-BODY");
            assertThat(e.getThrowableProxy()).isNull();
        });
        // one line per request; a line is written once its answer is sent, so two requests' lines may swap places
        List<String> messages = lines.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(": 400 ").contains("external entit").contains("(nitf, "));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(": 400 ").contains(" at line 1, column "));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(": 413 input of 5000 bytes exceeds the limit of 4096 bytes (5000 bytes, "));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(": 415 ").contains("(5 bytes, "));
    }

    @Test
    void aPostTheBrokerDidNotAcknowledgeIsAnErrorLine() throws Exception {
        brokerDown.set(true);

        assertThat(post("application/nitf+xml", Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml"))).isEqualTo(503);

        assertThat(requestLines(1)).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getFormattedMessage()).startsWith("POST /articles from 127.0.0.1: 503 not acknowledged by the broker: ")
                    .contains("broker down");
        });
    }

    @Test
    void aWrongMethodIsAWarnLine() throws Exception {
        HttpResponse<Void> get = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/articles")).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(requestLines(1)).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).matches("GET /articles from 127\\.0\\.0\\.1: 405 POST the wire bytes to /articles \\(\\d+ ms\\)");
        });
    }

    @Test
    void severalStoriesInOnePostAreCountedAndTheFirstFewListed() {
        List<Delivery> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(new Delivery("s-" + i, 1, "news.raw", 0, 10 + i));
        }

        assertThat(IngestHttpServer.stored(five))
                .isEqualTo("5 stories: s-1 v1 -> news.raw-0@11, s-2 v1 -> news.raw-0@12, s-3 v1 -> news.raw-0@13 and 2 more");
        assertThat(IngestHttpServer.stored(five.subList(0, 1))).isEqualTo("story s-1 v1 -> news.raw-0@11");
    }

    @Test
    void aLogLineStaysOneLineWhateverTheClientSent() {
        assertThat(IngestHttpServer.line("POST", "/articles\r\nFAKE ENTRY", "10.0.0.1", 404, "nope", null, -1, 3))
                .isEqualTo("POST /articles  FAKE ENTRY from 10.0.0.1: 404 nope (3 ms)");
    }
}

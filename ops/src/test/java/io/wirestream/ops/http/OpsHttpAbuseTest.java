package io.wirestream.ops.http;

import io.wirestream.ops.alert.AlertState;
import io.wirestream.ops.history.OpsHistory;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.pipeline.PipelineSnapshot;
import io.wirestream.testkit.http.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Slow or oversized clients do not take the ops endpoints down. */
class OpsHttpAbuseTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private OpsHttpServer server;
    private RawHttp raw;

    /** Only what /healthz and /metrics read. */
    private static final class HealthyView implements OpsView {
        @Override public LagSnapshot lag() { return LagSnapshot.empty(Instant.now()); }
        @Override public Map<String, AlertState> alerts() { return Map.of(); }
        @Override public PipelineSnapshot pipeline() { throw new UnsupportedOperationException(); }
        @Override public OpsHistory history() { throw new UnsupportedOperationException(); }
        @Override public Duration window() { return Duration.ofMinutes(5); }
        @Override public Duration pollInterval() { return Duration.ofSeconds(1); }
        @Override public String metricsText() { return "wirestream_up 1\n"; }
    }

    @BeforeEach
    void start() throws Exception {
        server = OpsHttpServer.start(new HealthyView(), "127.0.0.1", 0);
        raw = new RawHttp(server.port());
    }

    @AfterEach
    void stop() {
        raw.close();
        server.close();
    }

    private int get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void healthzAndMetricsAnswerWhileTwoHundredClientsSendTheirHeadersAByteAtATime() throws Exception {
        raw.slowClients(200, "G", "ET /healthz HTTP/1.1\r\nX-Slow: ", 500);

        // the client's own 5 s timeout fails the test if these wait behind the slow ones
        assertThat(get("/healthz")).isEqualTo(200);
        assertThat(get("/metrics")).isEqualTo(200);
    }

    @Test
    void aPostWithALargeBodyIs405WithoutTheBodyBeingRead() throws Exception {
        Socket s = raw.open("POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\n");

        assertThat(RawHttp.statusLine(s)).startsWith("HTTP/1.1 405");
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        Socket s = raw.open("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(16 * 1024) + "\r\n\r\n");

        assertThat(RawHttp.statusLine(s)).startsWith("HTTP/1.1 431");
    }
}

package io.wirestream.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JettyHttpServerTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Answers 200 with what RequestBody made of the body: "complete 12", "too-large 4096", ... */
    private JettyHttpServer echo(HttpServerConfig config, long maxBytes) throws IOException {
        JettyHttpServer server = JettyHttpServer.bind("test-http", config, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                RequestBody.read(request, maxBytes, config.bodyTimeout(), body -> {
                    String text;
                    if (body instanceof RequestBody.Complete c) {
                        text = "complete " + c.bytes().length;
                    } else if (body instanceof RequestBody.TooLarge t) {
                        text = "too-large " + t.declared();
                    } else if (body instanceof RequestBody.Incomplete i) {
                        text = "incomplete " + i.received();
                    } else {
                        text = "timed-out " + ((RequestBody.TimedOut) body).received();
                    }
                    Responses.send(request, response, callback, 200, Responses.TEXT, text);
                });
                return true;
            }
        }).start();
        open.add(server);
        return server;
    }

    private Socket connect(JettyHttpServer server, String head) throws IOException {
        Socket s = new Socket();
        open.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /** The response's last line (its body, for these one-line answers). */
    private static String body(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        String whole = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
        return whole.substring(whole.lastIndexOf('\n') + 1);
    }

    private static String post(int length) {
        return "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + length + "\r\n\r\n";
    }

    @Test
    void aCompleteBodyIsHandedOnWhole() throws Exception {
        Socket s = connect(echo(HttpServerConfig.defaults("127.0.0.1", 0), 100), post(12) + "hello world!");

        assertThat(body(s)).isEqualTo("complete 12");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsTooLargeBeforeAnyByteOfTheBody() throws Exception {
        Socket s = connect(echo(HttpServerConfig.defaults("127.0.0.1", 0), 100), post(101));

        assertThat(body(s)).isEqualTo("too-large 101");
    }

    @Test
    void aChunkedBodyIsTooLargeAsSoonAsItPassesTheLimit() throws Exception {
        Socket s = connect(echo(HttpServerConfig.defaults("127.0.0.1", 0), 100),
                "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n" + "a".repeat(101) + "\r\n");

        assertThat(body(s)).isEqualTo("too-large -1");
    }

    @Test
    void aBodyCutOffByTheClientIsIncomplete() throws Exception {
        Socket s = connect(echo(HttpServerConfig.defaults("127.0.0.1", 0), 100), post(50) + "only twenty bytes...");
        s.shutdownOutput();

        assertThat(body(s)).isEqualTo("incomplete 20");
    }

    @Test
    void aBodyStillArrivingAtTheDeadlineIsTimedOut() throws Exception {
        HttpServerConfig config = HttpServerConfig.defaults("127.0.0.1", 0).withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(500));
        Socket s = connect(echo(config, 100), post(50) + "abc");

        assertThat(body(s)).isEqualTo("timed-out 3");
    }

    @Test
    void aPortInUseFailsAtBindWithTheJdksBindException() throws Exception {
        JettyHttpServer first = echo(HttpServerConfig.defaults("127.0.0.1", 0), 100);

        assertThatThrownBy(() -> echo(HttpServerConfig.defaults("127.0.0.1", first.port()), 100))
                .isInstanceOf(IOException.class).hasRootCauseInstanceOf(BindException.class);
    }

    @Test
    void theWorkPoolSaysNoOnceItsThreadsAndQueueAreFull() throws Exception {
        JettyHttpServer server = echo(HttpServerConfig.defaults("127.0.0.1", 0).withWorkers(1, 1), 100);
        CountDownLatch release = new CountDownLatch(1);
        Runnable blocked = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        try {
            assertThat(server.work().offer(blocked)).isTrue();
            assertThat(server.work().offer(blocked)).isTrue();
            assertThat(server.work().offer(blocked)).isFalse();
        } finally {
            release.countDown();
        }
    }

    @Test
    void withBasicAuthOnlyTheConfiguredUserGetsIn() throws Exception {
        JettyHttpServer server = echo(HttpServerConfig.defaults("127.0.0.1", 0).withBasicAuth("desk", "s3cret"), 100);
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");

        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("desk", "guess")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> right = client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("desk", "s3cret")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("complete 0");
    }

    @Test
    void withTlsTheServerSpeaksHttps(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        JettyHttpServer server = echo(HttpServerConfig.defaults("127.0.0.1", 0).withTls(keyStore, "changeit"), 100);
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll).build();

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("tls")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("complete 3");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

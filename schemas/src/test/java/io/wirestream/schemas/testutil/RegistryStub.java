package io.wirestream.schemas.testutil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny scripted HTTP peer on loopback: answers each request with the next queued response (or the last one
 * again when the queue runs dry) and records every request it got.
 */
public final class RegistryStub implements AutoCloseable {

    public static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    /** A request as the stub saw it. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", e.getValue());
                }
            }
            return null;
        }
    }

    /** A scripted answer. */
    public record Answer(int status, String contentType, String body) { }

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private Answer last = new Answer(500, MEDIA_TYPE, "{\"error_code\":50001,\"message\":\"stub has no answer scripted\"}");

    private RegistryStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static RegistryStub start() {
        try {
            return new RegistryStub();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the stub registry", e);
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an answer with the registry's media type. */
    public RegistryStub answer(int status, String body) {
        return answer(new Answer(status, MEDIA_TYPE, body));
    }

    public synchronized RegistryStub answer(Answer answer) {
        answers.add(answer);
        return this;
    }

    /** Queues the registry's error body {@code {"error_code": code, "message": message}}. */
    public RegistryStub error(int status, int errorCode, String message) {
        return answer(status, "{\"error_code\":" + errorCode + ",\"message\":\"" + message.replace("\"", "\\\"") + "\"}");
    }

    /** Forgets the queued answers and the recorded requests (to reuse one stub across tests: stopping one takes ~1 s). */
    public synchronized RegistryStub reset() {
        answers.clear();
        requests.clear();
        last = new Answer(500, MEDIA_TYPE, "{\"error_code\":50001,\"message\":\"stub has no answer scripted\"}");
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded lastRequest() {
        return requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer;
            synchronized (this) {
                answer = answers.isEmpty() ? last : answers.poll();
                last = answer;
            }
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.wirestream.schemas.testutil;

import io.wirestream.http.HttpServerConfig;
import io.wirestream.http.JettyHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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

    private final JettyHttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private Answer last = new Answer(500, MEDIA_TYPE, "{\"error_code\":50001,\"message\":\"stub has no answer scripted\"}");

    private RegistryStub() throws IOException {
        server = JettyHttpServer.bind("registry-stub", HttpServerConfig.defaults("127.0.0.1", 0), new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                RegistryStub.this.handle(request, response, callback);
                return true;
            }
        }).start();
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
        return "http://127.0.0.1:" + server.port();
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

    private void handle(Request request, Response response, Callback callback) throws IOException {
        String body;
        try (InputStream in = Request.asInputStream(request)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        requests.add(new Recorded(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                Map.copyOf(headers), body));
        Answer answer;
        synchronized (this) {
            answer = answers.isEmpty() ? last : answers.poll();
            last = answer;
        }
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.getHeaders().add("Content-Type", answer.contentType());
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public void close() {
        server.close();
    }
}

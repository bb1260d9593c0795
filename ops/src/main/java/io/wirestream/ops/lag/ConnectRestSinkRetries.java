package io.wirestream.ops.lag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sink tasks that retry their database, read from a Connect worker in another process: its
 * {@code GET /wirestream/sink-retries} (the sink's {@code SinkRetryRestExtension}, on every worker that
 * {@code EmbeddedConnect} or the compose file starts). For {@link LagMonitor#withSinkRetries} when the lag monitor
 * does not share the worker's JVM ({@code wirestream lag --connect-url}). A worker that cannot be reached, or one
 * without the extension, reports nothing (logged at DEBUG by the monitor as an empty list, never a failed poll).
 */
public final class ConnectRestSinkRetries implements Supplier<List<SinkRetry>> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final HttpClient client;
    private final Duration timeout;

    /** {@code workerUrl} is the worker's REST root, e.g. {@code http://127.0.0.1:8083}. */
    public ConnectRestSinkRetries(URI workerUrl, Duration timeout) {
        String root = workerUrl.toString().endsWith("/") ? workerUrl.toString() : workerUrl + "/";
        this.endpoint = URI.create(root + "wirestream/sink-retries");
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public List<SinkRetry> get() {
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static List<SinkRetry> parse(String body) {
        List<SinkRetry> out = new ArrayList<>();
        JsonNode list;
        try {
            list = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not a sink retry list: " + e.getMessage(), e);
        }
        for (JsonNode t : list) {
            if ("RETRYING".equals(t.path("state").asText())) {
                out.add(new SinkRetry(t.path("connector").asText(), t.path("task").asInt(), t.path("system").asText("its database"),
                    t.path("reason").asText(), Instant.ofEpochMilli(t.path("since_epoch_ms").asLong()), t.path("attempts").asInt()));
            }
        }
        return out;
    }
}

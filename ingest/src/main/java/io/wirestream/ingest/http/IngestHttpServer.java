package io.wirestream.ingest.http;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wirestream.ingest.format.InputTooLargeException;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.UnknownFormatException;
import io.wirestream.ingest.source.BoundedInput;
import io.wirestream.ingest.source.Delivery;
import io.wirestream.ingest.source.Ingestor;
import io.wirestream.ingest.source.Plural;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * HTTP push endpoint on the JDK's HTTP server.
 *
 * <ul>
 *   <li>{@code POST /articles} with the wire bytes; the format comes from {@code ?format=}, else the Content-Type
 *       ({@code application/nitf+xml}, {@code application/vnd.iptc.g2.newsitem+xml}, {@code application/ninjs+json},
 *       {@code application/json}, {@code application/rss+xml}, {@code application/atom+xml}), else sniffing; its
 *       {@code charset} parameter is the declared charset. Answers once the broker acknowledged:
 *       {@code 202 {"id","version","partition","offset"}} (plus {@code "articles":[...]} when the input held several);
 *       {@code 400 {"error","format","location"}} for bad input; {@code 413} past the size limit; {@code 415} for an
 *       unknown format; {@code 503} when the broker did not acknowledge.</li>
 *   <li>{@code GET /health}: {@code 200 {"status":"UP"}} plus the metrics given to the constructor.</li>
 * </ul>
 */
public final class IngestHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestHttpServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "application/nitf+xml", "nitf", "application/vnd.nitf+xml", "nitf",
            "application/vnd.iptc.g2.newsitem+xml", "newsml-g2", "application/vnd.iptc.g2.newsmessage+xml", "newsml-g2",
            "application/ninjs+json", "ninjs", "application/vnd.ninjs+json", "ninjs", "application/json", "ninjs",
            "application/rss+xml", "rss", "application/atom+xml", "atom");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Ingestor ingestor;
    private final ParseContext template;
    private final Supplier<Map<String, Double>> metrics;

    public IngestHttpServer(InetSocketAddress bind, Ingestor ingestor, ParseContext template, Supplier<Map<String, Double>> metrics)
            throws IOException {
        this.ingestor = ingestor;
        this.template = template;
        this.metrics = metrics == null ? Map::of : metrics;
        this.server = HttpServer.create(bind, 64);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "ingest-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/articles", this::articles);
        server.createContext("/health", this::health);
    }

    public IngestHttpServer start() {
        server.start();
        LOG.info("ingest HTTP endpoint on port {}", port());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, error("use GET"));
                return;
            }
            ObjectNode body = JSON.createObjectNode().put("status", "UP");
            ObjectNode m = body.putObject("metrics");
            metrics.get().forEach(m::put);
            send(ex, 200, body);
            LOG.debug("GET /health from {}: 200", remote(ex));
        }
    }

    /** What one request came to: status and body for the client, the outcome for the log line. */
    private record Reply(int status, ObjectNode body, String outcome, String format, long bytes, Throwable failure) {
        static Reply of(int status, String message, String format, long bytes) {
            return new Reply(status, error(message), message, format, bytes, null);
        }
    }

    private void articles(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        try (ex) {
            Reply reply;
            try {
                reply = handle(ex);
            } catch (RuntimeException e) {
                reply = new Reply(500, error("internal error: " + e), "internal error: " + e, null, -1, e);
            }
            try {
                send(ex, reply.status(), reply.body());
            } finally {
                log(ex, reply, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private Reply handle(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().equals("/articles")) {
            return Reply.of(ex.getRequestURI().getPath().equals("/articles") ? 405 : 404, "POST the wire bytes to /articles", null, -1);
        }
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        long max = ingestor.sniffer().maxBytes();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > max) {
            return tooLarge(new InputTooLargeException(Long.parseLong(length), max), Long.parseLong(length));
        }
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = BoundedInput.read(in, max);
        } catch (InputTooLargeException e) {
            return tooLarge(e, -1);
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        String format = query.get("format");
        Charset charset = null;
        if (contentType != null) {
            String[] parts = contentType.split(";");
            String mime = parts[0].strip().toLowerCase(Locale.ROOT);
            if (format == null) {
                format = CONTENT_TYPES.get(mime);
            }
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        charset = Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalArgumentException e) {
                        return Reply.of(415, "unsupported charset in Content-Type: " + p, format, bytes.length);
                    }
                }
            }
        }
        String name = query.getOrDefault("name", "http");
        ParseContext ctx = new ParseContext(name, template.defaultSource(), charset, template.clock());
        Ingestor.Outcome outcome = ingestor.ingest(name, bytes, ctx, format);
        if (outcome.accepted()) {
            return new Reply(202, accepted(outcome), stored(outcome.deliveries()), outcome.format(), bytes.length, null);
        } else if (outcome.error() instanceof UnknownFormatException e) {
            return Reply.of(415, e.reason(), null, bytes.length);
        } else if (outcome.error() instanceof InputTooLargeException e) {
            return tooLarge(e, bytes.length);
        } else if (outcome.error() instanceof ParseException e) {
            ObjectNode body = error(e.reason());
            if (e.format() != null) {
                body.put("format", e.format());
            }
            body.put("location", e.location());
            String at = e.location().startsWith("at ") ? e.location() : "at " + e.location();
            return new Reply(400, body, e.reason() + " " + at, e.format(), bytes.length, null);
        } else {
            return Reply.of(503, "not acknowledged by the broker: " + outcome.error(), outcome.format(), bytes.length);
        }
    }

    private static Reply tooLarge(InputTooLargeException e, long bytes) {
        return new Reply(413, error(e.getMessage()), e.reason(), null, bytes, null);
    }

    /** {@code story <id> v<version> -> <topic>-<partition>@<offset>}; several: {@code 3 stories: ..., ... and 1 more}. */
    static String stored(List<Delivery> deliveries) {
        StringBuilder sb = new StringBuilder();
        if (deliveries.size() == 1) {
            sb.append("story ");
        } else {
            sb.append(Plural.of(deliveries.size(), "story", "stories")).append(": ");
        }
        int shown = Math.min(deliveries.size(), 3);
        for (int i = 0; i < shown; i++) {
            Delivery d = deliveries.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(d.storyId()).append(" v").append(d.version()).append(" -> ").append(d.topic()).append('-')
                    .append(d.partition()).append('@').append(d.offset());
        }
        if (deliveries.size() > shown) {
            sb.append(" and ").append(deliveries.size() - shown).append(" more");
        }
        return sb.toString();
    }

    /**
     * One line per request, never the body: INFO when accepted, WARN for client errors (with the status and reason),
     * ERROR for server errors. {@code POST /articles from 127.0.0.1: 202 story s-1 v2 -> news.raw-1@42 (nitf, 1234 bytes, 5 ms)}.
     */
    private static void log(HttpExchange ex, Reply reply, long millis) {
        String line = line(ex.getRequestMethod(), ex.getRequestURI().getPath(), remote(ex), reply.status(), reply.outcome(),
                reply.format(), reply.bytes(), millis);
        if (reply.status() >= 500) {
            LOG.error(line, reply.failure());
        } else if (reply.status() >= 400) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    static String line(String method, String path, String remote, int status, String outcome, String format, long bytes, long millis) {
        StringBuilder details = new StringBuilder();
        if (format != null) {
            details.append(format).append(", ");
        }
        if (bytes >= 0) {
            details.append(Plural.of(bytes, "byte")).append(", ");
        }
        details.append(millis).append(" ms");
        return printable(method, 16) + " " + printable(path, 200) + " from " + remote + ": " + status + " "
                + printable(outcome, 500) + " (" + details + ")";
    }

    private static String remote(HttpExchange ex) {
        InetSocketAddress a = ex.getRemoteAddress();
        if (a == null) {
            return "?";
        }
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    /** One log line whatever the client sent: control characters become spaces, long values are cut. */
    static String printable(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (s.length() > max) {
            sb.append('…');
        }
        return sb.toString();
    }

    private static ObjectNode accepted(Ingestor.Outcome outcome) {
        Delivery first = outcome.deliveries().get(0);
        ObjectNode body = delivery(first);
        body.put("format", outcome.format());
        if (outcome.deliveries().size() > 1) {
            ArrayNode all = body.putArray("articles");
            outcome.deliveries().forEach(d -> all.add(delivery(d)));
        }
        return body;
    }

    private static ObjectNode delivery(Delivery d) {
        return JSON.createObjectNode().put("id", d.storyId()).put("version", d.version())
                .put("partition", d.partition()).put("offset", d.offset());
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}

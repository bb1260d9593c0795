package io.wirestream.ingest.http;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.http.HttpServerConfig;
import io.wirestream.http.JettyHttpServer;
import io.wirestream.http.RequestBody;
import io.wirestream.http.Responses;
import io.wirestream.ingest.format.InputTooLargeException;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.schemas.RawArticle;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.UnknownFormatException;
import io.wirestream.ingest.source.Delivery;
import io.wirestream.ingest.source.Ingestor;
import io.wirestream.ingest.source.Plural;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * HTTP push endpoint (Jetty, through {@link JettyHttpServer}).
 *
 * <ul>
 *   <li>{@code POST /articles} with the wire bytes; the format comes from {@code ?format=}, else the Content-Type
 *       ({@code application/nitf+xml}, {@code application/vnd.iptc.g2.newsitem+xml}, {@code application/ninjs+json},
 *       {@code application/json}, {@code application/rss+xml}, {@code application/atom+xml}), else sniffing; its
 *       {@code charset} parameter is the declared charset. Answers once the broker acknowledged:
 *       {@code 202 {"id","version","partition","offset"}} (plus {@code "articles":[...]} when the input held several);
 *       {@code 400 {"error","format","location"}} for bad input, and {@code 400 {"error": "request body incomplete: ..."}}
 *       when the connection closed before the declared body arrived; {@code 408} when the body did not arrive within
 *       the body timeout; {@code 413} past the size limit (as soon as the Content-Length or the bytes read so far
 *       exceed it); {@code 415} for an unknown format or charset; {@code 503} with {@code Retry-After} when the broker
 *       did not acknowledge, or when every worker is publishing and the queue of waiting posts is full.</li>
 *   <li>{@code GET /health}: {@code 200 {"status":"UP"}} plus the metrics given to the constructor.</li>
 * </ul>
 *
 * A body is read whole (without holding a thread while it arrives) before anything is parsed or published, so a
 * client that goes away mid-body publishes nothing, and slow clients cost connections, not threads. A client that
 * sent its whole body and went away while its post waited for a worker publishes nothing either ({@link ClientProbe};
 * logged as 499, counted as {@code posts-abandoned-total}). Limits: {@link HttpServerConfig}.
 */
public final class IngestHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestHttpServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "application/nitf+xml", "nitf", "application/vnd.nitf+xml", "nitf",
            "application/vnd.iptc.g2.newsitem+xml", "newsml-g2", "application/vnd.iptc.g2.newsmessage+xml", "newsml-g2",
            "application/ninjs+json", "ninjs", "application/vnd.ninjs+json", "ninjs", "application/json", "ninjs",
            "application/rss+xml", "rss", "application/atom+xml", "atom", "message/rfc822", "email");

    /** Seconds a client is asked to wait before retrying a 503. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final JettyHttpServer server;
    private final Ingestor ingestor;
    private final ParseContext template;
    private final Supplier<Map<String, Double>> metrics;
    private final HttpServerConfig config;

    /** Binds {@code bind} with the default limits of {@link HttpServerConfig}. */
    public IngestHttpServer(InetSocketAddress bind, Ingestor ingestor, ParseContext template, Supplier<Map<String, Double>> metrics)
            throws IOException {
        this(HttpServerConfig.defaults(bind.getHostString(), bind.getPort()), ingestor, template, metrics);
    }

    /**
     * Binds {@code config.host():config.port()}. At most {@code config.workerThreads()} posts are published at once and
     * {@code config.queueCapacity()} more wait for a worker; one more is a 503 with Retry-After.
     */
    public IngestHttpServer(HttpServerConfig config, Ingestor ingestor, ParseContext template, Supplier<Map<String, Double>> metrics)
            throws IOException {
        this.ingestor = ingestor;
        this.template = template;
        this.metrics = metrics == null ? Map::of : metrics;
        this.config = config;
        this.server = JettyHttpServer.bind("ingest-http", config, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                dispatch(request, response, callback);
                return true;
            }
        });
    }

    public IngestHttpServer start() {
        server.start();
        LOG.info("ingest HTTP endpoint on port {}", port());
        return this;
    }

    public int port() {
        return server.port();
    }

    /** Posts being published now (at most {@code workerThreads}). */
    public int workersBusy() {
        return server.work().busy();
    }

    /** Complete posts waiting for a worker (at most {@code queueCapacity}). */
    public int postsWaiting() {
        return server.work().waiting();
    }

    private void dispatch(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path != null && path.startsWith("/health")) {
            health(request, response, callback);
        } else {
            articles(request, response, callback);
        }
    }

    private void health(Request request, Response response, Callback callback) {
        if (!request.getMethod().equals("GET")) {
            send(request, response, callback, 405, error("use GET"));
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("status", "UP");
        ObjectNode m = body.putObject("metrics");
        metrics.get().forEach(m::put);
        send(request, response, callback, 200, body);
        LOG.debug("GET /health from {}: 200", remote(request));
    }

    /** What one request came to: status and body for the client, the outcome for the log line. */
    private record Reply(int status, ObjectNode body, String outcome, String format, long bytes, Throwable failure) {
        static Reply of(int status, String message, String format, long bytes) {
            return new Reply(status, error(message), message, format, bytes, null);
        }
    }

    private void articles(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String path = request.getHttpURI().getPath();
        if (!request.getMethod().equals("POST") || !"/articles".equals(path)) {
            reply(request, response, callback, Reply.of("/articles".equals(path) ? 405 : 404, "POST the wire bytes to /articles", null, -1), start);
            return;
        }
        long max = ingestor.sniffer().maxBytes();
        RequestBody.read(request, max, config.bodyTimeout(), body -> {
            Reply reply;
            try {
                if (body instanceof RequestBody.Complete c) {
                    byte[] bytes = c.bytes();
                    // Jetty reports a connection failure it sees while the post waits; a client that closed after
                    // sending the whole body is found by ClientProbe just before publishing
                    AtomicBoolean clientGone = new AtomicBoolean();
                    request.addFailureListener(failure -> clientGone.set(true));
                    if (server.work().offer(() -> reply(request, response, callback, publish(request, response, bytes, clientGone), start))) {
                        return;
                    }
                    reply = Reply.of(503, "busy: " + server.work().threads() + " posts are being published and "
                            + server.work().queueCapacity() + " wait; retry in " + RETRY_AFTER_SECONDS + " s", null, bytes.length);
                } else if (body instanceof RequestBody.TooLarge t) {
                    reply = tooLarge(new InputTooLargeException(t.declared(), max), t.declared());
                } else if (body instanceof RequestBody.Incomplete i) {
                    reply = Reply.of(400, "request body incomplete: the connection closed after "
                            + Plural.of(i.received(), "byte") + declared(request), null, i.received());
                } else {
                    RequestBody.TimedOut t = (RequestBody.TimedOut) body;
                    reply = Reply.of(408, "request body incomplete: not received within " + t.deadline().toSeconds() + " s ("
                            + Plural.of(t.received(), "byte") + declared(request) + ")", null, t.received());
                }
            } catch (RuntimeException e) {
                reply = new Reply(500, error("internal error: " + e), "internal error: " + e, null, -1, e);
            }
            reply(request, response, callback, reply, start);
        });
    }

    private static String declared(Request request) {
        long length = request.getLength();
        return length >= 0 ? " of " + length : "";
    }

    /**
     * On a worker: parse and publish, unless the client has gone while the post waited (a failure Jetty saw, or the
     * end of input {@link ClientProbe} finds): then nothing is published, the post is logged as 499 and counted
     * ({@code posts-abandoned-total}); the answer goes nowhere.
     */
    private Reply publish(Request request, Response response, byte[] bytes, AtomicBoolean clientGone) {
        try {
            ClientProbe.State state = clientGone.get() ? ClientProbe.State.GONE : ClientProbe.probe(request);
            if (state == ClientProbe.State.GONE) {
                ingestor.abandoned("http", "client closed the connection before its post was published");
                return Reply.of(499, "client closed the connection before its post was published; nothing published", null, bytes.length);
            }
            if (state == ClientProbe.State.PIPELINED) {
                // the probe took a byte of the client's next request: answer this one and close (RFC 9112 9.3.2)
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            return handle(request, bytes);
        } catch (RuntimeException e) {
            return new Reply(500, error("internal error: " + e), "internal error: " + e, null, bytes.length, e);
        }
    }

    private void reply(Request request, Response response, Callback callback, Reply reply, long start) {
        try {
            if (reply.status() == 503) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            }
            send(request, response, callback, reply.status(), reply.body());
        } finally {
            log(request, reply, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private Reply handle(Request request, byte[] bytes) {
        Map<String, String> query = query(request.getHttpURI().getQuery());
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String format = query.get("format");
        Charset charset = null;
        if (contentType != null) {
            String[] parts = contentType.split(";", -1);
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
        // the origin names the input in logs and attributes; ids never come from it (the same copy gets one id by any route)
        String name = firstNonBlank(query.get("filename"), dispositionFilename(request.getHeaders().get("Content-Disposition")),
                query.get("name"), "http");
        String storyId = firstNonBlank(request.getHeaders().get("X-Story-Id"), query.get("id"));
        if (storyId != null && storyId.length() > io.wirestream.ingest.format.ArticleDraft.MAX_ID_LENGTH) {
            return Reply.of(400, "story id (X-Story-Id or ?id=) longer than " + io.wirestream.ingest.format.ArticleDraft.MAX_ID_LENGTH
                    + " characters", format, bytes.length);
        }
        ParseContext ctx = new ParseContext(name, template.defaultSource(), charset, template.clock()).withStoryId(storyId);
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
    private static void log(Request request, Reply reply, long millis) {
        String line = line(request.getMethod(), request.getHttpURI().getPath(), remote(request), reply.status(), reply.outcome(),
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

    private static String remote(Request request) {
        String a = Request.getRemoteAddr(request);
        return a == null ? "?" : a;
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
        ObjectNode body = delivery(first, outcome.articles());
        body.put("format", outcome.format());
        if (outcome.deliveries().size() > 1) {
            ArrayNode all = body.putArray("articles");
            outcome.deliveries().forEach(d -> all.add(delivery(d, outcome.articles())));
        }
        if (!outcome.failures().isEmpty()) {
            // a multi-story body with bad stories: the good ones are published, the bad ones named by index
            ArrayNode rejected = body.putArray("rejected");
            outcome.failures().forEach(f -> rejected.addObject().put("index", f.index())
                    .put("error", f.error().reason()).put("location", f.error().location()));
        }
        return body;
    }

    /** The delivery, with the warnings of the article it carried (what was read leniently). */
    private static ObjectNode delivery(Delivery d, List<RawArticle> articles) {
        ObjectNode node = JSON.createObjectNode().put("id", d.storyId()).put("version", d.version())
                .put("partition", d.partition()).put("offset", d.offset());
        ArrayNode warnings = node.putArray("warnings");
        articles.stream().filter(a -> a.getStoryId().equals(d.storyId()) && a.getVersion() == d.version()).findFirst()
                .ifPresent(a -> a.getWarnings().forEach(w -> warnings.addObject().put("kind", w.getKind()).put("message", w.getMessage())));
        return node;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** {@code attachment; filename="dpa.iptc"} gives {@code dpa.iptc}; null when there is none. */
    static String dispositionFilename(String header) {
        if (header == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(\"([^\"]*)\"|[^;]+)").matcher(header);
        if (!m.find()) {
            return null;
        }
        String value = m.group(2) != null ? m.group(2) : m.group(1);
        value = value.strip();
        int slash = Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\'));
        return slash >= 0 ? value.substring(slash + 1) : value;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void send(Request request, Response response, Callback callback, int status, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Responses.send(request, response, callback, status, Responses.JSON, bytes);
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
        server.close();
    }
}

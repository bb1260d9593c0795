package io.wirestream.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.schemas.RawArticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls RSS / Atom (or any supported format) URLs. Each poll is a conditional GET ({@code If-None-Match} with the last
 * {@code ETag}, {@code If-Modified-Since} with the last {@code Last-Modified}); a 304 costs nothing. Items already
 * published are remembered by {@code storyId|contentHash} (so an item whose text changes is published again) in a
 * JSON state file, written atomically after every poll that changed it, so a restart does not republish. The validators
 * and seen ids of a poll are stored only once every new item was acknowledged: a failed delivery is retried.
 */
public final class FeedPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Seen ids kept (oldest forgotten first). */
    public static final int MAX_SEEN = 50_000;

    private final List<URI> feeds;
    private final Ingestor ingestor;
    private final Path stateFile;
    private final Duration interval;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Validators> validators = new HashMap<>();
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private ScheduledExecutorService scheduler;

    private record Validators(String etag, String lastModified) {
    }

    public FeedPoller(List<URI> feeds, Ingestor ingestor, Path stateFile, Duration interval, Clock clock) throws IOException {
        this.feeds = List.copyOf(feeds);
        this.ingestor = ingestor;
        this.stateFile = stateFile;
        this.interval = interval;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        load();
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-poller");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.error("feed poll failed", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls every feed once; returns the number of new articles published. */
    public synchronized int pollOnce() {
        int published = 0;
        for (URI feed : feeds) {
            try {
                published += poll(feed);
            } catch (IOException e) {
                LOG.warn("{}: fetch failed: {}", feed, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return published;
            }
        }
        return published;
    }

    private int poll(URI feed) throws IOException, InterruptedException {
        String key = feed.toString();
        HttpRequest.Builder req = HttpRequest.newBuilder(feed).timeout(Duration.ofSeconds(30)).GET()
                .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5");
        Validators v = validators.get(key);
        if (v != null && v.etag() != null) {
            req.header("If-None-Match", v.etag());
        }
        if (v != null && v.lastModified() != null) {
            req.header("If-Modified-Since", v.lastModified());
        }
        HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (resp.statusCode() == 304) {
            resp.body().close();
            LOG.debug("{}: not modified", feed);
            return 0;
        }
        byte[] bytes;
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                LOG.warn("{}: HTTP {}", feed, resp.statusCode());
                return 0;
            }
            bytes = BoundedInput.read(in, ingestor.sniffer().maxBytes());
        } catch (ParseException e) {
            ingestor.reject(key, e);
            return 0;
        }
        Charset charset = resp.headers().firstValue("Content-Type").map(FeedPoller::charsetOf).orElse(null);
        ParseContext ctx = new ParseContext(key, feed.getHost(), charset, clock);
        List<RawArticle> articles;
        String format;
        try {
            WireFormatParser parser = ingestor.sniffer().select(bytes, null);
            format = parser.name();
            articles = parser.parse(bytes, ctx);
        } catch (ParseException e) {
            ingestor.reject(key, e);
            return 0;
        }
        List<RawArticle> fresh = new ArrayList<>();
        for (RawArticle a : articles) {
            if (!seen.contains(seenKey(a))) {
                fresh.add(a);
            }
        }
        if (!fresh.isEmpty()) {
            Ingestor.Outcome outcome = ingestor.deliver(key, format, fresh);
            if (!outcome.accepted()) {
                LOG.warn("{}: {} new item(s) not acknowledged ({}); will retry", feed, fresh.size(), outcome.error().toString());
                return 0;
            }
            for (RawArticle a : fresh) {
                remember(seenKey(a));
            }
        }
        validators.put(key, new Validators(resp.headers().firstValue("ETag").orElse(null),
                resp.headers().firstValue("Last-Modified").orElse(null)));
        save();
        LOG.info("{}: {} item(s), {} new", feed, articles.size(), fresh.size());
        return fresh.size();
    }

    static String seenKey(RawArticle a) {
        return a.getStoryId() + "|" + a.getContentHash();
    }

    /** Whether this article was already published by this poller (or one with the same state file). */
    public synchronized boolean seen(RawArticle a) {
        return seen.contains(seenKey(a));
    }

    private void remember(String key) {
        seen.add(key);
        if (seen.size() > MAX_SEEN) {
            Iterator<String> it = seen.iterator();
            it.next();
            it.remove();
        }
    }

    private static Charset charsetOf(String contentType) {
        for (String p : contentType.split(";")) {
            String t = p.strip();
            if (t.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(t.substring(8).replace("\"", "").strip());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private void load() throws IOException {
        if (!Files.exists(stateFile)) {
            return;
        }
        JsonNode root = JSON.readTree(stateFile.toFile());
        JsonNode f = root.path("feeds");
        f.fields().forEachRemaining(e -> validators.put(e.getKey(), new Validators(
                e.getValue().path("etag").isTextual() ? e.getValue().get("etag").asText() : null,
                e.getValue().path("lastModified").isTextual() ? e.getValue().get("lastModified").asText() : null)));
        root.path("seen").forEach(n -> seen.add(n.asText()));
    }

    private void save() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode f = root.putObject("feeds");
        validators.forEach((url, v) -> f.putObject(url).put("etag", v.etag()).put("lastModified", v.lastModified()));
        ArrayNode s = root.putArray("seen");
        seen.forEach(s::add);
        Path parent = stateFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".feed-state", ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

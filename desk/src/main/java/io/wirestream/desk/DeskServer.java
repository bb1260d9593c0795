package io.wirestream.desk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.FutureCallback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.http.HttpServerConfig;
import io.wirestream.http.JettyHttpServer;
import io.wirestream.http.Responses;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.AvroSerdes;

/**
 * The desk's HTTP server: {@code GET /v1/stream} (Server-Sent Events, one event per story, ninjs JSON, the event id
 * a per-partition offset vector), {@code GET /v1/stories/{id}} and {@code GET /v1/search} (over the last N stories
 * kept in memory), {@code GET /v1/topics}, {@code GET /openapi.yaml} and the live wire page at {@code /}. Reads only:
 * every stream is its own consumer, assign()+seek, no consumer group, {@code read_committed}.
 *
 * <p>Correctness first: each open stream holds one thread that polls its consumer and writes with blocking flushes;
 * the number of streams is capped ({@link DeskConfig#maxStreams()}, 429 beyond it).
 */
public final class DeskServer implements AutoCloseable {

    public static final Set<String> ROUTES = Set.of("/", "/openapi.yaml", "/v1/topics", "/v1/stream", "/v1/stories/{id}", "/v1/search");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeskConfig config;
    private final JettyHttpServer http;
    private final Admin admin;
    private final Semaphore streams;
    private final RecentStories recent;
    private final Deserializer<EnrichedArticle> values;
    private final ArchiveSearch archive;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Thread> streamThreads = new ArrayList<>();

    private DeskServer(DeskConfig config) throws IOException {
        this.config = config;
        this.admin = Admin.create(config.clientProps());
        this.streams = new Semaphore(config.maxStreams());
        this.recent = new RecentStories(config, newConsumer(config), deserializer(config));
        this.values = deserializer(config);
        this.archive = config.archive() == null ? null : new ArchiveSearch(config.archive());
        HttpServerConfig hc = HttpServerConfig.defaults(config.host(), config.port())
                .withMaxConnections(config.maxStreams() + 64);
        try {
            this.http = JettyHttpServer.bind("desk-http", hc, new DeskHandler());
        } catch (IOException | RuntimeException e) {
            recent.close();
            values.close();
            admin.close();
            throw e;
        }
    }

    public static DeskServer start(DeskConfig config) throws IOException {
        DeskServer s = new DeskServer(config);
        s.recent.start();
        s.http.start();
        return s;
    }

    public int port() {
        return http.port();
    }

    public String url() {
        return "http://" + (config.host().contains(":") ? "[" + config.host() + "]" : config.host()) + ":" + port() + "/";
    }

    public RecentStories recent() {
        return recent;
    }

    static KafkaConsumer<byte[], byte[]> newConsumer(DeskConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProps());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Deserializer<EnrichedArticle> deserializer(DeskConfig config) {
        // the registry's credentials ride with the client properties, as Confluent's serdes take them
        return AvroSerdes.specific(EnrichedArticle.class,
            io.wirestream.schemas.registry.RegistryClientSecurity.serdeConfig(config.clientProps(), config.registryUrl()), false).deserializer();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close();
        List<Thread> threads;
        synchronized (streamThreads) {
            threads = new ArrayList<>(streamThreads);
        }
        for (Thread t : threads) { // each sees 'closed' after its current poll (0.5 s); no interrupt, which Kafka's close logs as an error
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        recent.close();
        values.close();
        admin.close();
    }

    /** The Kafka topics a subscriber may name: news.enriched (no topic given) or news.topic.<slug>. */
    Set<String> existingTopics() throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listTopics().names().get(10, TimeUnit.SECONDS);
    }

    private final class DeskHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (config.corsOrigin() != null) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, config.corsOrigin());
                response.getHeaders().put(HttpHeader.VARY, "Origin");
                if ("OPTIONS".equals(request.getMethod())) { // preflight: a token header or Last-Event-ID
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET");
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Last-Event-ID");
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                    response.setStatus(204);
                    callback.succeeded();
                    return true;
                }
            }
            if (!"GET".equals(request.getMethod())) {
                error(request, response, callback, 405, "method not allowed: only GET");
                return true;
            }
            if (path.equals("/") || path.equals("/index.html")) {
                // the page itself carries no data: it asks for the token (if any) before streaming
                resource(request, response, callback, "wire.html", "text/html; charset=utf-8");
                return true;
            }
            if (path.equals("/openapi.yaml")) {
                resource(request, response, callback, "openapi.yaml", "application/yaml; charset=utf-8");
                return true;
            }
            if (!authorized(request)) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                error(request, response, callback, 401, "a bearer token is required (Authorization: Bearer ... or the desk_token cookie or access_token parameter)");
                return true;
            }
            Fields params = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            switch (path) {
                case "/v1/topics" -> topics(request, response, callback);
                case "/v1/stream" -> stream(request, response, callback, params);
                case "/v1/search" -> search(request, response, callback, params);
                default -> {
                    if (path.startsWith("/v1/stories/") && path.length() > "/v1/stories/".length()) {
                        story(request, response, callback,
                                java.net.URLDecoder.decode(path.substring("/v1/stories/".length()), StandardCharsets.UTF_8));
                    } else {
                        error(request, response, callback, 404, "no such path: " + path);
                    }
                }
            }
            return true;
        }
    }

    private boolean authorized(Request request) {
        if (config.token() == null) {
            return true;
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth != null && constantEquals(auth, "Bearer " + config.token())) {
            return true;
        }
        for (org.eclipse.jetty.http.HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals("desk_token") && constantEquals(c.getValue(), config.token())) {
                return true;
            }
        }
        // EventSource cannot set headers: the page passes the token as a parameter
        String param = Request.extractQueryParameters(request, StandardCharsets.UTF_8).getValue("access_token");
        return param != null && constantEquals(param, config.token());
    }

    private static boolean constantEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void error(Request request, Response response, Callback callback, int status, String message) {
        ObjectNode body = JSON.createObjectNode().put("status", status).put("error", message);
        Responses.send(request, response, callback, status, Responses.JSON, body.toString());
    }

    private void resource(Request request, Response response, Callback callback, String name, String type) throws IOException {
        try (InputStream in = DeskServer.class.getResourceAsStream(name)) {
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; connect-src 'self'");
            Responses.send(request, response, callback, 200, type, in.readAllBytes());
        }
    }

    private void topics(Request request, Response response, Callback callback) throws Exception {
        ArrayNode out = JSON.createArrayNode();
        Set<String> names = new TreeSet<>(existingTopics());
        if (names.contains(config.topics().enriched())) {
            out.addObject().put("slug", (String) null).put("kafkaTopic", config.topics().enriched());
        }
        for (String n : names) {
            if (config.topics().isTopicTopic(n)) {
                out.addObject().put("slug", config.topics().slugOf(n)).put("kafkaTopic", n);
            }
        }
        Responses.send(request, response, callback, 200, Responses.JSON, JSON.createObjectNode().set("topics", out).toString());
    }

    private void search(Request request, Response response, Callback callback, Fields params) throws Exception {
        SearchQuery q;
        try {
            q = SearchQuery.parse(params);
        } catch (IllegalArgumentException e) {
            error(request, response, callback, 400, e.getMessage());
            return;
        }
        if (q.topic() != null && !existingTopics().contains(config.topics().forTopic(q.topic()))) {
            error(request, response, callback, 404, "unknown topic '" + q.topic() + "' (GET /v1/topics lists them)");
            return;
        }
        SearchQuery.Page page;
        if (archive == null) {
            page = recent.search(q);
        } else {
            try {
                page = archive.search(q);
            } catch (java.sql.SQLException e) {
                archiveDown(request, response, callback, e);
                return;
            }
        }
        ObjectNode out = JSON.createObjectNode().put("scope", page.scope()).put("page", page.page()).put("limit", page.limit())
                .put("total", page.total()).put("more", page.more());
        out.putArray("stories").addAll(page.stories());
        Responses.send(request, response, callback, 200, Responses.JSON, out.toString());
    }

    /** 503: PostgreSQL did not answer; never an empty result that would look like "nothing found". */
    private static void archiveDown(Request request, Response response, Callback callback, java.sql.SQLException e) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
        error(request, response, callback, 503, "the archive (PostgreSQL) cannot be read now: " + e.getMessage());
    }

    private void story(Request request, Response response, Callback callback, String id) throws Exception {
        EnrichedArticle e = recent.get(id);
        ObjectNode story = e == null ? null : StoryJson.toNinjs(e, recent.clusterOf(e));
        if (story == null && archive != null) {
            try {
                story = archive.story(id);
            } catch (java.sql.SQLException x) {
                archiveDown(request, response, callback, x);
                return;
            }
        }
        if (story == null) {
            error(request, response, callback, 404, "no story '" + id + "' " + (archive == null
                    ? "among the last " + config.recentStories() + " stories" : "in the archive"));
        } else {
            Responses.send(request, response, callback, 200, Responses.JSON, JSON.writeValueAsString(story));
        }
    }

    private static final Set<String> STREAM_PARAMS = Set.of("topic", "entity", "source", "from", "access_token");

    private void stream(Request request, Response response, Callback callback, Fields params) throws Exception {
        for (String name : params.getNames()) {
            if (!STREAM_PARAMS.contains(name)) {
                error(request, response, callback, 400, "unknown parameter '" + name + "'; known: topic, entity, source, from");
                return;
            }
        }
        String topic = params.getValue("topic");
        String entity = params.getValue("entity");
        String source = params.getValue("source");
        for (String[] p : new String[][] {{"topic", topic}, {"entity", entity}, {"source", source}}) {
            if (p[1] != null && p[1].isBlank()) {
                error(request, response, callback, 400, "parameter '" + p[0] + "' is empty");
                return;
            }
        }
        if (topic != null && !topic.matches("[a-z0-9][a-z0-9._-]*")) {
            error(request, response, callback, 400, "topic must be a taxonomy slug such as missile-defense, got '" + topic + "'");
            return;
        }
        if (entity != null && !entity.matches("[a-z0-9]+:\\S+")) {
            error(request, response, callback, 400, "entity must be a canonical id such as person:sergei-shoigu or loc:iso3166:JP, got '" + entity + "'");
            return;
        }
        String kafkaTopic = topic == null ? config.topics().enriched() : config.topics().forTopic(topic);
        if (!existingTopics().contains(kafkaTopic)) {
            error(request, response, callback, 404, topic == null ? "topic " + kafkaTopic + " does not exist yet"
                    : "unknown topic '" + topic + "': no Kafka topic " + kafkaTopic + " (GET /v1/topics lists them)");
            return;
        }
        String from = params.getValue("from");
        Instant fromTime = null;
        if (from != null && !from.equals("beginning") && !from.equals("now")) {
            try {
                fromTime = Instant.parse(from);
            } catch (DateTimeParseException e) {
                error(request, response, callback, 400, "from must be beginning, now or an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + from + "'");
                return;
            }
        }
        Map<Integer, Long> resume;
        try {
            String last = request.getHeaders().get("Last-Event-ID");
            resume = last == null ? null : Positions.parse(last);
        } catch (IllegalArgumentException e) {
            error(request, response, callback, 400, e.getMessage());
            return;
        }
        if (!streams.tryAcquire()) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            error(request, response, callback, 429, "too many open streams (at most " + config.maxStreams() + ")");
            return;
        }
        // topic filter on news.enriched is redundant when reading news.topic.<slug>, but kills on a topic topic match anyway
        StreamJob job = new StreamJob(request, response, callback, kafkaTopic, topic, entity, source,
                from == null ? "now" : from, fromTime, resume);
        Thread t = new Thread(job, "desk-stream-" + kafkaTopic);
        t.setDaemon(true);
        synchronized (streamThreads) {
            streamThreads.removeIf(x -> !x.isAlive());
            streamThreads.add(t);
        }
        t.start();
    }

    /** A record decoded once for every stream that reads it: the story and its ninjs JSON (one line). */
    private record Decoded(EnrichedArticle story, String json) {
    }

    private static final int DECODED_CACHE = 2048;

    /** The last records decoded, by topic-partition@offset: with many streams on one topic each record is decoded once. */
    private final Map<String, Decoded> decodedCache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
            return size() > DECODED_CACHE;
        }
    });

    /**
     * The record decoded (from the cache when another stream did it already); null for one that cannot be read (enrich
     * dead-letters such records; the desk skips them). One deserializer for every stream, used under a lock: each
     * record is decoded once anyway, and 200 streams starting together fetch the writer schema once, not 200 times
     * (which made the registry answer 503 under load). A registry that cannot be reached is not a bad record: it ends
     * the stream, and the client resumes from its last event id (EventSource does so itself) instead of missing it.
     */
    private Decoded decoded(ConsumerRecord<byte[], byte[]> r) throws IOException {
        String key = r.topic() + "-" + r.partition() + "@" + r.offset();
        Decoded d = decodedCache.get(key);
        if (d != null) {
            return d;
        }
        synchronized (values) {
            d = decodedCache.get(key);
            if (d != null) {
                return d;
            }
            EnrichedArticle e;
            try {
                e = values.deserialize(r.topic(), r.value());
            } catch (RuntimeException bad) {
                for (Throwable c = bad; c != null; c = c.getCause()) {
                    if (c instanceof io.wirestream.schemas.registry.RegistryUnavailableException) {
                        throw bad;
                    }
                }
                return null;
            }
            d = new Decoded(e, JSON.writeValueAsString(StoryJson.toNinjs(e)));
            decodedCache.put(key, d);
            return d;
        }
    }

    private final class StreamJob implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final String kafkaTopic;
        private final String topic;
        private final String entity;
        private final String source;
        private final String from;
        private final Instant fromTime;
        private final Map<Integer, Long> resume;

        StreamJob(Request request, Response response, Callback callback, String kafkaTopic, String topic, String entity,
                  String source, String from, Instant fromTime, Map<Integer, Long> resume) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.kafkaTopic = kafkaTopic;
            this.topic = topic;
            this.entity = entity;
            this.source = source;
            this.from = from;
            this.fromTime = fromTime;
            this.resume = resume;
        }

        @Override
        public void run() {
            Throwable failure = null;
            try (KafkaConsumer<byte[], byte[]> consumer = newConsumer(config)) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo p : consumer.partitionsFor(kafkaTopic)) {
                    partitions.add(new TopicPartition(kafkaTopic, p.partition()));
                }
                consumer.assign(partitions);
                Map<Integer, Long> next = new HashMap<>();
                seek(consumer, partitions, next);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                response.getHeaders().put("X-Accel-Buffering", "no");
                write(": connected " + Positions.format(next) + "\nretry: 2000\n\n");
                long lastWrite = System.nanoTime();
                while (!closed.get() && !Thread.currentThread().isInterrupted()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(java.time.Duration.ofMillis(500));
                    StringBuilder batch = new StringBuilder();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        next.put(r.partition(), r.offset() + 1);
                        if (r.value() == null) {
                            continue; // a tombstone: compaction removed the story; nothing to show
                        }
                        Decoded d = decoded(r);
                        if (d == null) {
                            continue;
                        }
                        if (!StoryJson.matches(d.story(), kafkaTopic.equals(config.topics().enriched()) ? topic : null, entity, source)) {
                            continue;
                        }
                        batch.append("id: ").append(Positions.format(next)).append('\n')
                                .append("event: story\n")
                                .append("data: ").append(d.json()).append("\n\n");
                    }
                    if (batch.length() > 0) {
                        write(batch.toString());
                        lastWrite = System.nanoTime();
                    } else if (System.nanoTime() - lastWrite >= config.heartbeat().toNanos()) {
                        write(": heartbeat " + Instant.now() + "\n\n");
                        lastWrite = System.nanoTime();
                    }
                }
            } catch (Throwable t) {
                failure = t; // usually the client went away: the write failed
            } finally {
                streams.release();
                if (failure == null) {
                    callback.succeeded();
                } else {
                    callback.failed(failure);
                }
            }
        }

        private void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<Integer, Long> next) {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndTimestamp> byTime = null;
            if (resume == null && fromTime != null) {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(tp -> query.put(tp, fromTime.toEpochMilli()));
                byTime = consumer.offsetsForTimes(query);
            }
            for (TopicPartition tp : partitions) {
                long offset;
                if (resume != null) {
                    offset = resume.getOrDefault(tp.partition(), begin.get(tp));
                } else if (byTime != null) {
                    OffsetAndTimestamp o = byTime.get(tp);
                    offset = o == null ? end.get(tp) : o.offset();
                } else if (from.equals("beginning")) {
                    offset = begin.get(tp);
                } else {
                    offset = end.get(tp);
                }
                offset = Math.max(offset, begin.get(tp));
                consumer.seek(tp, offset);
                next.put(tp.partition(), offset);
            }
        }

        private void write(String text) throws Exception {
            FutureCallback done = new FutureCallback();
            Content.Sink.write(response, false, text, done);
            done.get(30, TimeUnit.SECONDS);
        }
    }
}

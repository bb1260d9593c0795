package io.wirestream.ingest;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.http.IngestHttpServer;
import io.wirestream.ingest.source.IngestSummary;
import io.wirestream.ingest.source.JsonLinesOutput;
import io.wirestream.ingest.source.ProgressReporter;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code wirestream ingest} runs: one-shot files (or a dry run to stdout), then, when asked, the long-running
 * sources (hot folder, HTTP endpoint, feed polling) until the process is stopped.
 */
public final class IngestApp {

    /** Everything the command line can set. */
    public record Config(List<String> paths, boolean dryRun, String format, String bootstrapServers, String schemaRegistry,
                         String topic, Path watchDir, Integer httpPort, String httpHost, List<URI> feeds, Duration feedInterval,
                         Path feedState, long maxBytes, String source, Charset charset, Duration stableFor,
                         Duration pollInterval, Duration ackTimeout, java.util.Map<String, Object> clientProps) {

        public Config {
            paths = paths == null ? List.of() : List.copyOf(paths);
            feeds = feeds == null ? List.of() : List.copyOf(feeds);
            clientProps = clientProps == null ? java.util.Map.of() : java.util.Map.copyOf(clientProps);
        }

        /** Without extra client properties (an unsecured cluster). */
        public Config(List<String> paths, boolean dryRun, String format, String bootstrapServers, String schemaRegistry,
                      String topic, Path watchDir, Integer httpPort, String httpHost, List<URI> feeds, Duration feedInterval,
                      Path feedState, long maxBytes, String source, Charset charset, Duration stableFor,
                      Duration pollInterval, Duration ackTimeout) {
            this(paths, dryRun, format, bootstrapServers, schemaRegistry, topic, watchDir, httpPort, httpHost, feeds, feedInterval,
                feedState, maxBytes, source, charset, stableFor, pollInterval, ackTimeout, java.util.Map.of());
        }

        boolean longRunning() {
            return watchDir != null || httpPort != null || !feeds.isEmpty();
        }

        /** The same settings as an {@link IngestConfig}, what {@link IngestService} is built from. */
        public IngestConfig toIngestConfig() {
            Map<String, Object> p = new HashMap<>();
            // --command-config: client security for the producer (and the registry keys its serializer reads)
            clientProps.forEach((k, v) -> p.put(IngestConfig.PRODUCER_PREFIX + k, v));
            put(p, IngestConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            put(p, IngestConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistry);
            put(p, IngestConfig.TOPIC_RAW_CONFIG, topic);
            put(p, IngestConfig.FORMAT_CONFIG, format);
            p.put(IngestConfig.MAX_BYTES_CONFIG, maxBytes);
            put(p, IngestConfig.SOURCE_CONFIG, source);
            put(p, IngestConfig.CHARSET_CONFIG, charset == null ? null : charset.name());
            put(p, IngestConfig.WATCH_DIR_CONFIG, watchDir == null ? null : watchDir.toString());
            put(p, IngestConfig.WATCH_STABLE_MS_CONFIG, stableFor == null ? null : stableFor.toMillis());
            put(p, IngestConfig.WATCH_POLL_MS_CONFIG, pollInterval == null ? null : Math.max(10, pollInterval.toMillis()));
            put(p, IngestConfig.HTTP_PORT_CONFIG, httpPort);
            put(p, IngestConfig.HTTP_HOST_CONFIG, httpHost);
            p.put(IngestConfig.FEED_URLS_CONFIG, feeds.stream().map(URI::toString).toList());
            put(p, IngestConfig.FEED_INTERVAL_MS_CONFIG, feedInterval == null ? null : Math.max(1_000, feedInterval.toMillis()));
            put(p, IngestConfig.FEED_STATE_FILE_CONFIG, feedState == null ? null : feedState.toString());
            put(p, IngestConfig.ACK_TIMEOUT_MS_CONFIG, ackTimeout == null ? null : Math.max(1, ackTimeout.toMillis()));
            return new IngestConfig(p);
        }

        private static void put(Map<String, Object> p, String key, Object value) {
            if (value != null && !(value instanceof String str && str.isBlank())) {
                p.put(key, value);
            }
        }
    }

    /** Exit codes as the CLI uses them. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private IngestApp() {
    }

    public static int run(Config cfg, InputStream stdin, PrintStream out, PrintStream err) throws Exception {
        if (cfg.paths().isEmpty() && !cfg.longRunning()) {
            err.println("nothing to ingest: give PATH..., '-' for stdin, --watch DIR, --http-port PORT or --feed URL");
            return USAGE;
        }
        if (cfg.dryRun() && cfg.longRunning()) {
            err.println("--dry-run works on PATH... only, not with --watch, --http-port or --feed");
            return USAGE;
        }
        FormatSniffer sniffer = FormatSniffer.defaults(cfg.maxBytes());
        if (cfg.format() != null && sniffer.byName(cfg.format()).isEmpty()) {
            err.println("unknown --format '" + cfg.format() + "'; known: " + String.join(", ", sniffer.formatNames()));
            return USAGE;
        }
        IngestConfig config = cfg.toIngestConfig();
        IngestSummary summary = new IngestSummary();
        ProgressReporter progress = new ProgressReporter(err, 500);
        IngestService service;
        if (cfg.dryRun()) {
            JsonLinesOutput lines = new JsonLinesOutput(out);
            service = IngestService.delivering(config, lines, summary, progress, lines);
        } else {
            service = IngestService.publishing(config, summary, progress);
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try {
            if (!cfg.paths().isEmpty()) {
                service.ingestPaths(cfg.paths(), stdin);
                progress.finish();
                err.println("summary: " + summary);
            }
            if (!cfg.longRunning()) {
                return summary.rejected() > 0 || summary.storiesRejected() > 0 ? FAILED : OK;
            }
            if (config.watchDir() != null) {
                service.watch(config.watchDir());
                err.println("watching " + config.watchDir().toAbsolutePath() + " (processed files go to done/, rejected ones to rejected/)");
            }
            if (config.httpPort() != null) {
                IngestHttpServer http = service.serveHttp(config.httpHost(), config.httpPort());
                err.println("HTTP: POST http://" + config.httpHost() + ":" + http.port() + "/articles, GET /health");
            }
            if (!config.feeds().isEmpty()) {
                service.pollFeeds();
                err.println("polling " + config.feeds().size() + " feed(s) every " + config.feedInterval().toSeconds() + " s");
            }
            // on SIGTERM / Ctrl-C: leave the wait, close the sources and the producer (flushing it), then let the JVM go
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    closed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ingest-shutdown"));
            stop.await();
            return OK;
        } finally {
            try {
                service.close();
            } finally {
                closed.countDown();
            }
        }
    }
}

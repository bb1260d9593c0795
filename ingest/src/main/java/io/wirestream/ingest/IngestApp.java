package io.wirestream.ingest;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.http.IngestHttpServer;
import io.wirestream.ingest.publish.ArticlePublisher;
import io.wirestream.ingest.publish.IngestMetrics;
import io.wirestream.ingest.source.ArticleSink;
import io.wirestream.ingest.source.FeedPoller;
import io.wirestream.ingest.source.FileSource;
import io.wirestream.ingest.source.HotFolderSource;
import io.wirestream.ingest.source.IngestListener;
import io.wirestream.ingest.source.IngestSummary;
import io.wirestream.ingest.source.Ingestor;
import io.wirestream.ingest.source.JsonLinesOutput;
import io.wirestream.ingest.source.ProgressReporter;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
                         Duration pollInterval, Duration ackTimeout) {

        public Config {
            paths = paths == null ? List.of() : List.copyOf(paths);
            feeds = feeds == null ? List.of() : List.copyOf(feeds);
        }

        boolean longRunning() {
            return watchDir != null || httpPort != null || !feeds.isEmpty();
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
        ParseContext template = new ParseContext("cli", cfg.source(), cfg.charset(), Clock.systemUTC());
        IngestSummary summary = new IngestSummary();
        ProgressReporter progress = new ProgressReporter(err, 500);
        List<AutoCloseable> running = new ArrayList<>();
        ArticleSink sink;
        IngestListener listener;
        IngestMetrics metrics = null;
        if (cfg.dryRun()) {
            JsonLinesOutput lines = new JsonLinesOutput(out);
            sink = lines;
            listener = IngestListener.all(summary, progress, lines);
        } else {
            metrics = new IngestMetrics();
            sink = new ArticlePublisher(ArticlePublisher.producerConfig(cfg.bootstrapServers(), null), cfg.schemaRegistry(), cfg.topic(), metrics);
            listener = IngestListener.all(summary, progress, metrics);
        }
        Ingestor ingestor = new Ingestor(sniffer, sink, listener, cfg.ackTimeout());
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try {
            if (!cfg.paths().isEmpty()) {
                new FileSource(ingestor, template, cfg.format()).ingest(cfg.paths(), stdin);
                progress.finish();
                err.println("summary: " + summary);
            }
            if (!cfg.longRunning()) {
                return summary.rejected() > 0 || summary.storiesRejected() > 0 ? FAILED : OK;
            }
            if (cfg.watchDir() != null) {
                HotFolderSource hot = new HotFolderSource(cfg.watchDir(), ingestor, template, cfg.format(), cfg.pollInterval(), cfg.stableFor());
                running.add(hot);
                hot.start();
                err.println("watching " + cfg.watchDir().toAbsolutePath() + " (processed files go to done/, rejected ones to rejected/)");
            }
            if (cfg.httpPort() != null) {
                IngestMetrics m = metrics;
                IngestHttpServer http = new IngestHttpServer(new InetSocketAddress(cfg.httpHost(), cfg.httpPort()), ingestor, template,
                        m == null ? null : m::snapshot);
                running.add(http);
                http.start();
                err.println("HTTP: POST http://" + cfg.httpHost() + ":" + http.port() + "/articles, GET /health");
            }
            if (!cfg.feeds().isEmpty()) {
                FeedPoller poller = new FeedPoller(cfg.feeds(), ingestor, cfg.feedState(), cfg.feedInterval(), Clock.systemUTC());
                running.add(poller);
                poller.start();
                err.println("polling " + cfg.feeds().size() + " feed(s) every " + cfg.feedInterval().toSeconds() + " s");
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
                for (int i = running.size() - 1; i >= 0; i--) {
                    running.get(i).close();
                }
                sink.close();
            } finally {
                closed.countDown();
            }
        }
    }
}

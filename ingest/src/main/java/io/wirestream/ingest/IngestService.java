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
import io.wirestream.ingest.source.Ingestor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place ingest is assembled from an {@link IngestConfig}: the format registry, the parse context, the sink
 * (the Kafka {@link ArticlePublisher} with its {@link IngestMetrics}, or a given one such as the dry run's JSON lines),
 * the {@link Ingestor} and the sources. {@code wirestream ingest} ({@link IngestApp}), {@code wirestream up} and
 * {@code bench} use it, so they wire ingest the same way. Closing it stops the sources it started, then the sink.
 */
public final class IngestService implements AutoCloseable {

    private final IngestConfig config;
    private final FormatSniffer sniffer;
    private final ParseContext template;
    private final ArticleSink sink;
    private final ArticlePublisher publisher;
    private final IngestMetrics metrics;
    private final Ingestor ingestor;
    private final List<AutoCloseable> running = new ArrayList<>();

    /** Publishes to Kafka; {@code listeners} (summary, progress, ...) hear of every input besides the metrics. */
    public static IngestService publishing(IngestConfig config, IngestListener... listeners) {
        IngestMetrics metrics = new IngestMetrics();
        return new IngestService(config, newPublisher(config, metrics), metrics, listeners);
    }

    /** Delivers to {@code sink} instead of Kafka (the dry run); no metrics. */
    public static IngestService delivering(IngestConfig config, ArticleSink sink, IngestListener... listeners) {
        return new IngestService(config, sink, null, listeners);
    }

    /** The publisher ingest uses (idempotent, acks=all), for code that sends articles it made itself (bench). */
    public static ArticlePublisher newPublisher(IngestConfig config, IngestMetrics metrics) {
        Map<String, Object> props = ArticlePublisher.producerConfig(config.bootstrapServers(), config.producerOverrides());
        return new ArticlePublisher(props, config.schemaRegistryUrl(), config.rawTopic(), metrics == null ? new IngestMetrics() : metrics);
    }

    private IngestService(IngestConfig config, ArticleSink sink, IngestMetrics metrics, IngestListener... listeners) {
        this.config = config;
        this.sniffer = FormatSniffer.defaults(config.maxBytes());
        if (config.format() != null && sniffer.byName(config.format()).isEmpty()) {
            throw new IllegalArgumentException("unknown format '" + config.format() + "'; known: " + String.join(", ", sniffer.formatNames()));
        }
        this.template = new ParseContext("ingest", config.source(), config.charset(), Clock.systemUTC());
        this.sink = sink;
        this.publisher = sink instanceof ArticlePublisher p ? p : null;
        this.metrics = metrics;
        List<IngestListener> all = new ArrayList<>(List.of(listeners));
        if (metrics != null) {
            all.add(metrics);
        }
        this.ingestor = new Ingestor(sniffer, sink, IngestListener.all(all.toArray(IngestListener[]::new)), config.ackTimeout());
    }

    public IngestConfig config() {
        return config;
    }

    public FormatSniffer sniffer() {
        return sniffer;
    }

    /** The context every source copies (default source, declared charset, clock); a source sets the origin. */
    public ParseContext template() {
        return template;
    }

    public Ingestor ingestor() {
        return ingestor;
    }

    /** The Kafka publisher, or null when delivering elsewhere. */
    public ArticlePublisher publisher() {
        return publisher;
    }

    /** The metrics, or null when delivering elsewhere (dry run). */
    public IngestMetrics metrics() {
        return metrics;
    }

    private Supplier<Map<String, Double>> metricsSnapshot() {
        return metrics == null ? Map::of : metrics::snapshot;
    }

    /** Ingests files, folders (recursively) and {@code -} (stdin) once; returns when every input was handled. */
    public List<Ingestor.Outcome> ingestPaths(List<String> paths, InputStream stdin) {
        return new FileSource(ingestor, template, config.format()).ingest(paths, stdin);
    }

    /** Starts watching {@code dir} (done/, rejected/). */
    public HotFolderSource watch(Path dir) {
        try {
            HotFolderSource hot = new HotFolderSource(dir, ingestor, template, config.format(), config.watchPollInterval(), config.watchStableFor());
            running.add(hot);
            hot.start();
            return hot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Starts the HTTP endpoint on {@code host:port} (0 = any free port). */
    public IngestHttpServer serveHttp(String host, int port) {
        try {
            IngestHttpServer http = new IngestHttpServer(new InetSocketAddress(host, port), ingestor, template, metricsSnapshot());
            running.add(http);
            return http.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ingest HTTP endpoint on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Starts polling the configured feeds. */
    public FeedPoller pollFeeds() {
        try {
            FeedPoller poller = new FeedPoller(config.feeds(), ingestor, config.feedStateFile(), config.feedInterval(), Clock.systemUTC());
            running.add(poller);
            poller.start();
            return poller;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feed state " + config.feedStateFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    // closing: carry on with the others
                }
            }
        } finally {
            sink.close();
        }
    }
}

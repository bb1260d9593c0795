package io.wirestream.cli.up;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.http.IngestHttpServer;
import io.wirestream.ingest.publish.ArticlePublisher;
import io.wirestream.ingest.source.FileSource;
import io.wirestream.ingest.source.HotFolderSource;
import io.wirestream.ingest.source.IngestListener;
import io.wirestream.ingest.source.IngestSummary;
import io.wirestream.ingest.source.Ingestor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The ingest side of {@code wirestream up}: one publisher shared by the file, hot-folder and HTTP sources. */
final class LocalIngest implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final ArticlePublisher publisher;
    private final IngestSummary summary = new IngestSummary();
    private final Ingestor ingestor;
    // the same default source as `wirestream ingest`: the same copy gets the same story id whichever way it comes in
    private final ParseContext template = ParseContext.of("up");
    private HotFolderSource hotFolder;
    private IngestHttpServer http;

    LocalIngest(String bootstrapServers, String registryUrl, String rawTopic) {
        this.publisher = new ArticlePublisher(bootstrapServers, registryUrl, rawTopic);
        // the publisher's metrics count rejects too, so the dashboard and /metrics see them
        this.ingestor = new Ingestor(FormatSniffer.defaults(), publisher, IngestListener.all(summary, publisher.metrics()),
            ACK_TIMEOUT);
    }

    /** Publishes every file under {@code paths}; returns once the broker acknowledged each accepted story. */
    List<Ingestor.Outcome> ingest(List<Path> paths, InputStream stdin) {
        return new FileSource(ingestor, template, null).ingest(paths.stream().map(Path::toString).toList(), stdin);
    }

    /** Watches {@code inbox}: published files move to done/, rejected ones to rejected/ with a .error file. */
    HotFolderSource watch(Path inbox) {
        try {
            hotFolder = new HotFolderSource(inbox, ingestor, template, null, Duration.ofMillis(500), Duration.ofSeconds(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + inbox, e);
        }
        hotFolder.start();
        return hotFolder;
    }

    /** {@code POST /articles} on loopback. */
    int serveHttp(int port) {
        try {
            http = new IngestHttpServer(new InetSocketAddress("127.0.0.1", port), ingestor, template,
                publisher.metrics()::snapshot).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ingest HTTP endpoint on port " + port + ": " + e.getMessage(), e);
        }
        return http.port();
    }

    IngestSummary summary() {
        return summary;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (hotFolder != null) {
            hotFolder.close();
        }
        publisher.close();
    }
}

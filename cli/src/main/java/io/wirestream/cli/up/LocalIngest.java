package io.wirestream.cli.up;

import io.wirestream.ingest.IngestConfig;
import io.wirestream.ingest.IngestService;
import io.wirestream.ingest.source.HotFolderSource;
import io.wirestream.ingest.source.IngestSummary;
import io.wirestream.ingest.source.Ingestor;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The ingest side of {@code wirestream up}: one {@link IngestService} (one publisher) for the file, hot-folder and HTTP sources. */
final class LocalIngest implements AutoCloseable {

    private final IngestSummary summary = new IngestSummary();
    private final IngestService service;

    LocalIngest(String bootstrapServers, String registryUrl, Map<String, Object> registryClientProps, String rawTopic) {
        // the same assembly and default source as `wirestream ingest`: the same copy gets the same story id either way
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
            IngestConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            IngestConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl,
            IngestConfig.TOPIC_RAW_CONFIG, rawTopic,
            IngestConfig.ACK_TIMEOUT_MS_CONFIG, 60_000L,
            IngestConfig.WATCH_POLL_MS_CONFIG, 500L,
            IngestConfig.WATCH_STABLE_MS_CONFIG, 1_000L));
        // the registry's credentials ride with the producer's settings to the serializer, as `wirestream ingest` passes them
        registryClientProps.forEach((k, v) -> props.put(IngestConfig.PRODUCER_PREFIX + k, v));
        this.service = IngestService.publishing(new IngestConfig(props), summary);
    }

    /** Publishes every file under {@code paths}; returns once the broker acknowledged each accepted story. */
    List<Ingestor.Outcome> ingest(List<Path> paths, InputStream stdin) {
        return service.ingestPaths(paths.stream().map(Path::toString).toList(), stdin);
    }

    /** Watches {@code inbox}: published files move to done/, rejected ones to rejected/ with a .error file. */
    HotFolderSource watch(Path inbox) {
        return service.watch(inbox);
    }

    /** {@code POST /articles} on loopback. */
    int serveHttp(int port) {
        return service.serveHttp("127.0.0.1", port).port();
    }

    IngestSummary summary() {
        return summary;
    }

    @Override
    public void close() {
        service.close();
    }
}

package io.wirestream.cli;

import io.wirestream.ingest.IngestApp;
import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.schemas.topic.Topics;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wirestream ingest}: wire copy from files, stdin, a hot folder, HTTP pushes or feeds into {@code news.raw}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {
        "Parse wire copy and publish it to news.raw.",
        "",
        "Reads files, folders (recursively) or standard input (-), and with --watch, --http-port or --feed also a hot "
            + "folder, HTTP pushes or RSS/Atom feeds. The format is sniffed from the bytes: plain text, ANPA 1312, "
            + "IPTC 7901, NITF, NewsML-G2, ninjs, RSS or Atom (--format forces one).",
        "",
        "Publishes one RawArticle per story version to news.raw (PREFIXraw with --topic-prefix), keyed by story id, "
            + "with an idempotent producer (acks=all). With --dry-run it only parses and prints JSON Lines: no broker "
            + "needed. Exits once every PATH is acknowledged; with --watch, --http-port or --feed it runs until Ctrl-C."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every input accepted",
        "1:some input rejected or not acknowledged, or a runtime failure",
        "2:usage error"
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream ingest seeds/                   publish every file under seeds/",
        "  wirestream ingest --dry-run seeds/ | jq .headline   parse only, no broker",
        "  cat story.xml | wirestream ingest --format nitf -",
        "  wirestream ingest --watch inbox/           hot folder: inbox/done, /rejected",
        "  wirestream ingest --http-port 8080         then POST copy to /articles:",
        "      curl --data-binary @story.xml http://127.0.0.1:8080/articles",
        "  wirestream ingest --feed https://example.com/world.rss --feed-interval 60"})
public final class IngestCommand implements Callable<Integer> {

    @Mixin ClusterOptions cluster;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files, folders (recursively) or - for stdin.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--dry-run", description = "Parse only: print each article as a JSON line (or {\"file\",\"error\"}) to stdout; no broker.")
    boolean dryRun;

    @Option(names = "--format", paramLabel = "NAME",
        description = "Force a format instead of sniffing: plain-text, anpa-1312, iptc-7901, nitf, newsml-g2, ninjs, rss, atom, newsml-1, email.")
    String format;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, paramLabel = "PREFIX",
        description = "Topic name prefix (default: ${DEFAULT-VALUE}); articles go to PREFIXraw.")
    String topicPrefix;

    @Option(names = "--watch", paramLabel = "DIR", description = "Watch a hot folder; processed files move to DIR/done/, rejected ones to DIR/rejected/.")
    Path watch;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Serve POST /articles and GET /health on this port (0 = any free port).")
    Integer httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Address the HTTP endpoint binds (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--feed", paramLabel = "URL", description = "Poll this RSS/Atom feed (repeatable).")
    List<URI> feeds = new ArrayList<>();

    @Option(names = "--feed-interval", paramLabel = "SECONDS", defaultValue = "300", description = "Seconds between feed polls (default: ${DEFAULT-VALUE}).")
    long feedInterval;

    @Option(names = "--feed-state", paramLabel = "FILE", defaultValue = "data/ingest/feed-state.json",
        description = "Where feed ETags and seen item ids are kept across restarts (default: ${DEFAULT-VALUE}).")
    Path feedState;

    @Option(names = "--max-bytes", paramLabel = "BYTES", description = "Largest accepted input (default: 10 MiB).")
    long maxBytes = FormatSniffer.DEFAULT_MAX_BYTES;

    @Option(names = "--source", paramLabel = "NAME", defaultValue = "wirestream",
        description = "Source name for copy that names no agency; part of such stories' ids (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--charset", paramLabel = "CHARSET", description = "Decode inputs with this charset instead of the declared one / UTF-8.")
    Charset charset;

    @Option(names = "--stable-ms", defaultValue = "1000", paramLabel = "MS", description = "Hot folder: milliseconds a file must keep its size and mtime before it is taken (default: ${DEFAULT-VALUE}).")
    long stableMs;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean longRunning = watch != null || httpPort != null || !feeds.isEmpty();
        if (paths.isEmpty() && !longRunning) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "nothing to ingest: give PATH..., '-' for stdin, --watch DIR, --http-port PORT or --feed URL");
        }
        if (dryRun && longRunning) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dry-run works on PATH... only, not with --watch, --http-port or --feed");
        }
        FormatSniffer formats = FormatSniffer.defaults(maxBytes);
        if (format != null && formats.byName(format).isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "unknown --format '" + format + "'; known: " + String.join(", ", formats.formatNames()));
        }
        if (!dryRun) {
            cluster.requireReachable(); // else every file is "rejected" after a minute of metadata timeouts
        }
        IngestApp.Config cfg = new IngestApp.Config(paths, dryRun, format, cluster.bootstrapServer, cluster.schemaRegistry,
            new Topics(topicPrefix).raw(), watch, httpPort, httpHost, feeds, Duration.ofSeconds(Math.max(1, feedInterval)), feedState,
            maxBytes, source, charset, Duration.ofMillis(stableMs), Duration.ofSeconds(2), Duration.ofSeconds(120),
            dryRun ? null : cluster.client().forClient(ClientProperties.Role.PRODUCER, "ingest producer"));
        return IngestApp.run(cfg, System.in, System.out, System.err);
    }
}

package io.wirestream.cli;

import io.wirestream.cli.up.PipelineRun;
import io.wirestream.cli.up.PortChoice;
import io.wirestream.cli.up.RegistryAuthFile;
import io.wirestream.cli.up.UpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wirestream up}: the whole pipeline on this machine. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
        "Run the whole pipeline on this machine.",
        "",
        "Starts an embedded Kafka broker (KRaft) and schema registry, the enrich app, a Kafka Connect worker with the "
            + "JSON Lines sink (plus the PostgreSQL sink with --postgres), the HTTP ingest endpoint and the ops "
            + "dashboard. Their state lives under --data-dir and is kept across restarts: the next run resumes where "
            + "this one stopped, and ingesting the same copy again adds nothing to the sinks.",
        "",
        "Ingests PATH... (default: seeds/), prints each story with its entities and topics, then watches --inbox for "
            + "new copy until Ctrl-C. With --once it exits instead as soon as every story has reached every sink "
            + "(exit 1 if that takes longer than --timeout or an input is rejected)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream up                          ingest seeds/, then watch inbox/",
        "  wirestream up --once seeds/            process, wait for every sink, exit",
        "  wirestream up --kafka-port 0 --registry-port 0 \\",
        "      --http-port 0 --dashboard-port 0   any free ports",
        "  wirestream up --postgres jdbc:postgresql://127.0.0.1:5432/postgres \\",
        "      --postgres-user postgres           also write to PostgreSQL",
        "  wirestream up --registry-auth data/registry.properties",
        "                                         registry with basic auth; then e.g.",
        "  wirestream tail news.enriched --command-config data/registry.properties"
    })
public final class UpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to ingest at start (default: seeds/).")
    List<Path> inputs;

    @Option(names = "--once", description = "Exit once every story has reached every sink instead of watching the inbox.")
    boolean once;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR",
        description = "Broker, registry, Streams and Connect state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--inbox", defaultValue = "inbox", paramLabel = "DIR",
        description = "Hot folder to watch; processed files go to DIR/done, rejected ones to DIR/rejected (default: ${DEFAULT-VALUE}).")
    Path inbox;

    @Option(names = "--out", defaultValue = "out", paramLabel = "DIR",
        description = "Where the JSON Lines sink writes (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Mixin PostgresOptions postgres;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT", description = "Kafka broker port, 0 for any free port (default: ${DEFAULT-VALUE}, or a free port if that one is in use).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT", description = "Schema registry port, 0 for any free port (default: ${DEFAULT-VALUE}, or a free port if that one is in use).")
    int registryPort;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT", description = "HTTP ingest port (POST /articles), 0 for any free port (default: ${DEFAULT-VALUE}, or a free port if that one is in use).")
    int httpPort;

    @Option(names = "--dashboard-port", defaultValue = "8090", paramLabel = "PORT", description = "Ops dashboard port, 0 for any free port (default: ${DEFAULT-VALUE}, or a free port if that one is in use).")
    int dashboardPort;

    @Option(names = "--partitions", defaultValue = "3", paramLabel = "N", description = "Partitions of the pipeline's topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--taxonomy", paramLabel = "FILE", description = "Taxonomy file replacing the built-in one.")
    Path taxonomy;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "With --once: give up when the sinks have not caught up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--registry-auth", paramLabel = "FILE",
        description = "Lock the embedded schema registry with HTTP basic auth: FILE is a --command-config file whose "
            + "basic.auth.user.info=USER:PASSWORD is the one user let in (${env:VAR} and ${file:PATH:KEY} work); every "
            + "client up starts uses it, and other commands join with --command-config FILE. A missing FILE is created "
            + "(owner-only) for user wirestream with a random password.")
    Path registryAuth;

    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> paths = inputs == null || inputs.isEmpty() ? List.of(Path.of("seeds")) : inputs;
        UpSettings settings = new UpSettings(dataDir, inbox, outDir, paths,
            port("Kafka broker", "--kafka-port", kafkaPort), port("schema registry", "--registry-port", registryPort),
            port("HTTP ingest endpoint", "--http-port", httpPort), port("ops dashboard", "--dashboard-port", dashboardPort),
            partitions, taxonomy, postgres.url, postgres.user, postgres.password, postgres.schema, timeout, registryUserInfo());
        return new PipelineRun(settings, spec.commandLine().getOut(), spec.commandLine().getErr()).run(once);
    }

    /** The registry's one user from --registry-auth (the file created first when missing), or null. */
    private org.apache.kafka.common.config.types.Password registryUserInfo() {
        if (registryAuth == null) {
            return null;
        }
        if (!java.nio.file.Files.exists(registryAuth)) {
            RegistryAuthFile.create(registryAuth);
            spec.commandLine().getErr().println("wirestream: created " + registryAuth + " (registry user "
                + RegistryAuthFile.DEFAULT_USER + ", random password); other commands join with --command-config " + registryAuth);
        }
        return RegistryAuthFile.userInfo(registryAuth, ClientProperties.load(registryAuth).all());
    }

    /** The port to use: a taken default gives way to a free port, a taken port the user chose fails the start. */
    private int port(String what, String option, int value) {
        CommandLine.Model.OptionSpec o = spec.findOption(option);
        boolean explicit = spec.commandLine().getParseResult().hasMatchedOption(option)
            || !String.valueOf(value).equals(o.defaultValue());
        return PortChoice.resolve(what, option, value, explicit, spec.commandLine().getErr());
    }
}

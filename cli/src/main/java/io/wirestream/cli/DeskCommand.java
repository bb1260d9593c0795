package io.wirestream.cli;

import io.wirestream.desk.DeskConfig;
import io.wirestream.desk.DeskServer;
import io.wirestream.schemas.topic.Topics;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirestream desk}: the newsroom desk (SSE subscriptions and the live wire page); the work is the desk module's. */
@Command(name = "desk", mixinStandardHelpOptions = true,
    description = {
        "Serve the newsroom desk: live story streams (SSE) and the wire page.",
        "",
        "GET /v1/stream?topic=SLUG&entity=ID&source=S&from=beginning|now|ISO-TIME streams one event per story (ninjs "
            + "JSON); the event id is the Kafka position, so a client reconnecting with Last-Event-ID resumes exactly "
            + "after the last event it saw. Reads only; binds loopback unless --listen says otherwise."
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream desk                                      http://127.0.0.1:8095/",
        "  wirestream desk --bootstrap-server kafka1:9092 \\",
        "      --schema-registry http://registry:8081",
        "  wirestream desk --postgres-url jdbc:postgresql://127.0.0.1:5432/news \\",
        "      --postgres-user reader                  search the whole archive",
        "  wirestream desk --listen 0.0.0.0:8095 --token-file desk.token"})
public final class DeskCommand implements Callable<Integer> {

    @Mixin ClusterOptions cluster;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT", defaultValue = "127.0.0.1:8095",
        description = "Where to listen (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--topic-prefix", defaultValue = "news.", paramLabel = "PREFIX",
        description = "Prefix of the pipeline's topic names (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--max-streams", defaultValue = "100", paramLabel = "N",
        description = "Most open streams at once; more get 429 (default: ${DEFAULT-VALUE}).")
    int maxStreams;

    @Option(names = "--recent", defaultValue = "1000", paramLabel = "N",
        description = "Stories kept in memory for /v1/stories/{id} and /v1/search (default: ${DEFAULT-VALUE}).")
    int recent;

    @Option(names = "--token-file", paramLabel = "FILE",
        description = "Require this bearer token (Authorization: Bearer, cookie desk_token or ?access_token=).")
    java.nio.file.Path tokenFile;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "Allow this origin (CORS is off by default).")
    String corsOrigin;

    @Option(names = "--postgres-url", paramLabel = "JDBC-URL",
        description = "Search the whole archive in the PostgreSQL sink's tables (else the stories kept in memory).")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", description = "PostgreSQL user (read access is enough).")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD",
        description = "PostgreSQL password (better: the environment variable WIRESTREAM_POSTGRES_PASSWORD).")
    String postgresPassword;

    @Option(names = "--postgres-schema", paramLabel = "SCHEMA", defaultValue = "public",
        description = "Schema of the sink's tables (default: ${DEFAULT-VALUE}).")
    String postgresSchema;

    @Spec CommandLine.Model.CommandSpec spec;

    /** The desk's config for a cluster at {@code bootstrap} (used by {@code wirestream up} too). */
    static DeskConfig config(Map<String, Object> clientProps, String bootstrap, String registry, Topics topics, String host, int port) {
        return DeskConfig.from(properties(clientProps, bootstrap, registry, topics, host, port));
    }

    /** The desk's properties: the client's, then the flags under DeskConfig's keys. */
    private static Map<String, Object> properties(Map<String, Object> clientProps, String bootstrap, String registry, Topics topics,
                                                  String host, int port) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put("bootstrap.servers", bootstrap);
        props.put(DeskConfig.SCHEMA_REGISTRY_URL_CONFIG, registry);
        props.put(DeskConfig.TOPICS_PREFIX_CONFIG, topics.prefix());
        props.put(DeskConfig.LISTEN_HOST_CONFIG, host);
        props.put(DeskConfig.LISTEN_PORT_CONFIG, port);
        return props;
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    @Override
    public Integer call() throws Exception {
        cluster.requireReachable();
        String hostPort = listen.trim();
        int colon = hostPort.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(colon < 0 ? hostPort : hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listen takes [HOST:]PORT, got '" + listen + "'");
        }
        String host = colon > 0 ? hostPort.substring(0, colon) : DeskConfig.DEFAULT_HOST;
        Map<String, Object> props = properties(cluster.client().forClient(ClientProperties.Role.CONSUMER, "desk"), cluster.bootstrapServer,
                cluster.schemaRegistry, new Topics(prefix), host, port);
        props.put(DeskConfig.MAX_STREAMS_CONFIG, maxStreams);
        props.put(DeskConfig.RECENT_STORIES_CONFIG, recent);
        if (corsOrigin != null) {
            props.put(DeskConfig.CORS_ORIGIN_CONFIG, corsOrigin);
        }
        if (tokenFile != null) {
            props.put(DeskConfig.TOKEN_CONFIG, java.nio.file.Files.readString(tokenFile).trim());
        }
        DeskConfig config;
        try {
            config = DeskConfig.from(props);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (postgresUrl != null) {
            String password = postgresPassword != null ? postgresPassword : System.getenv("WIRESTREAM_POSTGRES_PASSWORD");
            config = config.withArchive(new DeskConfig.Archive(postgresUrl, postgresUser, password, postgresSchema, null));
        }
        if (config.token() == null && !isLoopback(host)) {
            spec.commandLine().getErr().println("wirestream desk: warning: listening on " + host
                + " without a token: anyone who reaches it reads the wire (--token-file)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DeskServer desk = DeskServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            desk.close();
            stopped.countDown();
        }, "wirestream-desk-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("wirestream desk: " + desk.url() + "  stream " + desk.url() + "v1/stream  search "
            + (postgresUrl == null ? "the last " + recent + " stories" : "the archive in " + postgresUrl) + "  (Ctrl-C to stop)");
        out.flush();
        stopped.await();
        return CommandLine.ExitCode.OK;
    }
}

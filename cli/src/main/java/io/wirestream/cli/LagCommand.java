package io.wirestream.cli;

import io.wirestream.ops.OpsConfig;
import io.wirestream.ops.OpsService;
import io.wirestream.ops.lag.AdminLagSource;
import io.wirestream.ops.lag.ConnectRestSinkRetries;
import io.wirestream.ops.lag.LagMonitor;
import io.wirestream.ops.lag.LagMonitorSettings;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.report.LagReport;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wirestream lag}: consumer lag per group in offsets and seconds with a status, as a table or JSON.
 * The work is done by the ops module's {@link LagMonitor}; this class only parses options and prints.
 */
@Command(name = "lag", mixinStandardHelpOptions = true,
    description = {
        "Show consumer lag in offsets and seconds, with a status per group.",
        "",
        "Covers every consumer group (or those matching --include/--exclude), members or not: offsets behind, seconds "
            + "behind (estimated from each partition's end-offset timeline) and a status per group: OK, WARN (lag "
            + "growing), REWIND (offset went back), STALL (members but no progress), RETRYING (a sink task waits for its "
            + "database; needs --connect-url), STOP (no members, no commits, lag > 0), ERR (unread records deleted by retention).",
        "",
        "The status needs a history: the command watches the cluster for --window (polling every --interval) before "
            + "it prints. With --window 0 it prints at once (lag only; statuses other than OK/ERR need a window, "
            + "and seconds behind are a lower bound from a single sample). With -v the table has a line per partition too."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:no group is ERR or STOP",
        "1:runtime failure (cluster unreachable)",
        "2:usage error",
        "3:some group is ERR or STOP"
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream lag                          table after a 10 s window",
        "  wirestream lag -v                       one line per partition too",
        "  wirestream lag --json --window 30s      JSON for scripts; exit 3 on ERR/STOP",
        "  wirestream lag --watch --interval 2s    refresh every 2 s until Ctrl-C",
        "  wirestream lag --include 'connect-.*'   only the Connect sink groups",
        "  wirestream lag --bootstrap-server kafka1:9092 --window 0",
        "  wirestream lag --connect-url http://connect:8083",
        "                                          RETRYING while a sink waits for its DB",
        "  wirestream lag --serve 0.0.0.0:8090 --ops-config ops.properties",
        "                                          dashboard, /metrics, /api until Ctrl-C"})
public final class LagCommand implements Callable<Integer> {

    /** Exit code when any group is ERR or STOP. */
    public static final int EXIT_FAILING_GROUP = 3;

    @Mixin ClusterOptions cluster;

    @Option(names = "--include", paramLabel = "REGEX", defaultValue = ".*",
        description = "Only groups whose whole id matches (default: ${DEFAULT-VALUE}).")
    String include;

    @Option(names = "--exclude", paramLabel = "REGEX", defaultValue = "",
        description = "Leave out groups whose whole id matches (default: none).")
    String exclude;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
        description = "Status window: how long to watch before the first report, and the window of the status rules "
            + "(default: ${DEFAULT-VALUE}). Units: ms, s, m, h.")
    Duration window;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
        description = "Time between polls, and between refreshes with --watch (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--watch", description = "Keep polling and print the table again every --interval until Ctrl-C.")
    boolean watch;

    @Option(names = "--json", description = "Print the JSON document /api/lag serves instead of a table.")
    boolean json;

    @Option(names = "--serve", paramLabel = "[HOST:]PORT",
        description = "Run the ops server instead of printing: dashboard on /, Prometheus /metrics, /api/lag, /api/pipeline; "
            + "polls every --interval with a status window of --window (0 = the server's default, 5 min). Runs until Ctrl-C.")
    String serve;

    @Option(names = "--connect-url", paramLabel = "URL",
        description = "REST URL of the Kafka Connect worker that runs the sinks (e.g. http://connect:8083). A sink task that "
            + "waits for its database then shows its group (connect-<connector>) as RETRYING with the reason and since "
            + "when (the worker's GET /wirestream/sink-retries; Connect's own status says RUNNING meanwhile). `up`'s "
            + "dashboard shows it without this.")
    java.net.URI connectUrl;

    @Option(names = "--ops-config", paramLabel = "FILE",
        description = "Properties file of ops settings such as alert thresholds per group (keys in ops/README.md); flags "
            + "given here win.")
    java.nio.file.Path opsConfig;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (serve != null) {
            return serve();
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be > 0");
        }
        Duration statusWindow = window.compareTo(interval) < 0 ? interval : window;
        LagMonitorSettings settings;
        try {
            settings = new LagMonitorSettings(interval, statusWindow, LagMonitorSettings.DEFAULT_TIMELINE_SAMPLES,
                Pattern.compile(include), Pattern.compile(exclude.isEmpty() ? "$^" : exclude));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bad regular expression: " + e.getMessage());
        }
        cluster.requireReachable();
        PrintWriter out = spec.commandLine().getOut();
        try (AdminLagSource source = AdminLagSource.connect(adminMap(cluster.adminProperties("lag admin")), Duration.ofSeconds(15));
             LagMonitor monitor = new LagMonitor(source, settings, Clock.systemUTC())) {
            if (connectUrl != null) {
                monitor.withSinkRetries(new ConnectRestSinkRetries(connectUrl, Duration.ofSeconds(5)));
            }
            LagSnapshot snapshot = window.isZero() ? monitor.poll() : monitor.observe(window);
            print(out, snapshot, statusWindow, false);
            while (watch && !Thread.currentThread().isInterrupted()) {
                Thread.sleep(interval.toMillis());
                snapshot = monitor.poll();
                print(out, snapshot, statusWindow, true);
            }
            if (snapshot.error().isPresent()) {
                throw new IllegalStateException("cannot read lag from " + cluster.bootstrapServer + ": " + snapshot.error().get());
            }
            return snapshot.failing() ? EXIT_FAILING_GROUP : CommandLine.ExitCode.OK;
        }
    }

    private static Map<String, Object> adminMap(java.util.Properties props) {
        Map<String, Object> map = new java.util.HashMap<>();
        props.forEach((k, v) -> map.put(String.valueOf(k), v));
        return map;
    }

    private int serve() throws Exception {
        Map<String, Object> props = new java.util.HashMap<>();
        if (opsConfig != null) {
            java.util.Properties file = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(opsConfig)) {
                file.load(in);
            }
            file.forEach((k, v) -> props.put(String.valueOf(k), v));
        }
        String hostPort = serve.trim();
        int colon = hostPort.lastIndexOf(':');
        try {
            props.put(OpsConfig.HTTP_PORT_CONFIG, Integer.parseInt(colon < 0 ? hostPort : hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--serve takes [HOST:]PORT, got '" + serve + "'");
        }
        if (colon > 0) {
            props.put(OpsConfig.HTTP_HOST_CONFIG, hostPort.substring(0, colon));
        }
        cluster.client().forClient(ClientProperties.Role.ADMIN, "ops admin").forEach((k, v) -> props.put("kafka." + k, v));
        props.put(OpsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServer);
        props.put(OpsConfig.GROUPS_INCLUDE_CONFIG, include);
        props.put(OpsConfig.GROUPS_EXCLUDE_CONFIG, exclude);
        if (spec.commandLine().getParseResult().hasMatchedOption("--interval")) {
            props.put(OpsConfig.LAG_POLL_INTERVAL_MS_CONFIG, interval.toMillis());
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--window") && !window.isZero()) {
            props.put(OpsConfig.LAG_WINDOW_MS_CONFIG, window.toMillis());
        }
        OpsConfig config;
        try {
            config = new OpsConfig(props);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        OpsService ops = OpsService.start(config);
        if (connectUrl != null) {
            ops.monitor().withSinkRetries(new ConnectRestSinkRetries(connectUrl, Duration.ofSeconds(5)));
        }
        Thread hook = new Thread(() -> {
            ops.close();
            stopped.countDown();
        }, "wirestream-ops-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wirestream ops: dashboard " + ops.url() + "  metrics " + ops.url() + "metrics  (Ctrl-C to stop)");
        out.flush();
        stopped.await();
        return CommandLine.ExitCode.OK;
    }

    private void print(PrintWriter out, LagSnapshot snapshot, Duration statusWindow, boolean refresh) {
        if (json) {
            out.println(LagReport.toJson(LagReport.lagDocument(snapshot, Map.of(), statusWindow)));
        } else {
            if (refresh) {
                out.print(System.console() != null ? "\033[H\033[2J" : "\n");
            }
            if (watch) {
                out.println("wirestream lag  " + snapshot.time() + "  (window " + statusWindow.toMillis() / 1000.0 + " s, Ctrl-C to stop)");
            }
            out.print(LagReport.table(snapshot, Map.of(), cluster.verbose));
        }
        out.flush();
    }
}

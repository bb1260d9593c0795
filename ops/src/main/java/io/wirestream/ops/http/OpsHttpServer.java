package io.wirestream.ops.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wirestream.ops.history.HistoryTable;
import io.wirestream.ops.metrics.PrometheusTextWriter;
import io.wirestream.ops.report.LagReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops HTTP server (JDK {@code com.sun.net.httpserver}):
 * <ul>
 *   <li>{@code /} the dashboard page; {@code /dashboard/...} its script, style and the vendored chart library</li>
 *   <li>{@code /metrics} Prometheus text format 0.0.4</li>
 *   <li>{@code /api/lag}, {@code /api/pipeline}, {@code /api/history} JSON</li>
 *   <li>{@code /healthz} 200 when the last lag poll reached the cluster, 503 otherwise</li>
 * </ul>
 * GET and HEAD only. Static files come from the classpath under {@code io/wirestream/ops/dashboard/}.
 */
public final class OpsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    private static final String RESOURCES = "io/wirestream/ops/dashboard/";
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
        "md", "text/plain; charset=utf-8", "LICENSE", "text/plain; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService executor;
    private final OpsView view;

    private OpsHttpServer(HttpServer server, ExecutorService executor, OpsView view) {
        this.server = server;
        this.executor = executor;
        this.view = view;
    }

    /** Binds and starts serving; port 0 picks a free port. */
    public static OpsHttpServer start(OpsView view, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "wirestream-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        OpsHttpServer ops = new OpsHttpServer(server, executor, view);
        server.createContext("/", ops::handle);
        server.start();
        LOG.info("ops dashboard at {}", ops.url());
        return ops;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8090/}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/", "/index.html" -> resource(ex, "index.html");
                case "/metrics" -> send(ex, 200, PrometheusTextWriter.CONTENT_TYPE, view.metricsText().getBytes(StandardCharsets.UTF_8));
                case "/api/lag" -> json(ex, LagReport.lagDocument(view.lag(), view.alerts(), view.window()));
                case "/api/pipeline" -> json(ex, LagReport.pipelineDocument(view.pipeline()));
                case "/api/history" -> json(ex, history());
                case "/healthz" -> {
                    boolean up = view.lag().error().isEmpty();
                    send(ex, up ? 200 : 503, "text/plain; charset=utf-8", (up ? "ok\n" : "cluster unreachable\n").getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    if (path.startsWith("/dashboard/") && SAFE_PATH.matcher(path.substring("/dashboard/".length())).matches()
                        && !path.contains("..")) {
                        resource(ex, path.substring("/dashboard/".length()));
                    } else {
                        notFound(ex);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            try {
                send(ex, 500, "text/plain; charset=utf-8", ("internal error: " + e + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException ignored) {
                // response already started
            }
        }
    }

    private Map<String, Object> history() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("poll_interval_seconds", view.pollInterval().toMillis() / 1000.0);
        doc.put("lag_seconds", columns(view.history().lagSeconds()));
        doc.put("lag_offsets", columns(view.history().lagOffsets()));
        doc.put("throughput", columns(view.history().throughput()));
        return doc;
    }

    private static Map<String, Object> columns(HistoryTable table) {
        HistoryTable.Columns c = table.columns();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", c.t());
        m.put("series", c.series());
        return m;
    }

    private void resource(HttpExchange ex, String name) throws IOException {
        try (InputStream in = OpsHttpServer.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                notFound(ex);
                return;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
        }
    }

    private static void json(HttpExchange ex, Object doc) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, 200, "application/json; charset=utf-8", LagReport.toJson(doc).getBytes(StandardCharsets.UTF_8));
    }

    private static void notFound(HttpExchange ex) throws IOException {
        send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

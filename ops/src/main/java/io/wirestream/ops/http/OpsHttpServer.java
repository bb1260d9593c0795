package io.wirestream.ops.http;

import io.wirestream.http.HttpServerConfig;
import io.wirestream.http.JettyHttpServer;
import io.wirestream.http.Responses;
import io.wirestream.ops.history.HistoryTable;
import io.wirestream.ops.metrics.PrometheusTextWriter;
import io.wirestream.ops.report.LagReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops HTTP server (Jetty, through {@link JettyHttpServer}, with the limits of {@link HttpServerConfig}):
 * <ul>
 *   <li>{@code /} the dashboard page; {@code /dashboard/...} its script, style and the vendored chart library</li>
 *   <li>{@code /metrics} Prometheus text format 0.0.4</li>
 *   <li>{@code /api/lag}, {@code /api/pipeline}, {@code /api/history} JSON</li>
 *   <li>{@code /healthz} 200 when the last lag poll reached the cluster, 503 otherwise</li>
 * </ul>
 * GET and HEAD only (a request body is never read: other methods are a 405). Every answer is built from what the
 * lag poller already holds, so requests are answered on Jetty's own threads. Static files come from the classpath
 * under {@code io/wirestream/ops/dashboard/}.
 */
public final class OpsHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    private static final String RESOURCES = "io/wirestream/ops/dashboard/";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
        "md", "text/plain; charset=utf-8", "LICENSE", "text/plain; charset=utf-8");

    private final JettyHttpServer server;
    private final OpsView view;

    private OpsHttpServer(JettyHttpServer server, OpsView view) {
        this.server = server;
        this.view = view;
    }

    /** Binds and starts serving with the default limits; port 0 picks a free port. */
    public static OpsHttpServer start(OpsView view, String host, int port) throws IOException {
        return start(view, HttpServerConfig.defaults(host, port));
    }

    /** Binds {@code config.host():config.port()} and starts serving. */
    public static OpsHttpServer start(OpsView view, HttpServerConfig config) throws IOException {
        OpsHttpServer[] self = new OpsHttpServer[1];
        JettyHttpServer server = JettyHttpServer.bind("wirestream-ops-http", config, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                self[0].handle(request, response, callback);
                return true;
            }
        });
        self[0] = new OpsHttpServer(server, view);
        server.start();
        LOG.info("ops dashboard at {}", self[0].url());
        return self[0];
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8090/}. */
    public String url() {
        String host = server.host();
        try {
            InetAddress a = InetAddress.getByName(host);
            host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        } catch (UnknownHostException e) {
            // keep the name as given
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + server.port() + "/";
    }

    public int port() {
        return server.port();
    }

    private void handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        try {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                send(request, response, callback, 405, TEXT, "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = request.getHttpURI().getPath();
            switch (path == null ? "/" : path) {
                case "/", "/index.html" -> resource(request, response, callback, "index.html");
                case "/metrics" -> send(request, response, callback, 200, PrometheusTextWriter.CONTENT_TYPE,
                    view.metricsText().getBytes(StandardCharsets.UTF_8));
                case "/api/lag" -> json(request, response, callback, LagReport.lagDocument(view.lag(), view.alerts(), view.window()));
                case "/api/pipeline" -> json(request, response, callback, LagReport.pipelineDocument(view.pipeline()));
                case "/api/history" -> json(request, response, callback, history());
                case "/healthz" -> {
                    boolean up = view.lag().error().isEmpty();
                    send(request, response, callback, up ? 200 : 503, TEXT, (up ? "ok\n" : "cluster unreachable\n").getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    if (path.startsWith("/dashboard/") && SAFE_PATH.matcher(path.substring("/dashboard/".length())).matches()
                        && !path.contains("..")) {
                        resource(request, response, callback, path.substring("/dashboard/".length()));
                    } else {
                        notFound(request, response, callback);
                    }
                }
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("{} {} failed", method, request.getHttpURI(), e);
            if (!response.isCommitted()) {
                response.getHeaders().remove(HttpHeader.CACHE_CONTROL);
                send(request, response, callback, 500, TEXT, ("internal error: " + e + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                callback.failed(e);
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

    private void resource(Request request, Response response, Callback callback, String name) throws IOException {
        try (InputStream in = OpsHttpServer.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                notFound(request, response, callback);
                return;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            send(request, response, callback, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
        }
    }

    private static void json(Request request, Response response, Callback callback, Object doc) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        send(request, response, callback, 200, "application/json; charset=utf-8", LagReport.toJson(doc).getBytes(StandardCharsets.UTF_8));
    }

    private static void notFound(Request request, Response response, Callback callback) {
        send(request, response, callback, 404, TEXT, "not found\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Request request, Response response, Callback callback, int status, String type, byte[] body) {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Responses.send(request, response, callback, status, type, body);
    }

    @Override
    public void close() {
        server.close();
    }
}

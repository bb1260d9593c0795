package io.wirestream.testkit.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's {@code chromium} run headless, for the tests of the project's pages (ops dashboard, desk). Two ways:
 * one-shot ({@link #dumpDom} / {@link #screenshot}: the page's DOM or a PNG after a virtual-time budget), and a live
 * page ({@link #open}: a browser kept running, driven over the DevTools protocol on a WebSocket, so a test can change
 * the world while the page stays open and evaluate JavaScript in it). {@link #find()} is empty when no chromium is
 * installed (tests then skip with that reason).
 */
public final class HeadlessChromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    public static Optional<HeadlessChromium> find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(new HeadlessChromium(Path.of(env)));
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** The page's DOM after {@code virtualTimeMs} of (virtual) time for its scripts and fetches. */
    public String dumpDom(String url, int virtualTimeMs) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + virtualTimeMs, "--dump-dom", url));
    }

    /** Writes a PNG screenshot of the page after {@code virtualTimeMs}. */
    public void screenshot(String url, Path png, int width, int height, int virtualTimeMs) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--virtual-time-budget=" + virtualTimeMs, "--hide-scrollbars", "--window-size=" + width + "," + height,
            "--screenshot=" + png.toAbsolutePath(), url));
    }

    private List<String> baseCommand(Path profile) {
        return new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> cmd = baseCommand(profile);
        cmd.addAll(args);
        Path out = Files.createTempFile("chromium", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 120 s: " + cmd);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited with " + p.exitValue() + ": " + cmd);
        }
        return stdout;
    }

    /**
     * Starts a browser on {@code url} and keeps it open: DevTools on a port chromium picks itself (read from the
     * profile's {@code DevToolsActivePort}, so parallel tests never collide). Close the page to end the browser.
     */
    public Page open(String url, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> cmd = baseCommand(profile);
        cmd.addAll(List.of("--remote-debugging-port=0", "--remote-allow-origins=*", "--hide-scrollbars",
            "--window-size=" + width + "," + height, url));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("chromium did not open DevTools within 60 s (alive: " + p.isAlive() + "): " + cmd);
                }
                Thread.sleep(100); // a file another process writes: nothing to wait on but the file system
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
            String ws = null;
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    ws = t.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (ws == null) {
                throw new IOException("chromium has no page target: " + targets);
            }
            return new Page(p, profile, http, ws);
        } catch (IOException | RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** One open page, driven over the DevTools protocol (Runtime.evaluate, Page.captureScreenshot). */
    public static final class Page implements AutoCloseable {
        private final Process process;
        private final Path profile;
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

        private Page(Process process, Path profile, HttpClient http, String wsUrl) {
            this.process = process;
            this.profile = profile;
            this.socket = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        try {
                            JsonNode msg = JSON.readTree(text.toString());
                            CompletableFuture<JsonNode> f = msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
                            if (f != null) {
                                f.complete(msg);
                            }
                        } catch (IOException e) {
                            // not JSON: DevTools only sends JSON; ignore
                        }
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            }).join();
        }

        /** Sends a DevTools command and returns its {@code result}; an error answer is an IOException. */
        public JsonNode send(String method, ObjectNode params) throws IOException {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
            msg.set("params", params == null ? JSON.createObjectNode() : params);
            socket.sendText(msg.toString(), true).join();
            JsonNode reply;
            try {
                reply = answer.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("no DevTools answer to " + method + ": " + e, e);
            }
            if (reply.has("error")) {
                throw new IOException("DevTools " + method + ": " + reply.get("error"));
            }
            return reply.path("result");
        }

        /** Evaluates a JavaScript expression in the page and returns its value as JSON (null when undefined). */
        public JsonNode eval(String expression) throws IOException {
            JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
            if (r.has("exceptionDetails")) {
                throw new IOException("the page threw evaluating " + expression + ": " + r.get("exceptionDetails"));
            }
            return r.path("result").path("value");
        }

        /** {@link #eval} for a string result ("" when the value is not a string). */
        public String evalString(String expression) throws IOException {
            JsonNode v = eval(expression);
            return v.isTextual() ? v.asText() : v.isMissingNode() || v.isNull() ? "" : v.toString();
        }

        /** The page's current DOM as HTML. */
        public String html() throws IOException {
            return evalString("document.documentElement.outerHTML");
        }

        /** Writes a PNG of what the page shows now. */
        public void screenshot(Path png) throws IOException {
            Files.createDirectories(png.toAbsolutePath().getParent());
            JsonNode r = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
            Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
        }

        @Override
        public void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the browser goes away anyway
            }
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temp dir: left for the OS
            }
        }
    }
}

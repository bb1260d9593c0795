package io.wirestream.cli.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Wirestream commands ({@code wirestream sink}, {@code enrich}, {@code ingest}, {@code up}) each in a child JVM on this
 * test's class path, so a test can crash one like a real process: {@link #kill} is SIGKILL, no shutdown hook runs, no
 * file is finished, no offset or transaction committed. Each child's stdout and stderr go to {@code NAME-N.log} under
 * the log directory; {@link #close()} stops what is still running (SIGTERM, then SIGKILL).
 */
final class ChildJvm implements AutoCloseable {

    /** A started command: its process and the file its output goes to. */
    record Child(Process process, Path log) {
        /** The output so far (empty when nothing was written yet). */
        String output() {
            try {
                return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "";
            }
        }
    }

    private final Path logs;
    private final List<Child> children = new ArrayList<>();

    ChildJvm(Path logs) {
        this.logs = logs;
    }

    /** Starts {@code wirestream ARGS...} in a JVM with at most {@code heapMb} MB of heap; its output goes to {@code NAME-N.log}. */
    synchronized Child start(String name, int heapMb, List<String> args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heapMb + "m", "-XX:TieredStopAtLevel=1",
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.wirestream.schemas",
            "-cp", System.getProperty("java.class.path"), "io.wirestream.cli.Main"));
        cmd.addAll(args);
        Files.createDirectories(logs);
        Path log = logs.resolve(name + "-" + children.size() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Child child = new Child(p, log);
        children.add(child);
        return child;
    }

    /** Waits until the child wrote {@code text}; fails early, with its output, when it exits first. */
    static void awaitOutput(Child child, String text, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                String out = child.output();
                if (!child.process().isAlive() && !out.contains(text)) {
                    throw new AssertionError("the child exited (" + child.process().exitValue() + ") before writing '" + text
                        + "':\n" + out);
                }
                return out.contains(text);
            });
        } catch (ConditionTimeoutException e) {
            // the child's log lives in a temporary directory that is gone after the run: show what it was doing
            throw new AssertionError("the child did not write '" + text + "' within " + timeout + "; the end of its output:\n"
                + tail(child.output(), 80), e);
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGKILL: the process gets no chance to finish files, commit offsets or transactions. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (Child c : children) {
            c.process().destroy();
        }
        for (Child c : children) {
            if (!c.process().waitFor(30, TimeUnit.SECONDS)) {
                kill(c.process());
            }
        }
    }
}

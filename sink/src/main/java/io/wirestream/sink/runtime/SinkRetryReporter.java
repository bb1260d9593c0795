package io.wirestream.sink.runtime;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.sink.SinkTaskRetry;

/**
 * Turns the sink tasks' {@link SinkTaskRetry} MBeans into one line when a task starts waiting for its system and one
 * when it writes again, for {@code up}'s and {@code sink}'s output (and the log, at WARN and INFO). Call
 * {@link #poll} every second or so; a task that stops while it waits is forgotten without a line (its restart starts
 * over).
 */
final class SinkRetryReporter {

    private static final Logger log = LoggerFactory.getLogger(SinkRetryReporter.class);

    private record Seen(String system, String reason, long sinceMs, int attempts) { }

    private final MBeanServer server;
    private final Consumer<String> report;
    private final Map<ObjectName, Seen> retrying = new HashMap<>();

    SinkRetryReporter(Consumer<String> report) {
        this(ManagementFactory.getPlatformMBeanServer(), report);
    }

    SinkRetryReporter(MBeanServer server, Consumer<String> report) {
        this.server = server;
        this.report = report;
    }

    /** Reads the MBeans of {@code connectors}' tasks and reports what changed since the last call. */
    synchronized void poll(Collection<String> connectors) {
        Set<ObjectName> names;
        try {
            names = server.queryNames(new ObjectName(SinkTaskRetry.DOMAIN + ":type=" + SinkTaskRetry.TYPE + ",*"), null);
        } catch (JMException e) {
            return;
        }
        Map<ObjectName, Seen> now = new HashMap<>();
        for (ObjectName name : names) {
            String connector = ObjectName.unquote(name.getKeyProperty("connector"));
            if (!connectors.contains(connector)) {
                continue;
            }
            String task = "sink " + connector + " task " + name.getKeyProperty("task");
            try {
                String state = (String) server.getAttribute(name, "State");
                Seen before = retrying.get(name);
                if ("RETRYING".equals(state)) {
                    Seen seen = new Seen((String) server.getAttribute(name, "System"), (String) server.getAttribute(name, "Reason"),
                        (Long) server.getAttribute(name, "SinceEpochMs"), (Integer) server.getAttribute(name, "Attempts"));
                    now.put(name, seen);
                    if (before == null) {
                        String line = task + " is waiting for " + seen.system() + " since "
                            + Instant.ofEpochMilli(seen.sinceMs()).truncatedTo(ChronoUnit.SECONDS) + " (" + seen.reason()
                            + "); it retries with backoff and loses nothing";
                        log.warn(line);
                        report.accept(line);
                    }
                } else if (before != null) {
                    long seconds = Duration.ofMillis(System.currentTimeMillis() - before.sinceMs()).toSeconds();
                    String line = task + ": " + before.system() + " is back after " + seconds + " s; writing again";
                    log.info(line);
                    report.accept(line);
                }
            } catch (JMException | ClassCastException e) {
                // the task stopped between query and read
            }
        }
        retrying.clear();
        retrying.putAll(now);
    }
}

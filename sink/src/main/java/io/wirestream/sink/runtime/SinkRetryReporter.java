package io.wirestream.sink.runtime;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.management.MBeanServer;

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

    private final MBeanServer server;
    private final Consumer<String> report;
    private final Map<String, SinkTaskRetry.Reading> retrying = new HashMap<>();

    SinkRetryReporter(Consumer<String> report) {
        this(ManagementFactory.getPlatformMBeanServer(), report);
    }

    SinkRetryReporter(MBeanServer server, Consumer<String> report) {
        this.server = server;
        this.report = report;
    }

    /** Reads the MBeans of {@code connectors}' tasks and reports what changed since the last call. */
    synchronized void poll(Collection<String> connectors) {
        Map<String, SinkTaskRetry.Reading> now = new HashMap<>();
        for (SinkTaskRetry.Reading r : SinkTaskRetry.readAll(server)) {
            if (!connectors.contains(r.connector())) {
                continue;
            }
            String task = "sink " + r.connector() + " task " + r.task();
            SinkTaskRetry.Reading before = retrying.get(task);
            if (r.retrying()) {
                now.put(task, r);
                if (before == null) {
                    String line = task + " is waiting for " + r.system() + " since "
                        + Instant.ofEpochMilli(r.sinceEpochMs()).truncatedTo(ChronoUnit.SECONDS) + " (" + r.reason()
                        + "); it retries with backoff and loses nothing";
                    log.warn(line);
                    report.accept(line);
                }
            } else if (before != null) {
                long seconds = Duration.ofMillis(System.currentTimeMillis() - before.sinceEpochMs()).toSeconds();
                String line = task + ": " + before.system() + " is back after " + seconds + " s; writing again";
                log.info(line);
                report.accept(line);
            }
        }
        retrying.clear();
        retrying.putAll(now);
    }
}

package io.wirestream.sink;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry state of one sink task, registered in the platform MBean server while the task runs, under
 * {@link #objectName(String, int)}: RUNNING, or RETRYING since when, why and how often. The task calls
 * {@link #failed} for each failed attempt and {@link #recovered} once a batch is written again; readers are
 * {@code wirestream-ops} (the lag monitor shows the sink's group as RETRYING with the reason and since when) and
 * {@link io.wirestream.sink.runtime.EmbeddedConnect} (one line on {@code up}'s output when the task starts waiting,
 * one when it recovers). Plain JMX, so any JMX exporter sees it as well.
 */
public final class SinkTaskRetry implements SinkTaskRetryMXBean, AutoCloseable {

    /** JMX domain of the sink's own MBeans. */
    public static final String DOMAIN = "wirestream.sink";
    /** JMX {@code type} of this MBean. */
    public static final String TYPE = "sink-task-retry";
    /** Task config key {@link ArticleSinkConnector} sets to the task's index, so a task can name its MBean. */
    public static final String TASK_ID_CONFIG = "wirestream.task.id";

    private static final Logger log = LoggerFactory.getLogger(SinkTaskRetry.class);

    private final String system;
    private final ObjectName name;
    private volatile State state = State.RUNNING_STATE;

    private record State(String state, String reason, long sinceMs, int attempts, long nextMs) {
        static final State RUNNING_STATE = new State("RUNNING", "", 0, 0, 0);
    }

    private SinkTaskRetry(String system, ObjectName name) {
        this.system = system;
        this.name = name;
    }

    /**
     * Registers the state of the task that {@code taskProps} configure ({@code name}, the connector, and
     * {@link #TASK_ID_CONFIG}); one registered under the same name before (a restarted task) is replaced. Never
     * fails the task: without JMX the state is kept but not shown.
     */
    public static SinkTaskRetry register(String system, Map<String, String> taskProps) {
        String connector = taskProps.getOrDefault("name", "unnamed");
        int task;
        try {
            task = Integer.parseInt(taskProps.getOrDefault(TASK_ID_CONFIG, "0"));
        } catch (NumberFormatException e) {
            task = 0;
        }
        ObjectName name = objectName(connector, task);
        SinkTaskRetry retry = new SinkTaskRetry(system, name);
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(retry, name);
        } catch (JMException e) {
            log.warn("Cannot register {} in JMX: {}", name, e.toString());
        }
        return retry;
    }

    /** {@code wirestream.sink:type=sink-task-retry,connector=<connector>,task=<task>}. */
    public static ObjectName objectName(String connector, int task) {
        try {
            return new ObjectName(DOMAIN + ":type=" + TYPE + ",connector=" + ObjectName.quote(connector) + ",task=" + task);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(connector, e);
        }
    }

    /** One task's state as read back from JMX (by {@link #readAll}). */
    public record Reading(String connector, int task, String state, String system, String reason, long sinceEpochMs,
                          int attempts, long nextAttemptEpochMs) {
        public boolean retrying() {
            return "RETRYING".equals(state);
        }
    }

    /** Every sink task state registered in {@code server}; a task that stops while it is read is left out. */
    public static List<Reading> readAll(MBeanServer server) {
        List<Reading> out = new ArrayList<>();
        Set<ObjectName> names;
        try {
            names = server.queryNames(new ObjectName(DOMAIN + ":type=" + TYPE + ",*"), null);
        } catch (JMException e) {
            return out;
        }
        for (ObjectName n : names) {
            try {
                out.add(new Reading(ObjectName.unquote(n.getKeyProperty("connector")), Integer.parseInt(n.getKeyProperty("task")),
                    (String) server.getAttribute(n, "State"), (String) server.getAttribute(n, "System"),
                    (String) server.getAttribute(n, "Reason"), (Long) server.getAttribute(n, "SinceEpochMs"),
                    (Integer) server.getAttribute(n, "Attempts"), (Long) server.getAttribute(n, "NextAttemptEpochMs")));
            } catch (JMException | RuntimeException e) {
                // the task stopped between query and read
            }
        }
        return out;
    }

    /** An attempt failed: RETRYING (since the first failure of this outage), the next attempt after {@code delayMs}. */
    public void failed(Instant since, int attempts, String reason, long delayMs) {
        long now = System.currentTimeMillis();
        state = new State("RETRYING", reason == null ? "" : reason, since.toEpochMilli(), attempts, now + delayMs);
    }

    /** A batch was written: RUNNING. */
    public void recovered() {
        state = State.RUNNING_STATE;
    }

    public boolean retrying() {
        return "RETRYING".equals(state.state());
    }

    @Override
    public String getState() {
        return state.state();
    }

    @Override
    public String getSystem() {
        return system;
    }

    @Override
    public String getReason() {
        return state.reason();
    }

    @Override
    public long getSinceEpochMs() {
        return state.sinceMs();
    }

    @Override
    public int getAttempts() {
        return state.attempts();
    }

    @Override
    public long getNextAttemptEpochMs() {
        return state.nextMs();
    }

    /** Unregisters the MBean (the task stopped). */
    @Override
    public void close() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            log.debug("Cannot unregister {}: {}", name, e.toString());
        }
    }
}

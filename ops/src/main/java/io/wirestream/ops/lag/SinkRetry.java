package io.wirestream.ops.lag;

import java.time.Instant;

/**
 * A sink task that retries its external system (PostgreSQL down): the sink's own {@code SinkTaskRetry} MBean
 * ({@code wirestream.sink:type=sink-task-retry,connector=<name>,task=<id>}), as the lag monitor shows it on the
 * connector's consumer group.
 *
 * @param connector the Connect connector
 * @param task      the task's index
 * @param system    what it waits for ({@code PostgreSQL})
 * @param reason    why the last attempt failed
 * @param since     the first failed attempt of this outage
 * @param attempts  failed attempts in a row
 */
public record SinkRetry(String connector, int task, String system, String reason, Instant since, int attempts) {

    /** The connector's consumer group, as Kafka Connect names it ({@code connect-<connector>}). */
    public String group() {
        return "connect-" + connector;
    }

    /** {@code waiting for PostgreSQL since 2026-12-06T16:40:01Z (7 attempts): Connection refused}. */
    public String describe() {
        return "waiting for " + system + " since " + since + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
            + "): " + reason;
    }
}

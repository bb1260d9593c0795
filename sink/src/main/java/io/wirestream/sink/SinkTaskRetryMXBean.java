package io.wirestream.sink;

/**
 * A sink task's own retrying, as JMX shows it: {@code wirestream.sink:type=sink-task-retry,connector=<name>,task=<id>}
 * (see {@link SinkTaskRetry}). Kafka Connect's task status stays RUNNING while a task retries inside {@code put}, so
 * this is where ops ({@code wirestream lag}, the dashboard, {@code up}'s output) see that it waits for its system.
 */
public interface SinkTaskRetryMXBean {

    /** {@code RUNNING}, or {@code RETRYING} while the task waits for its external system. */
    String getState();

    /** The external system the task writes to ({@code PostgreSQL}). */
    String getSystem();

    /** Why the last attempt failed (the driver's message and SQLSTATE); empty while running. */
    String getReason();

    /** When the first failed attempt of this outage was, in epoch milliseconds; 0 while running. */
    long getSinceEpochMs();

    /** Failed attempts in a row in this outage; 0 while running. */
    int getAttempts();

    /** When the next attempt is due, in epoch milliseconds; 0 while running. */
    long getNextAttemptEpochMs();
}

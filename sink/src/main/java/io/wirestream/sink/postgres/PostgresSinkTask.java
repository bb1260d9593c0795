package io.wirestream.sink.postgres;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.sink.ErrantRecordHandler;
import io.wirestream.sink.SinkTaskRetry;
import io.wirestream.sink.SinkVersion;
import io.wirestream.sink.article.ArticleChange;

/**
 * Thin task: turns records into {@link ArticleChange}s and hands each {@code put} batch to {@link PostgresWriter}
 * (one transaction). Records that cannot be understood, or whose data the database refuses, go to Connect's errant
 * record reporter (and so to the dead letter queue when one is configured); without a reporter they fail the task.
 *
 * <p>Connection and transient database errors never lose the batch: the task throws {@link RetriableException}, so
 * Connect pauses the partitions and hands the same batch back, and the task waits with a bounded exponential backoff
 * ({@code retry.backoff.ms} doubled up to {@code retry.backoff.max.ms}) of its own before trying again on a fresh
 * connection. Its own clock matters: Connect calls {@code put} again after at most the offset flush interval whatever
 * {@link org.apache.kafka.connect.sink.SinkTaskContext#timeout} asked for, so a call that comes early throws again
 * without touching the database. {@code max.retries} ({@code -1}, forever, by default) bounds the attempts in a row.
 * A database that is down when the task starts is not fatal either: the first {@code put} connects.
 *
 * <p>While it retries, the task's {@link SinkTaskRetry} MBean says RETRYING, why and since when (Connect's own task
 * status stays RUNNING), for {@code wirestream lag}, the dashboard and {@code up}'s output.
 */
public class PostgresSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(PostgresSinkTask.class);

    private PostgresSinkConfig config;
    private PostgresWriter writer;
    private ErrantRecordHandler errantRecords;
    private final Backoff backoff = new Backoff();
    private SinkTaskRetry retry;

    @Override
    public String version() {
        return SinkVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new PostgresSinkConfig(props);
        log.info("Starting PostgreSQL sink task: {}", config);
        retry = SinkTaskRetry.register("PostgreSQL", props);
        writer = new PostgresWriter(config);
        errantRecords = new ErrantRecordHandler(context);
        try {
            writer.open();
        } catch (SQLException e) {
            writer.close();
            if (!PostgresWriter.isTransient(e)) {
                throw new ConnectException("Cannot connect to " + config.connectionUrl() + " as " + config.user() + ": " + e.getMessage(), e);
            }
            log.warn("PostgreSQL at {} is not reachable yet ({}); the first batch will connect, retrying until it is back",
                    config.connectionUrl(), e.getMessage());
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        long wait = backoff.remainingMs(System.nanoTime());
        if (wait > 0) {
            context.timeout(wait);
            throw new RetriableException("PostgreSQL unavailable since " + backoff.since + "; next attempt in " + wait + " ms");
        }
        List<ArticleChange> changes = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            try {
                changes.add(ArticleChange.of(record));
            } catch (DataException e) {
                errantRecords.handle(record, e);
            }
        }
        try {
            for (PostgresWriter.Failure failure : write(changes)) {
                errantRecords.handle(failure.record(), new DataException("PostgreSQL refused story data: " + failure.error().getMessage(), failure.error()));
            }
            if (backoff.failures > 0) {
                log.info("PostgreSQL is back after {} failed attempts since {}; {} records written", backoff.failures, backoff.since,
                        records.size());
            }
            backoff.reset();
            retry.recovered();
        } catch (SQLException e) {
            writer.close();
            if (PostgresWriter.isTransient(e) && (config.maxRetries() < 0 || backoff.failures < config.maxRetries())) {
                long delay = backoff.failed(System.nanoTime(), config.retryBackoffMs(), config.retryBackoffMaxMs());
                log.warn("Writing {} records failed ({}, SQLSTATE {}); attempt {} since {}, retrying in {} ms", records.size(),
                        e.getMessage(), e.getSQLState(), backoff.failures, backoff.since, delay);
                retry.failed(backoff.since, backoff.failures, reason(e), delay);
                context.timeout(delay);
                throw new RetriableException(e);
            }
            throw new ConnectException("Writing " + records.size() + " records to PostgreSQL failed"
                    + (backoff.failures > 0 ? " after " + backoff.failures + " retries" : "") + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@link PostgresWriter#write}, with anything else the driver throws while the connection breaks turned into the
     * connection error it is (SQLSTATE 08006): PgJDBC 42.7 was seen to fail a batch on a dropped connection with an
     * AssertionError from {@code BatchResultHandler} (its {@code assert} on {@code getAutoCommit()}, under {@code -ea}).
     */
    private List<PostgresWriter.Failure> write(List<ArticleChange> changes) throws SQLException {
        try {
            return writer.write(changes);
        } catch (RuntimeException | AssertionError e) {
            if (writer.connectionLost()) {
                throw new SQLException("connection lost while writing: " + e, "08006", e);
            }
            throw e;
        }
    }

    /** The driver's message with its SQLSTATE, for the retry state ops show. */
    private static String reason(SQLException e) {
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        if (retry != null) {
            retry.close();
        }
    }

    /** Consecutive failures and when the next attempt may be made: {@code first * 2^(n-1)}, at most {@code max}. */
    static final class Backoff {
        int failures;
        java.time.Instant since;
        private long notBeforeNanos;

        long failed(long nowNanos, long firstMs, long maxMs) {
            if (failures == 0) {
                since = java.time.Instant.now();
            }
            failures++;
            long delay = firstMs;
            for (int i = 1; i < failures && delay < maxMs; i++) {
                delay *= 2;
            }
            delay = Math.min(delay, maxMs);
            notBeforeNanos = nowNanos + delay * 1_000_000L;
            return delay;
        }

        long remainingMs(long nowNanos) {
            if (failures == 0) {
                return 0;
            }
            long remaining = notBeforeNanos - nowNanos;
            return remaining <= 0 ? 0 : Math.max(1, remaining / 1_000_000L);
        }

        void reset() {
            failures = 0;
            since = null;
        }
    }
}

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
import io.wirestream.sink.SinkVersion;
import io.wirestream.sink.article.ArticleChange;

/**
 * Thin task: turns records into {@link ArticleChange}s and hands each {@code put} batch to {@link PostgresWriter}
 * (one transaction). Records that cannot be understood, or whose data the database refuses, go to Connect's errant
 * record reporter (and so to the dead letter queue when one is configured); without a reporter they fail the task.
 * Connection and transient database errors are retried {@code max.retries} times, {@code retry.backoff.ms} apart.
 */
public class PostgresSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(PostgresSinkTask.class);

    private PostgresSinkConfig config;
    private PostgresWriter writer;
    private ErrantRecordHandler errantRecords;
    private int remainingRetries;

    @Override
    public String version() {
        return SinkVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new PostgresSinkConfig(props);
        log.info("Starting PostgreSQL sink task: {}", config);
        writer = new PostgresWriter(config);
        remainingRetries = config.maxRetries();
        errantRecords = new ErrantRecordHandler(context);
        try {
            writer.open();
        } catch (SQLException e) {
            writer.close();
            throw new ConnectException("Cannot connect to " + config.connectionUrl() + " as " + config.user() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
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
            for (PostgresWriter.Failure failure : writer.write(changes)) {
                errantRecords.handle(failure.record(), new DataException("PostgreSQL refused story data: " + failure.error().getMessage(), failure.error()));
            }
            remainingRetries = config.maxRetries();
        } catch (SQLException e) {
            writer.close();
            if (PostgresWriter.isTransient(e) && remainingRetries > 0) {
                remainingRetries--;
                log.warn("Writing {} records failed ({}), {} retries left", records.size(), e.getMessage(), remainingRetries);
                context.timeout(config.retryBackoffMs());
                throw new RetriableException(e);
            }
            throw new ConnectException("Writing " + records.size() + " records to PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
    }
}

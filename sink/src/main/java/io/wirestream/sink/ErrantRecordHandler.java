package io.wirestream.sink;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a record that a task cannot write to Connect's errant record reporter (so {@code errors.tolerance} and the
 * dead letter queue apply, with stage TASK_PUT), waiting until it is reported; without a reporter (an old runtime)
 * the error fails the task.
 */
public final class ErrantRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrantRecordHandler.class);

    private final ErrantRecordReporter reporter;

    public ErrantRecordHandler(SinkTaskContext context) {
        ErrantRecordReporter r;
        try {
            r = context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            r = null;
        }
        this.reporter = r;
    }

    public void handle(SinkRecord record, Exception error) {
        DataException dataError = error instanceof DataException de ? de : new DataException(error.getMessage(), error);
        if (reporter == null) {
            throw dataError;
        }
        log.warn("Record {}-{}@{} sent to the errant record reporter: {}", record.topic(), record.kafkaPartition(),
                record.kafkaOffset(), error.getMessage());
        try {
            reporter.report(record, dataError).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reporting an errant record", e);
        } catch (ExecutionException e) {
            throw new ConnectException("Reporting an errant record failed", e.getCause());
        }
    }
}

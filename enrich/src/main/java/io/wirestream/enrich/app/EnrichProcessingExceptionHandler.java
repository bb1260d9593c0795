package io.wirestream.enrich.app;

import io.wirestream.schemas.registry.RegistryUnavailableException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's {@link LogAndContinueProcessingExceptionHandler} (the record goes to the dead letter queue with its original
 * bytes and the {@code __streams.errors.*} headers, the app carries on), except when the schema registry is
 * unreachable while encoding the output: that is an outage, not a bad record, so the stream thread fails instead (the
 * uncaught-exception handler replaces it and the record is processed again once the registry is back) rather than
 * sending every story to the DLQ while the registry is down.
 *
 * <p>Logging: one WARN line per dead-lettered record ({@code dead-lettered news.raw-2@17 to news.dlq: <reason>}), the
 * stack trace only at DEBUG. Kafka's own handler would log a second WARN with the full trace, so its
 * {@code handleError} is not called; the DLQ record is built by the same Kafka helper it uses.
 */
public class EnrichProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichProcessingExceptionHandler.class);

    private String deadLetterQueueTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        deadLetterQueueTopic = deadLetterQueueTopic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (isRegistryOutage(exception)) {
            logOutage(context, exception);
            return Response.fail();
        }
        return Response.resume(deadLetter(LOG, deadLetterQueueTopic, context, exception));
    }

    /**
     * True when the cause chain holds a {@link RegistryUnavailableException}, or the registry refused the app's
     * credentials (HTTP 401 / 403): nothing is wrong with the record then either, so it must not be dead-lettered.
     */
    static boolean isRegistryOutage(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryUnavailableException) {
                return true;
            }
            if (t instanceof io.wirestream.schemas.registry.SchemaRegistryException refused
                    && (refused.httpStatus() == 401 || refused.httpStatus() == 403)) {
                return true;
            }
        }
        return false;
    }

    static void logOutage(ErrorHandlerContext context, Exception exception) {
        LOG.error("schema registry unavailable at {}-{} offset {}: failing the stream thread so the record is retried, "
            + "not dead-lettered: {}", context.topic(), context.partition(), context.offset(), exception.getMessage());
    }

    static String deadLetterQueueTopic(Map<String, ?> configs) {
        Object topic = configs == null ? null : configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return topic == null || String.valueOf(topic).isBlank() ? null : String.valueOf(topic);
    }

    /**
     * The DLQ records for the failed source record (none without a DLQ topic) and the one WARN line saying where it went:
     * {@code dead-lettered news.raw-2@17 to news.dlq: Unknown schema id 99}; the stack trace follows at DEBUG only.
     */
    static List<ProducerRecord<byte[], byte[]>> deadLetter(Logger log, String dlqTopic, ErrorHandlerContext context,
                                                           Exception exception) {
        List<ProducerRecord<byte[], byte[]>> records = ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(
            dlqTopic, context.sourceRawKey(), context.sourceRawValue(), context, exception);
        String where = context.topic() + "-" + context.partition() + "@" + context.offset();
        String reason = reason(exception);
        if (records.isEmpty()) {
            log.warn("skipped {} (no dead letter queue configured): {}", where, reason);
        } else {
            log.warn("dead-lettered {} to {}: {}", where, dlqTopic, reason);
        }
        if (log.isDebugEnabled()) {
            log.debug("stack trace of the failure at {} (processor node {}, task {})", where, context.processorNodeId(),
                context.taskId(), exception);
        }
        return records;
    }

    /** The exception's own message, not Kafka's wrapper; the class name when there is no message. */
    static String reason(Throwable exception) {
        Throwable t = exception;
        while (t instanceof StreamsException && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}

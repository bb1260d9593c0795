package io.wirestream.enrich.app;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's {@link LogAndContinueExceptionHandler} (the record goes to the dead letter queue with its original bytes,
 * the app carries on), except when the schema registry is unreachable: then nothing is wrong with the record, so the
 * stream thread fails instead, is replaced, and reads the record again (see {@link EnrichProcessingExceptionHandler}).
 *
 * <p>Logging: one WARN line per dead-lettered record ({@code dead-lettered news.raw-2@2 to news.dlq: Unknown schema id
 * 99}), the stack trace only at DEBUG; Kafka's handler (whose WARN carries the full trace) is not called. Kafka's
 * {@code RecordDeserializer} still logs its own "Skipping record due to deserialization error" WARN after any resume;
 * that cannot be avoided here, so the CLI's logback.xml sets that logger to ERROR.
 */
public class EnrichDeserializationExceptionHandler extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichDeserializationExceptionHandler.class);

    private String deadLetterQueueTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        deadLetterQueueTopic = EnrichProcessingExceptionHandler.deadLetterQueueTopic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (EnrichProcessingExceptionHandler.isRegistryOutage(exception)) {
            EnrichProcessingExceptionHandler.logOutage(context, exception);
            return Response.fail();
        }
        return Response.resume(EnrichProcessingExceptionHandler.deadLetter(LOG, deadLetterQueueTopic, context, exception));
    }
}

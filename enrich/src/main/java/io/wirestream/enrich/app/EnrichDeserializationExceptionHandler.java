package io.wirestream.enrich.app;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Kafka's {@link LogAndContinueExceptionHandler} (the record goes to the dead letter queue with its original bytes,
 * the app carries on), except when the schema registry is unreachable: then nothing is wrong with the record, so the
 * stream thread fails instead, is replaced, and reads the record again (see {@link EnrichProcessingExceptionHandler}).
 */
public class EnrichDeserializationExceptionHandler extends LogAndContinueExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (EnrichProcessingExceptionHandler.isRegistryOutage(exception)) {
            EnrichProcessingExceptionHandler.logOutage(context, exception);
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}

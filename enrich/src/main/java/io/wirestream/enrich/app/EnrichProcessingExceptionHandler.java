package io.wirestream.enrich.app;

import io.wirestream.schemas.registry.RegistryUnavailableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's {@link LogAndContinueProcessingExceptionHandler} (the record goes to the dead letter queue with its original
 * bytes and the {@code __streams.errors.*} headers, the app carries on), except when the schema registry is
 * unreachable while encoding the output: that is an outage, not a bad record, so the stream thread fails instead (the
 * uncaught-exception handler replaces it and the record is processed again once the registry is back) rather than
 * sending every story to the DLQ while the registry is down.
 */
public class EnrichProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichProcessingExceptionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (isRegistryOutage(exception)) {
            logOutage(context, exception);
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }

    /** True when the cause chain holds a {@link RegistryUnavailableException}. */
    static boolean isRegistryOutage(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    static void logOutage(ErrorHandlerContext context, Exception exception) {
        LOG.error("schema registry unavailable at {}-{} offset {}: failing the stream thread so the record is retried, "
            + "not dead-lettered: {}", context.topic(), context.partition(), context.offset(), exception.getMessage());
    }
}

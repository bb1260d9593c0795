package io.wirestream.enrich.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.schemas.registry.RegistryUnavailableException;
import io.wirestream.schemas.registry.SchemaNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class EnrichExceptionHandlersTest {

    private static final byte[] KEY = "story-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 42, 1, 2, 3};

    private final ErrorHandlerContext context = new ErrorHandlerContext() {
        @Override public String topic() { return "news.raw"; }
        @Override public int partition() { return 2; }
        @Override public long offset() { return 17; }
        @Override public Headers headers() { return new RecordHeaders(); }
        @Override public String processorNodeId() { return "enrich"; }
        @Override public TaskId taskId() { return new TaskId(0, 2); }
        @Override public long timestamp() { return 1_700_000_000_000L; }
        @Override public byte[] sourceRawKey() { return KEY; }
        @Override public byte[] sourceRawValue() { return VALUE; }
    };

    private static final Map<String, Object> CONFIG = Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "news.dlq");

    private static SerializationException registryDown() {
        return new SerializationException("Could not fetch schema id 7",
            new RegistryUnavailableException("Schema registry unavailable: connection refused", -1, -1));
    }

    private static SerializationException unknownSchema() {
        return new SerializationException("Unknown schema id 42",
            new SchemaNotFoundException("Schema 42 not found", 404, 40403));
    }

    @Test
    void aBadRecordIsDeadLetteredWithItsBytesAndTheAppContinues() {
        EnrichDeserializationExceptionHandler handler = new EnrichDeserializationExceptionHandler();
        handler.configure(CONFIG);
        DeserializationExceptionHandler.Response response = handler.handleError(context,
            new ConsumerRecord<>("news.raw", 2, 17, KEY, VALUE), unknownSchema());

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dlq -> {
            assertThat(dlq.topic()).isEqualTo("news.dlq");
            assertThat(dlq.key()).isEqualTo(KEY);
            assertThat(dlq.value()).isEqualTo(VALUE);
            assertThat(new String(dlq.headers().lastHeader("__streams.errors.offset").value(), StandardCharsets.UTF_8)).isEqualTo("17");
        });
    }

    @Test
    void aRegistryOutageWhileDeserializingFailsTheThreadInsteadOfDeadLetteringTheRecord() {
        EnrichDeserializationExceptionHandler handler = new EnrichDeserializationExceptionHandler();
        handler.configure(CONFIG);
        DeserializationExceptionHandler.Response response = handler.handleError(context,
            new ConsumerRecord<>("news.raw", 2, 17, KEY, VALUE), registryDown());

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aProcessingFailureIsDeadLetteredButARegistryOutageFailsTheThread() {
        EnrichProcessingExceptionHandler handler = new EnrichProcessingExceptionHandler();
        handler.configure(CONFIG);
        Record<String, String> record = new Record<>("story-1", "ignored", 0L);

        ProcessingExceptionHandler.Response bad = handler.handleError(context, record, new IllegalArgumentException("annotator failed"));
        assertThat(bad.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(bad.deadLetterQueueRecords()).extracting(ProducerRecord::value).containsExactly(VALUE);

        ProcessingExceptionHandler.Response outage = handler.handleError(context, record, registryDown());
        assertThat(outage.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(outage.deadLetterQueueRecords()).isEmpty();
    }
}

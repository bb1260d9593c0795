package io.wirestream.enrich.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wirestream.schemas.registry.RegistryUnavailableException;
import io.wirestream.schemas.registry.SchemaNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    private final List<Logger> captured = new java.util.ArrayList<>();
    private final List<Level> levels = new java.util.ArrayList<>();

    /** Captures what a logger logs (at the given level and above) until the test ends. */
    private ListAppender<ILoggingEvent> capture(Class<?> loggerClass, Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerClass);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setName("captured");
        appender.start();
        logger.addAppender(appender);
        captured.add(logger);
        levels.add(logger.getLevel());
        logger.setLevel(level);
        return appender;
    }

    @AfterEach
    void releaseLoggers() {
        for (int i = 0; i < captured.size(); i++) {
            captured.get(i).detachAppender("captured");
            captured.get(i).setLevel(levels.get(i));
        }
    }

    @Test
    void aDeadLetteredRecordIsOneWarnLineWithoutAStackTraceAndKafkasHandlerStaysQuiet() {
        ListAppender<ILoggingEvent> ours = capture(EnrichDeserializationExceptionHandler.class, Level.INFO);
        ListAppender<ILoggingEvent> kafkas = capture(LogAndContinueExceptionHandler.class, Level.TRACE);
        EnrichDeserializationExceptionHandler handler = new EnrichDeserializationExceptionHandler();
        handler.configure(CONFIG);

        handler.handleError(context, new ConsumerRecord<>("news.raw", 2, 17, KEY, VALUE), unknownSchema());

        assertThat(ours.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).isEqualTo("dead-lettered news.raw-2@17 to news.dlq: Unknown schema id 42");
            assertThat(e.getThrowableProxy()).isNull();
        });
        assertThat(kafkas.list).isEmpty();
    }

    @Test
    void theStackTraceOfADeadLetteredRecordIsLoggedAtDebugOnly() {
        ListAppender<ILoggingEvent> ours = capture(EnrichDeserializationExceptionHandler.class, Level.DEBUG);
        EnrichDeserializationExceptionHandler handler = new EnrichDeserializationExceptionHandler();
        handler.configure(CONFIG);

        handler.handleError(context, new ConsumerRecord<>("news.raw", 2, 17, KEY, VALUE), unknownSchema());

        assertThat(ours.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.DEBUG);
        assertThat(ours.list.get(0).getThrowableProxy()).isNull();
        assertThat(ours.list.get(1).getThrowableProxy()).isNotNull();
        assertThat(ours.list.get(1).getThrowableProxy().getMessage()).isEqualTo("Unknown schema id 42");
    }

    @Test
    void aProcessingFailureIsOneWarnLineNamingTheRecordAndTheDeadLetterQueue() {
        ListAppender<ILoggingEvent> ours = capture(EnrichProcessingExceptionHandler.class, Level.INFO);
        ListAppender<ILoggingEvent> kafkas = capture(LogAndContinueProcessingExceptionHandler.class, Level.TRACE);
        EnrichProcessingExceptionHandler handler = new EnrichProcessingExceptionHandler();
        handler.configure(CONFIG);

        handler.handleError(context, new Record<>("story-1", "ignored", 0L), new NullPointerException());

        assertThat(ours.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).isEqualTo("dead-lettered news.raw-2@17 to news.dlq: NullPointerException");
            assertThat(e.getThrowableProxy()).isNull();
        });
        assertThat(kafkas.list).isEmpty();
    }

    @Test
    void withoutADeadLetterQueueTheSkippedRecordIsStillOneWarnLine() {
        ListAppender<ILoggingEvent> ours = capture(EnrichDeserializationExceptionHandler.class, Level.INFO);
        EnrichDeserializationExceptionHandler handler = new EnrichDeserializationExceptionHandler();
        handler.configure(Map.of());

        DeserializationExceptionHandler.Response response = handler.handleError(context,
            new ConsumerRecord<>("news.raw", 2, 17, KEY, VALUE), unknownSchema());

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(ours.list).extracting(ILoggingEvent::getFormattedMessage)
            .containsExactly("skipped news.raw-2@17 (no dead letter queue configured): Unknown schema id 42");
    }

    @Test
    void aRegistryOutageIsNotReportedAsDeadLettered() {
        ListAppender<ILoggingEvent> ours = capture(EnrichDeserializationExceptionHandler.class, Level.INFO);
        EnrichDeserializationExceptionHandler handler = new EnrichDeserializationExceptionHandler();
        handler.configure(CONFIG);

        handler.handleError(context, new ConsumerRecord<>("news.raw", 2, 17, KEY, VALUE), registryDown());

        assertThat(ours.list).isEmpty();
    }
}

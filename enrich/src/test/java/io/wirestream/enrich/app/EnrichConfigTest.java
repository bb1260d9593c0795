package io.wirestream.enrich.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;

class EnrichConfigTest {

    private static final Map<String, String> MINIMAL = Map.of(
        EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
        EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://127.0.0.1:8081");

    @Test
    void everyKeyIsDocumented() {
        for (ConfigDef.ConfigKey key : EnrichConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank().endsWith(".");
            assertThat(key.group).as(key.name).isNotBlank();
        }
        assertThat(EnrichConfig.documentation()).contains("taxonomy.file", "topic.partitions");
    }

    @Test
    void defaultsMatchTheDesign() {
        EnrichConfig config = new EnrichConfig(MINIMAL);
        assertThat(config.applicationId()).isEqualTo("wirestream-enrich");
        assertThat(config.topics().raw()).isEqualTo("news.raw");
        assertThat(config.topics().dlq()).isEqualTo("news.dlq");
        assertThat(config.taxonomyFile()).isEmpty();
        assertThat(config.createTopics()).isTrue();
        // the README's table: dedupe.retention.ms 30 days, max.output.bytes 32 MiB - 64 KiB (RecordSizes)
        assertThat(config.limits().dedupeRetention()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(config.limits().maxOutputBytes()).isEqualTo(32 * 1024 * 1024 - 64 * 1024);
    }

    @Test
    void theStreamsProducerCompressesAndBatchesUnlessTheUserSaysOtherwise() {
        Properties props = new EnrichConfig(MINIMAL).streamsProperties();
        assertThat(props).containsEntry("producer.compression.type", "zstd")
            .containsEntry("producer.compression.zstd.level", 1)
            .containsEntry("producer.linger.ms", 100)
            .containsEntry("producer.batch.size", 256 * 1024);
        Map<String, String> lz4 = new java.util.HashMap<>(MINIMAL);
        lz4.put("streams.producer.compression.type", "lz4");
        assertThat(new EnrichConfig(lz4).streamsProperties()).containsEntry("producer.compression.type", "lz4");
    }

    @Test
    void theStreamsProducerLingersUpToTheCommitIntervalAndAtMostOneSecond() {
        Map<String, String> slow = new java.util.HashMap<>(MINIMAL);
        slow.put(EnrichConfig.COMMIT_INTERVAL_MS_CONFIG, "30000");
        assertThat(new EnrichConfig(slow).streamsProperties()).containsEntry("producer.linger.ms", 1_000);
        Map<String, String> own = new java.util.HashMap<>(MINIMAL);
        own.put("streams.producer.linger.ms", "5");
        assertThat(new EnrichConfig(own).streamsProperties()).containsEntry("producer.linger.ms", "5");
    }

    @Test
    void streamsRunExactlyOnceWithTheDeadLetterQueueAndContinueOnBadRecords() {
        Properties props = new EnrichConfig(MINIMAL).streamsProperties();
        assertThat(props)
            .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "wirestream-enrich")
            .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
            .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
            .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "news.dlq")
            .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, EnrichDeserializationExceptionHandler.class.getName())
            .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, EnrichProcessingExceptionHandler.class.getName());
        assertThat(new EnrichDeserializationExceptionHandler()).isInstanceOf(LogAndContinueExceptionHandler.class);
        assertThat(new EnrichProcessingExceptionHandler()).isInstanceOf(LogAndContinueProcessingExceptionHandler.class);
        // Kafka Streams accepts them
        assertThat(new StreamsConfig(props).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    }

    @Test
    void thePrefixRenamesTheDeadLetterQueue() {
        Map<String, String> props = new java.util.HashMap<>(MINIMAL);
        props.put(EnrichConfig.TOPIC_PREFIX_CONFIG, "staging.news.");
        assertThat(new EnrichConfig(props).streamsProperties())
            .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "staging.news.dlq");
    }

    @Test
    void streamsPrefixedKeysPassThroughButCannotWeakenTheGuarantees() {
        Map<String, String> props = new java.util.HashMap<>(MINIMAL);
        props.put("streams.security.protocol", "SSL");
        props.put("streams.processing.guarantee", "at_least_once");
        props.put("streams.state.dir", "/should/lose");
        props.put(EnrichConfig.STATE_DIR_CONFIG, "/var/lib/enrich");
        Properties streams = new EnrichConfig(props).streamsProperties();
        assertThat(streams)
            .containsEntry("security.protocol", "SSL")
            .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
            .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/enrich");
    }

    @Test
    void theDeadLetterQueueCanBeTurnedOff() {
        Map<String, String> props = new java.util.HashMap<>(MINIMAL);
        props.put(EnrichConfig.DLQ_ENABLED_CONFIG, "false");
        props.put("streams.errors.dead.letter.queue.topic.name", "sneaky");
        assertThat(new EnrichConfig(props).streamsProperties()).doesNotContainKey(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    }

    @Test
    void missingOrInvalidValuesAreRejectedWithTheKey() {
        assertThatThrownBy(() -> new EnrichConfig(Map.of(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, "x:1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        Map<String, String> props = new java.util.HashMap<>(MINIMAL);
        props.put(EnrichConfig.TOPIC_PARTITIONS_CONFIG, "0");
        assertThatThrownBy(() -> new EnrichConfig(props)).isInstanceOf(ConfigException.class).hasMessageContaining("topic.partitions");
        props.put(EnrichConfig.TOPIC_PARTITIONS_CONFIG, "3");
        props.put(EnrichConfig.TOPIC_PREFIX_CONFIG, "news/");
        assertThatThrownBy(() -> new EnrichConfig(props)).isInstanceOf(ConfigException.class).hasMessageContaining("topic.prefix");
    }
}

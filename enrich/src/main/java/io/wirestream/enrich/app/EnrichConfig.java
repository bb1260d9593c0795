package io.wirestream.enrich.app;

import io.wirestream.enrich.topology.EnrichLimits;
import io.wirestream.schemas.topic.RecordSizes;
import io.wirestream.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * Configuration of the enrich app. Keys not defined here that start with {@value #STREAMS_PREFIX} are handed to
 * Kafka Streams without the prefix (e.g. {@code streams.commit.interval.ms=500}, {@code streams.security.protocol=SSL});
 * they can override anything but the settings the app's guarantees rest on (see {@link #streamsProperties()}).
 */
public final class EnrichConfig extends AbstractConfig {

    public static final String STREAMS_PREFIX = "streams.";

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_TOPICS = "Topics";
    private static final String GROUP_PROCESSING = "Processing";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka bootstrap servers, host:port[,host:port...].";

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC =
        "Confluent-compatible Schema Registry URL (http://host:port), or mock://<scope> for an in-memory registry in tests.";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    public static final String APPLICATION_ID_DEFAULT = io.wirestream.schemas.PipelineNames.ENRICH_APPLICATION_ID;
    private static final String APPLICATION_ID_DOC = "Kafka Streams application id: the consumer group, the prefix of the "
        + "internal topics (the dedupe store's changelog) and of the transactional ids. Change it only to start over.";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String TOPIC_PREFIX_DEFAULT = "news.";
    private static final String TOPIC_PREFIX_DOC = "Prefix of every topic the app reads and writes: <prefix>raw, "
        + "<prefix>enriched, <prefix>dlq and <prefix>topic.<slug>.";

    public static final String TOPIC_PARTITIONS_CONFIG = "topic.partitions";
    public static final int TOPIC_PARTITIONS_DEFAULT = 3;
    private static final String TOPIC_PARTITIONS_DOC = "Partitions of the topics the app creates at start-up "
        + "(raw, enriched, dlq; each news.topic.<slug> takes topic.fanout.partitions). Existing topics are left as they are.";

    public static final String TOPIC_FANOUT_PARTITIONS_CONFIG = "topic.fanout.partitions";
    public static final int TOPIC_FANOUT_PARTITIONS_DEFAULT = 1;
    private static final String TOPIC_FANOUT_PARTITIONS_DOC = "Partitions of each news.topic.<slug> the app creates "
        + "at start-up (raw, enriched and dlq take topic.partitions). One by default: a subscriber to one topic reads a "
        + "small share of the wire, and every partition enrich writes costs a batch and a transaction marker per commit, "
        + "so fewer partitions make fuller, better compressed batches and less broker work. Existing topics are left as they are.";

    public static final String TOPIC_REPLICATION_CONFIG = "topic.replication.factor";
    public static final short TOPIC_REPLICATION_DEFAULT = 1;
    private static final String TOPIC_REPLICATION_DOC = "Replication factor of the topics the app creates at start-up and "
        + "of Kafka Streams' internal topics. Use 3 on a three-broker cluster.";

    public static final String TOPIC_CREATE_CONFIG = "topic.create";
    private static final String TOPIC_CREATE_DOC = "Create missing topics at start-up (core topics and one per taxonomy "
        + "topic). Turn off where topics are managed elsewhere; the app then fails fast if news.raw is missing.";

    public static final String TAXONOMY_FILE_CONFIG = "taxonomy.file";
    private static final String TAXONOMY_FILE_DOC = "Taxonomy file (YAML or JSON) that replaces the built-in default "
        + "taxonomy. Empty: the built-in one. Its version is stamped on every output as taxonomyVersion.";

    public static final String STATE_DIR_CONFIG = "state.dir";
    private static final String STATE_DIR_DOC = "Directory of the local state (RocksDB copy of the dedupe store). "
        + "Empty: Kafka Streams' default (<java.io.tmpdir>/kafka-streams). Keep it on persistent disk to avoid "
        + "restoring the store from its changelog at every start.";

    /** The Streams producer's compression (overridable as {@code streams.producer.compression.type}). */
    static final String PRODUCER_COMPRESSION = System.getProperty("wirestream.enrich.compression", "zstd");
    /**
     * The Streams producer's linger when none is set: under exactly-once nothing it sends is visible before the commit,
     * so waiting up to the commit interval costs no visible latency and gives each partition one batch per transaction.
     * Capped, because {@code delivery.timeout.ms} must exceed linger plus the request timeout.
     */
    static final int PRODUCER_MAX_LINGER_MS = 1_000;
    static final int PRODUCER_BATCH_BYTES = Integer.getInteger("wirestream.enrich.batch.size", 256 * 1024);
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    private static final String NUM_STREAM_THREADS_DOC = "Stream threads in this instance; up to one per news.raw "
        + "partition is useful. More instances with the same application.id share the partitions.";

    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    private static final String COMMIT_INTERVAL_MS_DOC = "How often transactions commit (exactly-once). Output becomes "
        + "visible to read_committed consumers at commit: lower means lower latency, higher means more throughput.";

    public static final String DEDUPE_RETENTION_MS_CONFIG = "dedupe.retention.ms";
    private static final String DEDUPE_RETENTION_MS_DOC = "How long the dedupe store keeps a story after its last "
        + "emitted version (default 30 days). A story seen again after that is treated as new, and a kill for it reaches "
        + "news.enriched only. Keep it longer than news.raw's retention, so replaying news.raw is deduplicated.";

    public static final String MAX_OUTPUT_BYTES_CONFIG = "max.output.bytes";
    private static final String MAX_OUTPUT_BYTES_DOC = "Largest serialized EnrichedArticle the app writes. A story whose "
        + "enriched record would be larger goes to the dead letter queue instead (a record the producer or broker "
        + "rejects would abort the transaction and stall the app). Keep it below the producer's max.request.size and "
        + "the topics' max.message.bytes (both 32 MiB, RecordSizes.MAX_RECORD_BYTES, in this pipeline).";

    public static final String DLQ_ENABLED_CONFIG = "dlq.enabled";
    private static final String DLQ_ENABLED_DOC = "Send records that cannot be deserialized or processed to <prefix>dlq "
        + "(original key and value bytes, __streams.errors.* headers) and carry on. Off: log them and carry on.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, BOOTSTRAP_SERVERS_DOC, GROUP_CONNECTION, 1, ConfigDef.Width.LONG, "Bootstrap servers")
        .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
            Importance.HIGH, SCHEMA_REGISTRY_URL_DOC, GROUP_CONNECTION, 2, ConfigDef.Width.LONG, "Schema Registry URL")
        .define(APPLICATION_ID_CONFIG, Type.STRING, APPLICATION_ID_DEFAULT, new ConfigDef.NonEmptyString(),
            Importance.MEDIUM, APPLICATION_ID_DOC, GROUP_CONNECTION, 3, ConfigDef.Width.MEDIUM, "Application id")
        .define(TOPIC_PREFIX_CONFIG, Type.STRING, TOPIC_PREFIX_DEFAULT, Importance.MEDIUM, TOPIC_PREFIX_DOC,
            GROUP_TOPICS, 1, ConfigDef.Width.SHORT, "Topic prefix")
        .define(TOPIC_PARTITIONS_CONFIG, Type.INT, TOPIC_PARTITIONS_DEFAULT, Range.between(1, 10_000),
            Importance.MEDIUM, TOPIC_PARTITIONS_DOC, GROUP_TOPICS, 2, ConfigDef.Width.SHORT, "Partitions")
        .define(TOPIC_FANOUT_PARTITIONS_CONFIG, Type.INT, TOPIC_FANOUT_PARTITIONS_DEFAULT, Range.between(1, 10_000),
            Importance.LOW, TOPIC_FANOUT_PARTITIONS_DOC, GROUP_TOPICS, 3, ConfigDef.Width.SHORT, "Partitions per topic topic")
        .define(TOPIC_REPLICATION_CONFIG, Type.SHORT, TOPIC_REPLICATION_DEFAULT, Range.between(1, Short.MAX_VALUE),
            Importance.MEDIUM, TOPIC_REPLICATION_DOC, GROUP_TOPICS, 3, ConfigDef.Width.SHORT, "Replication factor")
        .define(TOPIC_CREATE_CONFIG, Type.BOOLEAN, true, Importance.LOW, TOPIC_CREATE_DOC,
            GROUP_TOPICS, 4, ConfigDef.Width.SHORT, "Create topics")
        .define(TAXONOMY_FILE_CONFIG, Type.STRING, "", Importance.MEDIUM, TAXONOMY_FILE_DOC,
            GROUP_PROCESSING, 1, ConfigDef.Width.LONG, "Taxonomy file")
        .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, STATE_DIR_DOC,
            GROUP_PROCESSING, 2, ConfigDef.Width.LONG, "State directory")
        .define(NUM_STREAM_THREADS_CONFIG, Type.INT, 1, Range.between(1, 1_000), Importance.MEDIUM,
            NUM_STREAM_THREADS_DOC, GROUP_PROCESSING, 3, ConfigDef.Width.SHORT, "Stream threads")
        .define(COMMIT_INTERVAL_MS_CONFIG, Type.LONG, 100L, Range.atLeast(0), Importance.LOW,
            COMMIT_INTERVAL_MS_DOC, GROUP_PROCESSING, 4, ConfigDef.Width.SHORT, "Commit interval (ms)")
        .define(DEDUPE_RETENTION_MS_CONFIG, Type.LONG, Duration.ofDays(30).toMillis(), Range.atLeast(60_000L),
            Importance.LOW, DEDUPE_RETENTION_MS_DOC, GROUP_PROCESSING, 5, ConfigDef.Width.SHORT, "Dedupe retention (ms)")
        .define(MAX_OUTPUT_BYTES_CONFIG, Type.INT, EnrichLimits.DEFAULT_MAX_OUTPUT_BYTES, Range.atLeast(1024),
            Importance.LOW, MAX_OUTPUT_BYTES_DOC, GROUP_PROCESSING, 6, ConfigDef.Width.SHORT, "Largest output record")
        .define(DLQ_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.LOW, DLQ_ENABLED_DOC,
            GROUP_PROCESSING, 7, ConfigDef.Width.SHORT, "Dead letter queue");

    public EnrichConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
        String prefix = getString(TOPIC_PREFIX_CONFIG);
        if (!prefix.isEmpty() && !prefix.matches("[a-zA-Z0-9._-]+")) {
            throw new ConfigException(TOPIC_PREFIX_CONFIG, prefix, "only letters, digits, '.', '_' and '-' are legal in topic names");
        }
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS_CONFIG);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL_CONFIG);
    }

    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    public Topics topics() {
        return new Topics(getString(TOPIC_PREFIX_CONFIG));
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS_CONFIG);
    }

    public int topicFanoutPartitions() {
        return getInt(TOPIC_FANOUT_PARTITIONS_CONFIG);
    }

    public short topicReplication() {
        return getShort(TOPIC_REPLICATION_CONFIG);
    }

    public boolean createTopics() {
        return getBoolean(TOPIC_CREATE_CONFIG);
    }

    /** The taxonomy file, or empty for the built-in taxonomy. */
    public Optional<Path> taxonomyFile() {
        String file = getString(TAXONOMY_FILE_CONFIG);
        return file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }

    /** Dedupe retention and largest output record, for {@code EnrichTopology.build}. */
    public EnrichLimits limits() {
        return new EnrichLimits(Duration.ofMillis(getLong(DEDUPE_RETENTION_MS_CONFIG)), getInt(MAX_OUTPUT_BYTES_CONFIG));
    }

    /**
     * Configuration for the registry serdes: {@code schema.registry.url} and the registry client's credentials and TLS
     * (Confluent's {@code basic.auth.*}, {@code bearer.auth.*}, {@code schema.registry.ssl.*} keys), given as
     * {@code streams.*} keys like the Kafka client settings.
     */
    public Map<String, Object> serdeConfig() {
        return io.wirestream.schemas.registry.RegistryClientSecurity.serdeConfig(originalsWithPrefix(STREAMS_PREFIX), schemaRegistryUrl());
    }

    /**
     * The Kafka Streams properties. Pass-through {@code streams.*} keys first, then what the app's guarantees rest on:
     * <ul>
     *   <li>{@code processing.guarantee=exactly_once_v2}: the dedupe store, the outputs and the input offsets
     *       commit in one transaction, so a crash neither loses nor doubles a story;</li>
     *   <li>{@code errors.dead.letter.queue.topic.name=<prefix>dlq} (Kafka 4.2+, KIP-1034) with
     *       {@link EnrichDeserializationExceptionHandler} and {@link EnrichProcessingExceptionHandler} (Kafka's
     *       {@link LogAndContinueExceptionHandler} and {@link LogAndContinueProcessingExceptionHandler}, except that a
     *       schema registry outage fails the stream thread instead of dead-lettering): the failed record's original key and
     *       value bytes go to the DLQ in the same transaction, with the source record's headers and
     *       {@code __streams.errors.exception / message / stacktrace / topic / partition / offset}, and the app
     *       carries on with the next record. Errors writing the output (production errors) still stop the thread:
     *       they are about the cluster or registry, not the record.</li>
     * </ul>
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        originalsWithPrefix(STREAMS_PREFIX).forEach((k, v) -> props.put(k, v));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS_CONFIG));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS_CONFIG));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topicReplication());
        // the pipeline's record size limit (RecordSizes): an enriched story may be up to twice its raw record
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), RecordSizes.MAX_RECORD_BYTES);
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), RecordSizes.PRODUCER_BUFFER_BYTES);
        // bytes per story (issue 14): each story is written once to news.enriched and once per topic topic, ~7 KB each;
        // compressed batches (the DLQ goes through the same producer) cut what the broker writes and the sinks read.
        // Measured in bench (README bench section): zstd 1 vs 3 vs lz4 vs none; 256 KB batches; linger up to the commit
        // (the commit flushes): against 20 ms, 28 % more stories/s, a third fewer bytes, half the broker CPU per story.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), PRODUCER_COMPRESSION);
        // zstd level 1: the same bytes per story as the default level 3 in bench (11.4 vs 11.4 KB), less CPU
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG),
            Integer.getInteger("wirestream.enrich.zstd.level", 1));
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Integer.getInteger(
            "wirestream.enrich.linger.ms", (int) Math.min(getLong(COMMIT_INTERVAL_MS_CONFIG), PRODUCER_MAX_LINGER_MS)));
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
        String stateDir = getString(STATE_DIR_CONFIG);
        if (!stateDir.isBlank()) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, EnrichDeserializationExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, EnrichProcessingExceptionHandler.class.getName());
        // no global stores today; opting in now is what Kafka 5.0 will do by default
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        if (getBoolean(DLQ_ENABLED_CONFIG)) {
            props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics().dlq());
        } else {
            props.remove(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        }
        return props;
    }

    /** The keys as an HTML table / text, for the README and {@code --help}. */
    public static String documentation() {
        return CONFIG_DEF.toEnrichedRst();
    }
}

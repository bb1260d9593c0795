package io.wirestream.schemas.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The pipeline's topic names, all under one prefix (default {@code news.}):
 *
 * <ul>
 *   <li>{@link #raw()} {@code news.raw}: RawArticle by story id; delete policy, 7 days;</li>
 *   <li>{@link #enriched()} {@code news.enriched}: EnrichedArticle by story id; compacted;</li>
 *   <li>{@link #forTopic(String)} {@code news.topic.<slug>}: EnrichedArticle per taxonomy topic; compacted;</li>
 *   <li>{@link #dlq()} {@code news.dlq}: records that failed, with error headers; delete policy, 14 days.</li>
 * </ul>
 * Immutable.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "news.";
    public static final Duration RAW_RETENTION = Duration.ofDays(7);
    public static final Duration DLQ_RETENTION = Duration.ofDays(14);

    /** Every pipeline topic's {@code max.message.bytes}: {@link RecordSizes#MAX_RECORD_BYTES}. */
    private static final String MAX_MESSAGE_BYTES = Integer.toString(RecordSizes.MAX_RECORD_BYTES);
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");
    private static final int MAX_TOPIC_NAME_LENGTH = 249;
    private static final String TOPIC_INFIX = "topic.";

    private final String prefix;

    /** Topics under {@code prefix} (may be empty; only the characters Kafka allows in topic names). */
    public Topics(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Topic prefix '" + prefix + "' has characters Kafka does not allow in "
                    + "topic names (only a-z A-Z 0-9 . _ -)");
        }
        this.prefix = prefix;
    }

    /** Topics under the default prefix {@code news.}. */
    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /** {@code news.raw}. */
    public String raw() {
        return checked(prefix + "raw");
    }

    /** {@code news.enriched}. */
    public String enriched() {
        return checked(prefix + "enriched");
    }

    /** {@code news.dlq}. */
    public String dlq() {
        return checked(prefix + "dlq");
    }

    /**
     * {@code news.topic.<slug>} for a taxonomy topic slug such as {@code missile-defense}.
     *
     * @throws IllegalArgumentException when the slug is empty or has characters Kafka does not allow
     */
    public String forTopic(String slug) {
        if (slug == null || slug.isEmpty() || !LEGAL.matcher(slug).matches()) {
            throw new IllegalArgumentException("Invalid topic slug '" + slug + "': use only a-z A-Z 0-9 . _ - (e.g. missile-defense)");
        }
        return checked(prefix + TOPIC_INFIX + slug);
    }

    /** Whether {@code name} is a per-topic topic ({@code news.topic.<slug>}) under this prefix. */
    public boolean isTopicTopic(String name) {
        String start = prefix + TOPIC_INFIX;
        return name != null && name.length() > start.length() && name.startsWith(start);
    }

    /** The slug of a per-topic topic name, e.g. {@code missile-defense} for {@code news.topic.missile-defense}. */
    public String slugOf(String topicTopicName) {
        if (!isTopicTopic(topicTopicName)) {
            throw new IllegalArgumentException("'" + topicTopicName + "' is not a per-topic topic under prefix '" + prefix + "'");
        }
        return topicTopicName.substring(prefix.length() + TOPIC_INFIX.length());
    }

    /** Brokers keep the producer's compressed batches as they are (no recompression, no decompression on write). */
    private static final String KEEP_PRODUCER_COMPRESSION = "producer";

    /** raw (delete, 7 days), enriched (compact) and dlq (delete, 14 days), ready for {@code Admin.createTopics}. */
    public List<NewTopic> coreTopics(int partitions, short replication) {
        return List.of(
                new NewTopic(raw(), partitions, replication).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(RAW_RETENTION.toMillis()),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES,
                        TopicConfig.COMPRESSION_TYPE_CONFIG, KEEP_PRODUCER_COMPRESSION)),
                new NewTopic(enriched(), partitions, replication).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES,
                        TopicConfig.COMPRESSION_TYPE_CONFIG, KEEP_PRODUCER_COMPRESSION)),
                new NewTopic(dlq(), partitions, replication).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(DLQ_RETENTION.toMillis()),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES,
                        TopicConfig.COMPRESSION_TYPE_CONFIG, KEEP_PRODUCER_COMPRESSION)));
    }

    /** {@code news.topic.<slug>}, compacted. */
    public NewTopic topicTopic(String slug, int partitions, short replication) {
        return new NewTopic(forTopic(slug), partitions, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_MESSAGE_BYTES,
                        TopicConfig.COMPRESSION_TYPE_CONFIG, KEEP_PRODUCER_COMPRESSION));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topics other && other.prefix.equals(prefix);
    }

    @Override
    public int hashCode() {
        return prefix.hashCode();
    }

    @Override
    public String toString() {
        return "Topics[prefix=" + prefix + "]";
    }

    private static String checked(String name) {
        if (name.length() > MAX_TOPIC_NAME_LENGTH) {
            throw new IllegalArgumentException("Topic name '" + name + "' is longer than Kafka's limit of " + MAX_TOPIC_NAME_LENGTH);
        }
        return name;
    }
}

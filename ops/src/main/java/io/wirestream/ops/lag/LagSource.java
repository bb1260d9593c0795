package io.wirestream.ops.lag;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything the lag monitor needs from Kafka, and nothing more: which groups exist, what they committed,
 * and where each partition starts and ends. {@link AdminLagSource} implements it over Kafka's {@code Admin};
 * tests can implement it in memory to drive the arithmetic without a broker.
 *
 * <p>Each call is a snapshot; a call that cannot reach the cluster throws a {@link RuntimeException}.
 */
public interface LagSource extends AutoCloseable {

    /** Every consumer group the cluster knows, with or without members. */
    List<ConsumerGroupInfo> groups();

    /**
     * Committed offsets of the given groups. A group the cluster no longer knows is absent from the result;
     * a group that exists but never committed maps to an empty map.
     */
    Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groupIds);

    /** Log start and end offsets; partitions that do not exist (deleted topic) are absent from the result. */
    Map<TopicPartition, PartitionOffsets> partitionOffsets(Collection<TopicPartition> partitions);

    /**
     * Where the records a consumer can still receive begin, for partitions whose committed offset is short of the end:
     * a transaction's commit marker takes an offset no consumer ever receives, so a consumer that commits "last record
     * + 1" (Kafka Connect does) stays one offset short of the end of a transactional topic while fully caught up.
     * Maps a partition to the offset of the first readable record at or after its committed offset, or to its end
     * offset when there is none; partitions it cannot tell are absent. The default tells nothing.
     */
    default Map<TopicPartition, Long> firstReadable(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        return Map.of();
    }

    /** All partitions of the given topics; topics that do not exist are skipped. */
    List<TopicPartition> partitionsOf(Collection<String> topics);

    @Override
    void close();
}

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

    /** All partitions of the given topics; topics that do not exist are skipped. */
    List<TopicPartition> partitionsOf(Collection<String> topics);

    @Override
    void close();
}

package io.wirestream.ops.testutil;

import io.wirestream.ops.lag.ConsumerGroupInfo;
import io.wirestream.ops.lag.LagSource;
import io.wirestream.ops.lag.PartitionOffsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** A cluster held in maps, for unit tests of the arithmetic; the ITs use the real broker. */
public final class InMemoryLagSource implements LagSource {

    private final Map<String, ConsumerGroupInfo> groups = new LinkedHashMap<>();
    private final Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
    private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();
    private RuntimeException failure;

    /** Every call throws {@code e} until called with null. */
    public InMemoryLagSource failWith(RuntimeException e) {
        this.failure = e;
        return this;
    }

    private void maybeFail() {
        if (failure != null) {
            throw failure;
        }
    }

    public InMemoryLagSource group(String id, String state, int members) {
        groups.put(id, new ConsumerGroupInfo(id, state, members));
        committed.computeIfAbsent(id, k -> new HashMap<>());
        return this;
    }

    public InMemoryLagSource removeGroup(String id) {
        groups.remove(id);
        committed.remove(id);
        return this;
    }

    public InMemoryLagSource commit(String group, TopicPartition tp, long offset) {
        committed.computeIfAbsent(group, k -> new HashMap<>()).put(tp, offset);
        return this;
    }

    public InMemoryLagSource end(TopicPartition tp, long end) {
        PartitionOffsets old = partitions.get(tp);
        partitions.put(tp, new PartitionOffsets(old == null ? 0 : old.logStartOffset(), end));
        return this;
    }

    public InMemoryLagSource offsets(TopicPartition tp, long start, long end) {
        partitions.put(tp, new PartitionOffsets(start, end));
        return this;
    }

    @Override
    public List<ConsumerGroupInfo> groups() {
        maybeFail();
        return new ArrayList<>(groups.values());
    }

    @Override
    public Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groupIds) {
        Map<String, Map<TopicPartition, Long>> out = new HashMap<>();
        groupIds.forEach(g -> {
            if (committed.containsKey(g)) {
                out.put(g, Map.copyOf(committed.get(g)));
            }
        });
        return out;
    }

    @Override
    public Map<TopicPartition, PartitionOffsets> partitionOffsets(Collection<TopicPartition> tps) {
        Map<TopicPartition, PartitionOffsets> out = new HashMap<>();
        tps.forEach(tp -> {
            if (partitions.containsKey(tp)) {
                out.put(tp, partitions.get(tp));
            }
        });
        return out;
    }

    @Override
    public List<TopicPartition> partitionsOf(Collection<String> topics) {
        return partitions.keySet().stream().filter(tp -> topics.contains(tp.topic())).sorted(
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList();
    }

    @Override
    public void close() {
    }
}

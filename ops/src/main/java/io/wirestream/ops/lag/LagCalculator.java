package io.wirestream.ops.lag;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Lag arithmetic, pure and driven by a {@link Clock}: keeps one {@link PartitionTimeline} per partition
 * (shared by every group that reads it) and turns a committed offset into lag in offsets and in seconds.
 *
 * <p>Lag in offsets is {@code max(0, logEnd - committed)}. On a compacted topic this counts offsets, not records
 * (compaction leaves gaps), exactly as Kafka's own tools do. Lag in seconds comes from the partition's timeline,
 * see {@link PartitionTimeline}; it is NaN only when the partition has lag but no sample yet, which cannot
 * happen when end offsets are recorded before lag is asked for, as {@link LagMonitor} does.
 */
public final class LagCalculator {

    private final Clock clock;
    private final int timelineCapacity;
    private final Map<TopicPartition, PartitionTimeline> timelines = new HashMap<>();

    public LagCalculator(Clock clock, int timelineCapacity) {
        this.clock = clock;
        this.timelineCapacity = timelineCapacity;
        new PartitionTimeline(timelineCapacity); // validates the capacity up front
    }

    /** Samples every partition's end offset at the clock's now. */
    public void recordEndOffsets(Map<TopicPartition, PartitionOffsets> offsets) {
        long now = clock.millis();
        offsets.forEach((tp, po) -> timelines.computeIfAbsent(tp, k -> new PartitionTimeline(timelineCapacity))
            .add(now, po.logEndOffset()));
    }

    /** Forgets partitions not in {@code keep} (deleted topics, groups gone), so memory stays bounded. */
    public void retainOnly(Set<TopicPartition> keep) {
        timelines.keySet().retainAll(keep);
    }

    /** Lag in offsets: how many offsets the group has still to read; never negative. */
    public static long lagOffsets(long committed, long logEndOffset) {
        return Math.max(0, logEndOffset - committed);
    }

    /** Lag in seconds of {@code committed} on {@code tp} at the clock's now; 0 when caught up. */
    public double lagSeconds(TopicPartition tp, long committed, long logEndOffset) {
        if (lagOffsets(committed, logEndOffset) == 0) {
            return 0;
        }
        PartitionTimeline timeline = timelines.get(tp);
        if (timeline == null) {
            return Double.NaN;
        }
        OptionalDouble seconds = timeline.lagSeconds(committed, clock.millis());
        return seconds.orElse(Double.NaN);
    }

    /** The timeline of one partition, or null. */
    public PartitionTimeline timeline(TopicPartition tp) {
        return timelines.get(tp);
    }

    public int partitions() {
        return timelines.size();
    }

    public Clock clock() {
        return clock;
    }
}

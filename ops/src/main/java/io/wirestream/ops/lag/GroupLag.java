package io.wirestream.ops.lag;

import java.util.List;

/**
 * Lag of one consumer group at one poll.
 *
 * @param group         group id
 * @param state         the coordinator's state (Stable, Empty, ...)
 * @param members       active members (0 for a stopped group: it is still reported)
 * @param status        the most severe partition status
 * @param totalLag      sum of the partitions' lag in offsets
 * @param maxLag        the largest partition lag in offsets
 * @param maxLagSeconds the largest partition lag in seconds
 * @param partitions    per partition, sorted by topic then partition
 */
public record GroupLag(String group, String state, int members, GroupStatus status, long totalLag, long maxLag,
                       double maxLagSeconds, List<PartitionLag> partitions) {

    public GroupLag {
        partitions = List.copyOf(partitions);
    }

    /** Builds the aggregates from the partitions. */
    public static GroupLag of(ConsumerGroupInfo info, List<PartitionLag> partitions) {
        long total = 0;
        long max = 0;
        double maxSeconds = 0;
        GroupStatus status = GroupStatus.OK;
        for (PartitionLag p : partitions) {
            total += p.lag();
            max = Math.max(max, p.lag());
            if (!Double.isNaN(p.lagSeconds())) {
                maxSeconds = Math.max(maxSeconds, p.lagSeconds());
            }
            status = status.worst(p.status());
        }
        return new GroupLag(info.groupId(), info.state(), info.members(), status, total, max, maxSeconds, partitions);
    }
}

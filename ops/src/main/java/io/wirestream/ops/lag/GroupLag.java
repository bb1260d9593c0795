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
 * @param retry         a sink task of the group retrying its database (status RETRYING), or null
 */
public record GroupLag(String group, String state, int members, GroupStatus status, long totalLag, long maxLag,
                       double maxLagSeconds, List<PartitionLag> partitions, SinkRetry retry) {

    public GroupLag {
        partitions = List.copyOf(partitions);
    }

    public GroupLag(String group, String state, int members, GroupStatus status, long totalLag, long maxLag,
                    double maxLagSeconds, List<PartitionLag> partitions) {
        this(group, state, members, status, totalLag, maxLag, maxLagSeconds, partitions, null);
    }

    /** This group with a sink task retrying: at least RETRYING, with the retry's reason and since when. */
    public GroupLag withRetry(SinkRetry retry) {
        return new GroupLag(group, state, members, status.worst(GroupStatus.RETRYING), totalLag, maxLag, maxLagSeconds, partitions, retry);
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

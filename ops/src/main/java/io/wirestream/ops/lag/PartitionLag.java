package io.wirestream.ops.lag;

/**
 * Lag of one group on one partition at one poll.
 *
 * @param topic          topic name
 * @param partition      partition number
 * @param committed      the group's committed offset (the next offset it will read)
 * @param logStartOffset the first offset still in the log
 * @param logEndOffset   the offset the next record will get
 * @param lag            {@code max(0, logEndOffset - committed)}, in offsets
 * @param lagSeconds     how long ago the first unread record was written (estimated from the end-offset timeline); 0 when caught up
 * @param status         the partition's status
 */
public record PartitionLag(String topic, int partition, long committed, long logStartOffset, long logEndOffset,
                           long lag, double lagSeconds, GroupStatus status) {
}

package io.wirestream.ops.lag;

/**
 * The broker's view of one partition.
 *
 * @param logStartOffset the first offset still in the log (moves forward with retention and deletes)
 * @param logEndOffset   the offset the next record will get (the "high watermark" consumers read up to)
 */
public record PartitionOffsets(long logStartOffset, long logEndOffset) {
    public PartitionOffsets {
        if (logStartOffset < 0 || logEndOffset < logStartOffset) {
            throw new IllegalArgumentException("bad offsets: start " + logStartOffset + ", end " + logEndOffset);
        }
    }
}

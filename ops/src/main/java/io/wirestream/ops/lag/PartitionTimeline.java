package io.wirestream.ops.lag;

import java.util.OptionalDouble;

/**
 * A bounded ring of (time, log-end offset) samples for one partition, and the one question it answers:
 * <em>when did the log end reach offset X?</em> The lag of a consumer in seconds is then
 * {@code now - timeWhenEndWas(committed)}: how long ago the first record it has not processed was written.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Samples are kept in time order, at most {@code capacity}; the oldest falls out first.</li>
 *   <li>A flat line is stored as two points: when a sample has the same offset as the last two, the last one's
 *       time moves forward instead of adding a point. So an idle partition does not push its history out,
 *       and a committed offset on the flat line maps to the <em>last</em> time the end was there (the record
 *       at that offset was written after it).</li>
 *   <li>An end offset lower than the last sample means the topic was recreated or truncated: the timeline
 *       starts over.</li>
 *   <li>Lookup of offset {@code c}: if {@code c >= } the newest sampled end, the consumer is caught up (0 s).
 *       Otherwise take the newest sample {@code i} with {@code offset_i <= c} and its successor {@code j}
 *       ({@code offset_j > c}), and interpolate linearly: {@code t = t_i + (c - offset_i) * (t_j - t_i) / (offset_j - offset_i)}.
 *       Committed offsets may sit anywhere between samples (compacted topics leave gaps; only the newest
 *       samples at or below {@code c} matter).</li>
 *   <li>Before the oldest sample ({@code c < offset_0}): extrapolate backwards with the average rate over the whole
 *       timeline, {@code t = t_0 - (offset_0 - c) / rate}. With a single sample, or a timeline that never moved,
 *       there is no rate: the answer is {@code t_0}, a lower bound.</li>
 *   <li>No sample at all: unknown (empty result).</li>
 * </ul>
 * Not thread-safe; the monitor drives it from one thread.
 */
public final class PartitionTimeline {

    private final long[] times;
    private final long[] offsets;
    private int start;
    private int size;

    public PartitionTimeline(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2: " + capacity);
        }
        this.times = new long[capacity];
        this.offsets = new long[capacity];
    }

    /** Adds the end offset observed at {@code timeMs}. Samples older than the newest are ignored. */
    public void add(long timeMs, long endOffset) {
        if (size > 0) {
            long lastTime = time(size - 1);
            long lastOffset = offset(size - 1);
            if (timeMs < lastTime) {
                return;
            } else if (endOffset < lastOffset) {
                clear();
            } else if (timeMs == lastTime) {
                offsets[index(size - 1)] = endOffset;
                return;
            } else if (endOffset == lastOffset && size >= 2 && offset(size - 2) == endOffset) {
                times[index(size - 1)] = timeMs;
                return;
            }
        }
        if (size == times.length) {
            start = (start + 1) % times.length;
            size--;
        }
        int i = index(size);
        times[i] = timeMs;
        offsets[i] = endOffset;
        size++;
    }

    /** The time (epoch ms, fractional) at which the log end was at {@code offset}, per the rules above. */
    public OptionalDouble timeAtOffset(long offset) {
        if (size == 0) {
            return OptionalDouble.empty();
        }
        long newest = offset(size - 1);
        if (offset >= newest) {
            return OptionalDouble.of(time(size - 1));
        }
        for (int i = size - 1; i >= 0; i--) {
            long oi = offset(i);
            if (oi <= offset) {
                // i < size - 1 because offset < newest; successor has a higher offset (flat runs end at i)
                int j = i + 1;
                long oj = offset(j);
                double ti = time(i);
                double tj = time(j);
                return OptionalDouble.of(ti + (offset - oi) * (tj - ti) / (oj - oi));
            }
        }
        long o0 = offset(0);
        long t0 = time(0);
        long tn = time(size - 1);
        if (size < 2 || newest == o0 || tn == t0) {
            return OptionalDouble.of(t0);
        }
        double ratePerMs = (double) (newest - o0) / (tn - t0);
        return OptionalDouble.of(t0 - (o0 - offset) / ratePerMs);
    }

    /**
     * Lag in seconds of a consumer whose committed offset is {@code committed}, at {@code nowMs}: 0 when it is
     * at or past the newest sampled end offset, otherwise {@code now - timeAtOffset(committed)}, never negative.
     */
    public OptionalDouble lagSeconds(long committed, long nowMs) {
        if (size > 0 && committed >= offset(size - 1)) {
            return OptionalDouble.of(0);
        }
        OptionalDouble at = timeAtOffset(committed);
        if (at.isEmpty()) {
            return at;
        }
        return OptionalDouble.of(Math.max(0, nowMs - at.getAsDouble()) / 1000.0);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return times.length;
    }

    /** The newest sampled end offset, or -1 when empty. */
    public long newestOffset() {
        return size == 0 ? -1 : offset(size - 1);
    }

    /** The time of the i-th sample, oldest first. */
    public long time(int i) {
        return times[index(i)];
    }

    /** The offset of the i-th sample, oldest first. */
    public long offset(int i) {
        return offsets[index(i)];
    }

    public void clear() {
        start = 0;
        size = 0;
    }

    private int index(int i) {
        if (i < 0 || i >= times.length) {
            throw new IndexOutOfBoundsException(i);
        }
        return (start + i) % times.length;
    }
}

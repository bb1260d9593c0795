package io.wirestream.ops.lag;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Burrow-style status from a sliding window of observations per (group, partition), driven by a {@link Clock}.
 *
 * <p>Each poll adds one observation {@code (time, committed, lag)} per partition, {@code lag = max(0, end - committed)}.
 * The <em>window</em> is the last {@code W} of time (observations older than {@code now - W} are dropped, and at
 * most {@code maxObservations} are kept). Kafka's Admin API does not tell when a group committed, only what, so
 * "the committed offset has not changed since T" is measured from the first poll that saw the current value.
 *
 * <h2>Rules, per partition, first match wins</h2>
 * <ol>
 *   <li><b>ERR</b>: {@code committed < logStartOffset}. Retention or a delete removed records the group never read.</li>
 *   <li><b>OK</b>: {@code lag == 0}. Caught up.</li>
 *   <li><b>REWIND</b>: the committed offset went down between two polls, and that poll is within the window.</li>
 *   <li><b>STOP</b> / <b>STALL</b>: the committed offset has not changed for at least {@code W} (and the partition was
 *       observed for at least {@code W}): <b>STOP</b> when the group has no active member (nobody consumes; the
 *       lag keeps being computed from the log end, so it keeps rising while producers write), <b>STALL</b> when it
 *       has members (consumers are alive but not advancing: stuck, paused, or a poison record). A group that
 *       assigns partitions by hand (no members) shows STOP for both. The window must be longer than the
 *       consumers' commit interval (Connect commits every 60 s by default).</li>
 *   <li><b>OK</b>: the lag was 0 at some observation within the window (it keeps catching up).</li>
 *   <li><b>WARN</b>: at least 3 observations in the window, the newest lag is greater than the oldest, and the
 *       least-squares slope of lag over time is positive: the group consumes but falls further behind.</li>
 *   <li><b>OK</b> otherwise (lag steady or shrinking: keeping up or catching up).</li>
 * </ol>
 * A group's status is the most severe of its partitions' ({@link GroupStatus} order: OK &lt; WARN &lt; REWIND &lt;
 * STALL &lt; STOP &lt; ERR); a group with no committed offset at all is OK.
 *
 * <p>Not thread-safe; the monitor drives it from one thread.
 */
public final class GroupStatusEvaluator {

    /** The minimum number of observations in the window for WARN. */
    public static final int MIN_OBSERVATIONS_FOR_TREND = 3;

    private record Observation(long time, long committed, long lag) {
    }

    private static final class PartitionWindow {
        final ArrayDeque<Observation> observations = new ArrayDeque<>();
        long committed = Long.MIN_VALUE;
        long committedSince;
        long rewindAt = Long.MIN_VALUE;
    }

    private final Clock clock;
    private final long windowMs;
    private final int maxObservations;
    private final Map<String, Map<TopicPartition, PartitionWindow>> windows = new HashMap<>();

    public GroupStatusEvaluator(Clock clock, Duration window, int maxObservations) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be > 0: " + window);
        }
        if (maxObservations < MIN_OBSERVATIONS_FOR_TREND) {
            throw new IllegalArgumentException("maxObservations must be >= " + MIN_OBSERVATIONS_FOR_TREND);
        }
        this.clock = clock;
        this.windowMs = window.toMillis();
        this.maxObservations = maxObservations;
    }

    /**
     * Records the clock's now as an observation of one partition of one group and returns its status.
     *
     * @param hasMembers whether the group has at least one active member
     */
    public GroupStatus observe(String group, TopicPartition tp, long committed, PartitionOffsets offsets, boolean hasMembers) {
        return observe(group, tp, committed, committed, offsets, hasMembers);
    }

    /**
     * The same, with the lag counted from {@code readableFrom} (where the records still to read begin, past
     * transaction markers; never before {@code committed}) while commit movement and rewinds follow {@code committed}.
     */
    public GroupStatus observe(String group, TopicPartition tp, long committed, long readableFrom, PartitionOffsets offsets,
                               boolean hasMembers) {
        long now = clock.millis();
        long lag = LagCalculator.lagOffsets(Math.max(committed, readableFrom), offsets.logEndOffset());
        PartitionWindow w = windows.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(tp, k -> new PartitionWindow());
        if (w.committed == Long.MIN_VALUE) {
            w.committedSince = now;
        } else if (committed != w.committed) {
            if (committed < w.committed) {
                w.rewindAt = now;
            }
            w.committedSince = now;
        }
        w.committed = committed;
        w.observations.addLast(new Observation(now, committed, lag));
        long horizon = now - windowMs;
        while (!w.observations.isEmpty() && (w.observations.peekFirst().time() < horizon || w.observations.size() > maxObservations)) {
            w.observations.removeFirst();
        }
        return evaluate(w, committed, offsets.logStartOffset(), lag, hasMembers, now);
    }

    private GroupStatus evaluate(PartitionWindow w, long committed, long logStart, long lag, boolean hasMembers, long now) {
        if (committed < logStart) {
            return GroupStatus.ERR;
        }
        if (lag == 0) {
            return GroupStatus.OK;
        }
        if (w.rewindAt != Long.MIN_VALUE && w.rewindAt >= now - windowMs) {
            return GroupStatus.REWIND;
        }
        if (now - w.committedSince >= windowMs) {
            return hasMembers ? GroupStatus.STALL : GroupStatus.STOP;
        }
        for (Observation o : w.observations) {
            if (o.lag() == 0) {
                return GroupStatus.OK;
            }
        }
        if (lagGrowing(w.observations)) {
            return GroupStatus.WARN;
        }
        return GroupStatus.OK;
    }

    private static boolean lagGrowing(ArrayDeque<Observation> observations) {
        int n = observations.size();
        if (n < MIN_OBSERVATIONS_FOR_TREND || observations.peekLast().lag() <= observations.peekFirst().lag()) {
            return false;
        }
        long t0 = observations.peekFirst().time();
        double meanT = 0;
        double meanL = 0;
        for (Observation o : observations) {
            meanT += o.time() - t0;
            meanL += o.lag();
        }
        meanT /= n;
        meanL /= n;
        double cov = 0;
        double var = 0;
        for (Observation o : observations) {
            double dt = o.time() - t0 - meanT;
            cov += dt * (o.lag() - meanL);
            var += dt * dt;
        }
        return var > 0 && cov / var > 0;
    }

    /** The time (epoch ms) since which the committed offset of this partition has not changed, or -1 if never seen. */
    public long committedSince(String group, TopicPartition tp) {
        Map<TopicPartition, PartitionWindow> g = windows.get(group);
        PartitionWindow w = g == null ? null : g.get(tp);
        return w == null ? -1 : w.committedSince;
    }

    /** Forgets groups not in {@code keep}, and partitions of a group no longer in its committed offsets. */
    public void retainOnly(Map<String, Set<TopicPartition>> keep) {
        Iterator<Map.Entry<String, Map<TopicPartition, PartitionWindow>>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Set<TopicPartition> parts = keep.get(e.getKey());
            if (parts == null) {
                it.remove();
            } else {
                e.getValue().keySet().retainAll(parts);
            }
        }
    }

    /** The most severe of the statuses; OK for none. */
    public static GroupStatus worst(List<GroupStatus> statuses) {
        GroupStatus worst = GroupStatus.OK;
        for (GroupStatus s : statuses) {
            worst = worst.worst(s);
        }
        return worst;
    }

    public Duration window() {
        return Duration.ofMillis(windowMs);
    }
}

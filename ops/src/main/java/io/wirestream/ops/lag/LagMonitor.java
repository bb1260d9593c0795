package io.wirestream.ops.lag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a {@link LagSource} on a schedule and turns each poll into a {@link LagSnapshot}.
 *
 * <p>One poll: list groups (filtered by include/exclude), read their committed offsets, read start and end offsets
 * of every partition they committed on, sample the end offsets into the timelines, then compute lag and status
 * per partition and per group. Groups are reported whether or not they have members and whether or not they
 * still commit: lag is always the broker's current end offset minus the last committed offset, so it keeps
 * rising for a group that stopped. A group disappears only when the cluster forgets it (deleted, or its
 * offsets expired), which is logged.
 *
 * <p>{@link #poll()} can be called directly (tests, one-shot CLI); {@link #start()} runs it every poll interval on a
 * daemon thread. A failed poll keeps the last good groups and reports the error in the snapshot.
 */
public final class LagMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
    /** Largest lag (in offsets) checked for being only transaction markers: one per transaction since the last record. */
    private static final long MARKER_SLACK = 16;

    private final LagSource source;
    private final LagMonitorSettings settings;
    private final Clock clock;
    private final LagCalculator calculator;
    private final GroupStatusEvaluator evaluator;
    private final List<Consumer<LagSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> known = new HashSet<>();
    private volatile LagSnapshot latest;
    private volatile java.util.function.Supplier<List<SinkRetry>> sinkRetries = List::of;
    private boolean retriesFailing;
    private ScheduledExecutorService scheduler;

    public LagMonitor(LagSource source, LagMonitorSettings settings, Clock clock) {
        this.source = source;
        this.settings = settings;
        this.clock = clock;
        this.calculator = new LagCalculator(clock, settings.timelineSamples());
        this.evaluator = new GroupStatusEvaluator(clock, settings.window(), settings.windowMaxObservations());
        this.latest = LagSnapshot.empty(clock.instant());
    }

    /**
     * Where the sink tasks that retry their database are read from at each poll (e.g.
     * {@link io.wirestream.ops.metrics.JmxMetricsReader#sinkRetries()} in the process that runs Connect); their groups
     * show RETRYING with the reason. None by default.
     */
    public LagMonitor withSinkRetries(java.util.function.Supplier<List<SinkRetry>> retries) {
        this.sinkRetries = retries;
        return this;
    }

    /** Called with every snapshot, on the polling thread; exceptions are logged and ignored. */
    public void addListener(Consumer<LagSnapshot> listener) {
        listeners.add(listener);
    }

    /** The last snapshot (empty before the first poll). */
    public LagSnapshot latest() {
        return latest;
    }

    public LagMonitorSettings settings() {
        return settings;
    }

    /** Polls once, now, and returns the snapshot (also handed to listeners). */
    public synchronized LagSnapshot poll() {
        LagSnapshot snapshot;
        try {
            snapshot = pollOnce();
        } catch (RuntimeException e) {
            LOG.warn("lag poll failed: {}", e.toString());
            snapshot = new LagSnapshot(clock.instant(), latest.groups(), Optional.of(String.valueOf(e.getMessage())));
        }
        latest = snapshot;
        for (Consumer<LagSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("lag listener failed", e);
            }
        }
        return snapshot;
    }

    private LagSnapshot pollOnce() {
        List<ConsumerGroupInfo> groups = new ArrayList<>(source.groups().stream()
            .filter(g -> settings.monitors(g.groupId())).toList());
        Map<String, ConsumerGroupInfo> byId = new HashMap<>();
        groups.forEach(g -> byId.put(g.groupId(), g));
        Map<String, Map<TopicPartition, Long>> committed = source.committedOffsets(byId.keySet());

        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(m -> partitions.addAll(m.keySet()));
        Map<TopicPartition, PartitionOffsets> offsets = source.partitionOffsets(partitions);
        calculator.recordEndOffsets(offsets);

        List<GroupLag> result = new ArrayList<>();
        Map<String, Set<TopicPartition>> keep = new HashMap<>();
        Map<String, SinkRetry> retries = new HashMap<>();
        try {
            // the task retrying longest stands for its group
            sinkRetries.get().forEach(r -> retries.merge(r.group(), r, (a, b) -> a.since().isBefore(b.since()) ? a : b));
            retriesFailing = false;
        } catch (RuntimeException e) {
            if (!retriesFailing) {
                LOG.warn("cannot read the sink tasks' retry state (said once until it works again): {}", e.toString());
            }
            retriesFailing = true;
        }
        for (ConsumerGroupInfo group : groups) {
            Map<TopicPartition, Long> groupOffsets = committed.get(group.groupId());
            if (groupOffsets == null) {
                continue; // deleted between the two calls
            }
            Map<TopicPartition, Long> readable = firstReadable(groupOffsets, offsets);
            List<PartitionLag> parts = new ArrayList<>();
            for (var e : groupOffsets.entrySet()) {
                TopicPartition tp = e.getKey();
                PartitionOffsets po = offsets.get(tp);
                if (po == null) {
                    continue; // topic deleted: nothing to lag behind
                }
                long c = e.getValue();
                // the lag counts from the first record still to read: transaction markers after the commit are no lag
                long from = Math.max(c, readable.getOrDefault(tp, c));
                GroupStatus status = evaluator.observe(group.groupId(), tp, c, from, po, group.active());
                parts.add(new PartitionLag(tp.topic(), tp.partition(), c, po.logStartOffset(), po.logEndOffset(),
                    LagCalculator.lagOffsets(from, po.logEndOffset()), calculator.lagSeconds(tp, from, po.logEndOffset()), status));
            }
            parts.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
            keep.put(group.groupId(), groupOffsets.keySet());
            GroupLag lag = GroupLag.of(group, parts);
            SinkRetry retry = retries.get(group.groupId());
            result.add(retry == null ? lag : lag.withRetry(retry));
        }
        result.sort(Comparator.comparing(GroupLag::group));

        Set<String> now = keep.keySet();
        for (String gone : known) {
            if (!now.contains(gone)) {
                LOG.info("consumer group {} is gone from the cluster (deleted or offsets expired)", gone);
            }
        }
        known.clear();
        known.addAll(now);
        evaluator.retainOnly(keep);
        calculator.retainOnly(partitions);
        return new LagSnapshot(clock.instant(), result, Optional.empty());
    }

    /** Asks the source past which offsets a consumer short of the end by at most a few offsets has nothing to read. */
    private Map<TopicPartition, Long> firstReadable(Map<TopicPartition, Long> committed, Map<TopicPartition, PartitionOffsets> offsets) {
        Map<TopicPartition, Long> nearEnd = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        committed.forEach((tp, c) -> {
            PartitionOffsets po = offsets.get(tp);
            if (po != null && c < po.logEndOffset() && po.logEndOffset() - c <= MARKER_SLACK) {
                nearEnd.put(tp, c);
                ends.put(tp, po.logEndOffset());
            }
        });
        if (nearEnd.isEmpty()) {
            return Map.of();
        }
        try {
            return source.firstReadable(nearEnd, ends);
        } catch (RuntimeException e) {
            LOG.debug("reading past transaction markers failed: {}", e.toString());
            return Map.of();
        }
    }

    /**
     * Polls now and then every poll interval until {@code duration} has passed on the clock, on the calling thread,
     * and returns the last snapshot: enough observations for the status rules (a one-shot check).
     */
    public LagSnapshot observe(java.time.Duration duration) throws InterruptedException {
        LagSnapshot s = poll();
        long end = s.time().toEpochMilli() + duration.toMillis(); // the first observation is at or before s.time()
        long left;
        while ((left = end - clock.millis()) > 0) {
            Thread.sleep(Math.min(settings.pollInterval().toMillis(), left));
            s = poll();
        }
        return s;
    }

    /** Starts polling every poll interval on a daemon thread, the first poll right away. */
    public synchronized LagMonitor start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wirestream-lag-monitor");
                t.setDaemon(true);
                return t;
            });
            long period = settings.pollInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::poll, 0, period, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** The time of the last snapshot. */
    public Instant lastPoll() {
        return latest.time();
    }

    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

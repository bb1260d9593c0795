package io.wirestream.cli.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.ops.progress.DeliveryProgress;

/**
 * Send -> committed by each sink, per story. The {@link EnrichedWatcher} notes where each story landed in
 * news.enriched ({@link #landed}); a sampler thread reads every sink group's committed offsets every
 * {@value #SAMPLE_EVERY_MS} ms and records a story for a sink once the group's committed offset has passed it. A
 * sink's commit is what makes a story safe from a restart of that sink, so this is the latency a reader of the
 * sink's output sees at worst; its resolution is the sampling interval.
 */
final class SinkCommitLatency implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkCommitLatency.class);
    static final long SAMPLE_EVERY_MS = 100;

    /** Per partition, the measured stories in offset order: {offset, nanoTime sent}. Appended by the watcher thread. */
    private final Map<TopicPartition, List<long[]>> landings = new ConcurrentHashMap<>();
    private final DeliveryProgress offsets;
    private final Map<String, Histogram> micros = new LinkedHashMap<>();
    /** Per sink group and partition: how many of the partition's landings are recorded. */
    private final Map<String, Map<TopicPartition, Integer>> recorded = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    SinkCommitLatency(DeliveryProgress offsets, List<String> sinkGroups) {
        this.offsets = offsets;
        sinkGroups.forEach(g -> {
            micros.put(g, LatencyHistograms.create());
            recorded.put(g, new HashMap<>());
        });
        this.thread = new Thread(this::run, "wirestream-bench-sinks");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** A measured story became visible at {@code offset} of {@code tp}; the watcher calls this in offset order. */
    void landed(TopicPartition tp, long offset, long sentNanos) {
        List<long[]> list = landings.computeIfAbsent(tp, p -> new ArrayList<>());
        synchronized (list) {
            list.add(new long[] {offset, sentNanos});
        }
    }

    private void run() {
        while (running) {
            try {
                sample();
            } catch (Exception e) {
                LOG.debug("reading the sinks' committed offsets: {}", e.toString()); // the next sample retries
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SAMPLE_EVERY_MS)); // committed offsets: nothing to await on
        }
    }

    /** Records every story each sink group has committed since the last sample. */
    synchronized void sample() throws Exception {
        for (Map.Entry<String, Histogram> sink : micros.entrySet()) {
            Map<TopicPartition, Long> committed = offsets.committed(sink.getKey());
            long now = System.nanoTime();
            Map<TopicPartition, Integer> done = recorded.get(sink.getKey());
            for (Map.Entry<TopicPartition, List<long[]>> partition : landings.entrySet()) {
                long upTo = committed.getOrDefault(partition.getKey(), -1L);
                List<long[]> list = partition.getValue();
                synchronized (list) {
                    int next = done.getOrDefault(partition.getKey(), 0);
                    while (next < list.size() && list.get(next)[0] < upTo) {
                        LatencyHistograms.recordSince(sink.getValue(), list.get(next)[1], now);
                        next++;
                    }
                    done.put(partition.getKey(), next);
                }
            }
        }
    }

    /**
     * Forgets every story landed and recorded so far (the warm-up's, once the sinks have committed them all), so the
     * histograms hold the measured run alone.
     */
    synchronized void reset() {
        landings.values().forEach(list -> {
            synchronized (list) {
                list.clear();
            }
        });
        recorded.values().forEach(Map::clear);
        micros.values().forEach(Histogram::reset);
    }

    /** A copy of the latencies recorded for {@code sinkGroup} so far (microseconds). */
    synchronized Histogram micros(String sinkGroup) {
        return micros.get(sinkGroup).copy();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

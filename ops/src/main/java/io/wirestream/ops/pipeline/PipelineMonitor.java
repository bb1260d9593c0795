package io.wirestream.ops.pipeline;

import io.wirestream.ops.lag.GroupLag;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.lag.LagSource;
import io.wirestream.ops.lag.PartitionLag;
import io.wirestream.ops.lag.PartitionOffsets;
import io.wirestream.ops.metrics.JmxMetricsReader;
import io.wirestream.ops.metrics.MetricCatalog;
import io.wirestream.ops.metrics.MetricSample;
import io.wirestream.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's own counters, read from Kafka so they are right whichever process does the work: records on
 * the raw, enriched and DLQ topics (sums of log-end offsets) and records the sinks committed (their groups'
 * committed offsets on the enriched topic, taken from the lag snapshot, so the sink groups must be watched).
 * Adds the Kafka Streams / Connect metrics JMX shows in this JVM, and rates per second between polls.
 */
public final class PipelineMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineMonitor.class);

    private final LagSource source;
    private final Topics topics;
    private final Pattern sinkGroups;
    private final JmxMetricsReader jmx;
    private final Clock clock;
    private volatile PipelineSnapshot latest;

    public PipelineMonitor(LagSource source, Topics topics, Pattern sinkGroups, JmxMetricsReader jmx, Clock clock) {
        this.source = source;
        this.topics = topics;
        this.sinkGroups = sinkGroups;
        this.jmx = jmx;
        this.clock = clock;
        this.latest = PipelineSnapshot.empty(clock.instant());
    }

    public PipelineSnapshot latest() {
        return latest;
    }

    /** Reads the counters now; {@code lag} supplies the sink groups' committed offsets. */
    public synchronized PipelineSnapshot poll(LagSnapshot lag) {
        Instant now = clock.instant();
        Map<String, Long> counters = new LinkedHashMap<>();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        try {
            List<String> names = List.of(topics.raw(), topics.enriched(), topics.dlq());
            List<TopicPartition> tps = source.partitionsOf(names);
            Map<TopicPartition, PartitionOffsets> offsets = source.partitionOffsets(tps);
            for (String t : names) {
                partitions.put(t, (int) tps.stream().filter(tp -> tp.topic().equals(t)).count());
            }
            counters.put(PipelineSnapshot.INGESTED, endSum(offsets, topics.raw()));
            counters.put(PipelineSnapshot.ENRICHED, endSum(offsets, topics.enriched()));
            counters.put(PipelineSnapshot.DEAD_LETTERED, endSum(offsets, topics.dlq()));
        } catch (RuntimeException e) {
            LOG.warn("pipeline poll failed: {}", e.toString());
            counters.putAll(latest.counters());
            partitions.putAll(latest.topicPartitions());
        }
        Map<String, Long> sunk = new TreeMap<>();
        for (GroupLag g : lag.groups()) {
            if (!sinkGroups.matcher(g.group()).matches()) {
                continue;
            }
            long sum = 0;
            boolean any = false;
            for (PartitionLag p : g.partitions()) {
                if (p.topic().equals(topics.enriched())) {
                    sum += p.committed();
                    any = true;
                }
            }
            if (any) {
                sunk.put(g.group(), sum);
            }
        }
        counters.put(PipelineSnapshot.SUNK, sunk.values().stream().mapToLong(Long::longValue).sum());

        Map<String, Double> rates = new LinkedHashMap<>();
        PipelineSnapshot previous = latest;
        double seconds = (now.toEpochMilli() - previous.time().toEpochMilli()) / 1000.0;
        if (!previous.counters().isEmpty() && seconds > 0) {
            counters.forEach((k, v) -> {
                Long before = previous.counters().get(k);
                if (before != null) {
                    rates.put(k, Math.max(0, v - before) / seconds);
                }
            });
        }
        List<MetricSample> jmxSamples;
        try {
            jmxSamples = jmx.read();
        } catch (RuntimeException e) {
            LOG.debug("JMX read failed: {}", e.toString());
            jmxSamples = List.of();
        }
        latest = new PipelineSnapshot(now, counters, sunk, rates, partitions, jmxSamples);
        return latest;
    }

    private static long endSum(Map<TopicPartition, PartitionOffsets> offsets, String topic) {
        long sum = 0;
        for (var e : offsets.entrySet()) {
            if (e.getKey().topic().equals(topic)) {
                sum += e.getValue().logEndOffset();
            }
        }
        return sum;
    }

    /** The snapshot as {@link MetricCatalog} samples. */
    public List<MetricSample> samples(PipelineSnapshot s) {
        List<MetricSample> out = new ArrayList<>();
        Long v;
        if ((v = s.counters().get(PipelineSnapshot.INGESTED)) != null) {
            out.add(MetricCatalog.INGESTED.sample(v, topics.raw()));
        }
        if ((v = s.counters().get(PipelineSnapshot.ENRICHED)) != null) {
            out.add(MetricCatalog.ENRICHED.sample(v, topics.enriched()));
        }
        if ((v = s.counters().get(PipelineSnapshot.DEAD_LETTERED)) != null) {
            out.add(MetricCatalog.DEAD_LETTERED.sample(v, topics.dlq()));
        }
        s.sunkByGroup().forEach((g, n) -> out.add(MetricCatalog.SUNK.sample(n, g, topics.enriched())));
        s.topicPartitions().forEach((t, n) -> out.add(MetricCatalog.TOPIC_PARTITIONS.sample(n, t)));
        out.addAll(s.jmx());
        return out;
    }

    public Topics topics() {
        return topics;
    }
}

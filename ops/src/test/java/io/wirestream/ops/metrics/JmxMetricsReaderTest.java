package io.wirestream.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;
import org.junit.jupiter.api.Test;

/**
 * Reads metrics registered by Kafka's own {@link JmxReporter} under the names Kafka Streams and Connect use,
 * from the platform MBean server (the Streams/Connect runtimes are exercised for real in OpsServiceIT).
 */
class JmxMetricsReaderTest {

    @Test
    void ingestRejectsComeFromItsKafkaMetricsGroup() {
        try (Metrics metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
                new KafkaMetricsContext("wirestream.ingest.opstest"))) {
            Sensor rejected = metrics.sensor("rejected");
            rejected.add(metrics.metricName("inputs-rejected-total", "wirestream-ingest", ""), new CumulativeSum());
            rejected.record(3);
            assertThat(new JmxMetricsReader().read()).anySatisfy(s -> {
                assertThat(s.def()).isEqualTo(MetricCatalog.REJECTED);
                assertThat(s.labelValues()).containsExactly("ingest");
                assertThat(s.value()).isEqualTo(3.0);
            });
        }
    }

    @Test
    void emptyServerGivesNoSamples() {
        MBeanServer empty = MBeanServerFactory.newMBeanServer();
        assertThat(new JmxMetricsReader(empty).read()).isEmpty();
    }

    @Test
    void mapsConnectTaskMetricsStatusesAndRejectedTotals() throws Exception {
        try (Metrics metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
                new KafkaMetricsContext("kafka.connect"));
             Metrics streamsMetrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
                new KafkaMetricsContext("kafka.streams"))) {
            Sensor read = metrics.sensor("read-ops-test");
            read.add(metrics.metricName("sink-record-read-total", "sink-task-metrics", "",
                java.util.Map.of("connector", "jsonl-ops-test", "task", "0")), new CumulativeSum());
            read.record(7);
            Sensor skipped = metrics.sensor("skipped-ops-test");
            skipped.add(metrics.metricName("total-records-skipped", "task-error-metrics", "",
                java.util.Map.of("connector", "jsonl-ops-test", "task", "0")), new CumulativeSum());
            skipped.record(2);
            Sensor lat = streamsMetrics.sensor("lat-ops-test");
            lat.add(streamsMetrics.metricName("record-e2e-latency-max", "stream-processor-node-metrics", "",
                java.util.Map.of("thread-id", "t-ops-test", "task-id", "0_0", "processor-node-id", "KSTREAM-SOURCE-0")), new Value());
            lat.record(1500);

            List<MetricSample> samples = new JmxMetricsReader().read();
            assertThat(samples).anySatisfy(s -> {
                assertThat(s.def()).isEqualTo(MetricCatalog.STREAMS_E2E_LATENCY_MAX);
                assertThat(s.labelValues()).containsExactly("t-ops-test", "0_0", "KSTREAM-SOURCE-0");
                assertThat(s.value()).as("milliseconds become seconds").isEqualTo(1.5);
            });
            assertThat(samples).anySatisfy(s -> {
                assertThat(s.def()).isEqualTo(MetricCatalog.CONNECT_SINK_READ);
                assertThat(s.labelValues()).containsExactly("jsonl-ops-test", "0");
                assertThat(s.value()).isEqualTo(7.0);
            });
            assertThat(samples).anySatisfy(s -> {
                assertThat(s.def()).isEqualTo(MetricCatalog.REJECTED);
                assertThat(s.labelValues()).containsExactly("sink");
                assertThat(s.value()).isGreaterThanOrEqualTo(2.0);
            });
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(
                ObjectName.getInstance("kafka.connect:type=sink-task-metrics,connector=jsonl-ops-test,task=0")))
                .as("read under the MBean name Connect's JmxReporter registers").isTrue();
        }
    }
}

package io.wirestream.ingest.publish;

import io.wirestream.ingest.source.Delivery;
import io.wirestream.ingest.source.IngestListener;
import io.wirestream.schemas.RawArticle;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.utils.Time;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ingest metrics on Kafka's own metrics library (group {@code wirestream-ingest}), so they appear in JMX like the
 * producer's: {@code articles-published-rate} (per second) / {@code -total}, {@code inputs-rejected-rate} /
 * {@code -total}, {@code publish-errors-total}. {@link #snapshot()} gives them as a map.
 */
public final class IngestMetrics implements IngestListener, AutoCloseable {

    public static final String GROUP = io.wirestream.schemas.PipelineNames.INGEST_METRIC_GROUP;

    // reported over JMX (domain wirestream.ingest) so the ops service and any JMX exporter can read them
    private final Metrics metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
            new KafkaMetricsContext("wirestream.ingest"));
    private final Sensor published;
    private final Sensor rejected;
    private final Sensor publishErrors;

    public IngestMetrics() {
        published = sensor("articles-published", "articles acknowledged by the broker");
        rejected = sensor("inputs-rejected", "inputs rejected (bad input or failed delivery)");
        publishErrors = metrics.sensor("publish-errors");
        publishErrors.add(metrics.metricName("publish-errors-total", GROUP, "articles the broker did not acknowledge"), new CumulativeSum());
    }

    private Sensor sensor(String name, String doc) {
        Sensor s = metrics.sensor(name);
        s.add(metrics.metricName(name + "-rate", GROUP, doc + " per second"), new Rate());
        s.add(metrics.metricName(name + "-total", GROUP, doc + ", total"), new CumulativeSum());
        return s;
    }

    public void recordPublished() {
        published.record();
    }

    public void recordPublishError() {
        publishErrors.record();
    }

    @Override
    public void rejected(String input, String format, Exception error) {
        rejected.record();
    }

    @Override
    public void accepted(String input, String format, List<RawArticle> articles, List<Delivery> deliveries) {
        // articles are counted as the broker acknowledges them
    }

    /** Metric name to current value. */
    public Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<MetricName, KafkaMetric> e : metrics.metrics().entrySet()) {
            if (GROUP.equals(e.getKey().group())) {
                Object v = e.getValue().metricValue();
                out.put(e.getKey().name(), v instanceof Number n ? n.doubleValue() : Double.NaN);
            }
        }
        return out;
    }

    @Override
    public void close() {
        metrics.close();
    }
}

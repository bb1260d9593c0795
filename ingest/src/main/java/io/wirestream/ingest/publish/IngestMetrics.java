package io.wirestream.ingest.publish;

import io.wirestream.ingest.source.Delivery;
import io.wirestream.ingest.source.IngestListener;
import io.wirestream.schemas.ParseWarning;
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
 * {@code -total}, {@code publish-errors-total}, {@code stories-rejected-total} (bad stories in multi-story inputs whose
 * other stories were delivered) and {@code parse-warnings-total} per format and warning kind (tags {@code format},
 * {@code kind}: what the parsers read leniently, see ingest/README.md, "Leniency"). {@link #snapshot()} gives them as
 * a map; tagged metrics as {@code parse-warnings-total{format=nitf,kind=derived-id}}.
 */
public final class IngestMetrics implements IngestListener, AutoCloseable {

    public static final String GROUP = io.wirestream.schemas.PipelineNames.INGEST_METRIC_GROUP;

    // reported over JMX (domain wirestream.ingest) so the ops service and any JMX exporter can read them
    private final Metrics metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
            new KafkaMetricsContext("wirestream.ingest"));
    private final Sensor published;
    private final Sensor rejected;
    private final Sensor publishErrors;
    private final Sensor storiesRejected;
    private final Sensor abandoned;
    private final java.util.concurrent.ConcurrentMap<String, Sensor> warnings = new java.util.concurrent.ConcurrentHashMap<>();

    public IngestMetrics() {
        published = sensor("articles-published", "articles acknowledged by the broker");
        rejected = sensor("inputs-rejected", "inputs rejected (bad input or failed delivery)");
        publishErrors = metrics.sensor("publish-errors");
        publishErrors.add(metrics.metricName("publish-errors-total", GROUP, "articles the broker did not acknowledge"), new CumulativeSum());
        storiesRejected = metrics.sensor("stories-rejected");
        storiesRejected.add(metrics.metricName("stories-rejected-total", GROUP,
                "stories rejected in multi-story inputs whose other stories were accepted"), new CumulativeSum());
        abandoned = metrics.sensor("posts-abandoned");
        abandoned.add(metrics.metricName("posts-abandoned-total", GROUP,
                "complete posts not published because the client closed the connection while they waited"), new CumulativeSum());
    }

    @Override
    public void abandoned(String input, String reason) {
        abandoned.record();
    }

    /** Counts the warnings of parsed articles, per format and warning kind. */
    public void recordWarnings(String format, List<RawArticle> articles) {
        for (RawArticle a : articles) {
            for (ParseWarning w : a.getWarnings()) {
                String f = format == null ? a.getFormat() : format;
                warnings.computeIfAbsent(f + "\u0000" + w.getKind(), k -> {
                    Sensor sensor = metrics.sensor("parse-warnings." + f + "." + w.getKind());
                    sensor.add(metrics.metricName("parse-warnings-total", GROUP, "articles parsed with a warning of this kind, per format",
                            Map.of("format", f, "kind", w.getKind())), new CumulativeSum());
                    return sensor;
                }).record();
            }
        }
    }

    @Override
    public void storiesRejected(String input, String format, List<io.wirestream.ingest.format.ParseResult.StoryFailure> failures) {
        storiesRejected.record(failures.size());
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
        // articles are counted as the broker acknowledges them; their warnings once they are delivered
        recordWarnings(format, articles);
    }

    /** Metric name to current value. */
    public Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<MetricName, KafkaMetric> e : metrics.metrics().entrySet()) {
            if (GROUP.equals(e.getKey().group())) {
                Object v = e.getValue().metricValue();
                Map<String, String> tags = new TreeMap<>(e.getKey().tags());
                String key = tags.isEmpty() ? e.getKey().name() : e.getKey().name() + tags.toString().replace(", ", ",");
                out.put(key, v instanceof Number n ? n.doubleValue() : Double.NaN);
            }
        }
        return out;
    }

    @Override
    public void close() {
        metrics.close();
    }
}

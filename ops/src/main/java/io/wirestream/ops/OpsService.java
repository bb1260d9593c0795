package io.wirestream.ops;

import io.wirestream.ops.alert.AlertEvaluator;
import io.wirestream.ops.alert.AlertState;
import io.wirestream.ops.history.OpsHistory;
import io.wirestream.ops.http.OpsHttpServer;
import io.wirestream.ops.http.OpsView;
import io.wirestream.ops.lag.AdminLagSource;
import io.wirestream.ops.lag.LagMonitor;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.lag.LagSource;
import io.wirestream.ops.metrics.JmxMetricsReader;
import io.wirestream.ops.metrics.LagMetrics;
import io.wirestream.ops.metrics.MetricSample;
import io.wirestream.ops.metrics.PrometheusTextWriter;
import io.wirestream.ops.pipeline.PipelineMonitor;
import io.wirestream.ops.pipeline.PipelineSnapshot;
import io.wirestream.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ops process in one object: a lag monitor over the cluster, the pipeline counters, alerts, the chart
 * history and the HTTP server, all fed by one polling thread. {@code wirestream up} starts one in-process;
 * it can also run on its own against any cluster.
 *
 * <pre>{@code
 * try (OpsService ops = OpsService.start(new OpsConfig(Map.of("bootstrap.servers", "127.0.0.1:9092", "http.port", 8090)))) {
 *     System.out.println("dashboard: " + ops.url());
 * }
 * }</pre>
 */
public final class OpsService implements OpsView, AutoCloseable {

    private final OpsConfig config;
    private final LagSource source;
    private final LagMonitor monitor;
    private final PipelineMonitor pipeline;
    private final AlertEvaluator alerts;
    private final OpsHistory history;
    private OpsHttpServer http;

    OpsService(OpsConfig config, LagSource source, Clock clock) {
        this.config = config;
        this.source = source;
        // sink tasks of a Connect worker in this JVM (up, sink) that retry their database: their groups show RETRYING
        this.monitor = new LagMonitor(source, config.lagMonitorSettings(), clock).withSinkRetries(new JmxMetricsReader()::sinkRetries);
        this.pipeline = new PipelineMonitor(source, new Topics(config.getString(OpsConfig.TOPICS_PREFIX_CONFIG)),
            Pattern.compile(config.getString(OpsConfig.PIPELINE_SINK_GROUPS_CONFIG)), new JmxMetricsReader(), clock);
        this.alerts = new AlertEvaluator(config.alertRules());
        this.history = new OpsHistory(Duration.ofMillis(config.getLong(OpsConfig.HISTORY_RETENTION_MS_CONFIG)),
            config.lagMonitorSettings().pollInterval(), config.getInt(OpsConfig.HISTORY_MAX_SERIES_CONFIG));
        monitor.addListener(this::onSnapshot);
    }

    /** Connects to the cluster, starts polling and the HTTP server. */
    public static OpsService start(OpsConfig config) {
        AdminLagSource source = AdminLagSource.connect(config.adminProps(), config.requestTimeout());
        OpsService ops = new OpsService(config, source, Clock.systemUTC());
        try {
            ops.http = OpsHttpServer.start(ops, config.getString(OpsConfig.HTTP_HOST_CONFIG), config.getInt(OpsConfig.HTTP_PORT_CONFIG));
        } catch (IOException e) {
            ops.close();
            throw new UncheckedIOException("cannot start the ops HTTP server on " + config.getString(OpsConfig.HTTP_HOST_CONFIG)
                + ":" + config.getInt(OpsConfig.HTTP_PORT_CONFIG), e);
        }
        ops.monitor.start();
        return ops;
    }

    private void onSnapshot(LagSnapshot snapshot) {
        alerts.evaluate(snapshot);
        history.record(snapshot);
        PipelineSnapshot p = pipeline.poll(snapshot);
        history.record(p);
    }

    /** The dashboard's URL. */
    public String url() {
        return http.url();
    }

    public LagMonitor monitor() {
        return monitor;
    }

    @Override
    public LagSnapshot lag() {
        return monitor.latest();
    }

    @Override
    public Map<String, AlertState> alerts() {
        return alerts.states();
    }

    @Override
    public PipelineSnapshot pipeline() {
        return pipeline.latest();
    }

    @Override
    public OpsHistory history() {
        return history;
    }

    @Override
    public Duration window() {
        return monitor.settings().window();
    }

    @Override
    public Duration pollInterval() {
        return monitor.settings().pollInterval();
    }

    @Override
    public String metricsText() {
        List<MetricSample> samples = new ArrayList<>(LagMetrics.samples(monitor.latest(), alerts.states()));
        samples.addAll(pipeline.samples(pipeline.latest()));
        return PrometheusTextWriter.write(samples);
    }

    public OpsConfig config() {
        return config;
    }

    @Override
    public void close() {
        monitor.close();
        if (http != null) {
            http.close();
        }
        source.close();
    }
}

package io.wirestream.ops.metrics;

import io.wirestream.ops.lag.SinkRetry;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Reads the Kafka Streams and Kafka Connect metrics that matter from JMX, for whatever runs in this JVM
 * ({@code wirestream up} runs enrich and Connect in-process; a standalone ops process sees none and exposes none).
 * Each reading maps an MBean attribute to a {@link MetricCatalog} entry; string attributes (states) become
 * a 1-valued sample with the state as a label. Milliseconds are converted to seconds.
 */
public final class JmxMetricsReader {

    private final MBeanServer server;

    public JmxMetricsReader() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    public JmxMetricsReader(MBeanServer server) {
        this.server = server;
    }

    /** All samples visible now. */
    public List<MetricSample> read() {
        List<MetricSample> out = new ArrayList<>();
        double enrichRejected = Double.NaN;
        double sinkRejected = Double.NaN;
        double ingestRejected = Double.NaN;

        for (ObjectName n : query("kafka.streams:type=stream-thread-metrics,*")) {
            AttributeList a = attrs(n, "process-rate", "process-total");
            String thread = prop(n, "thread-id");
            number(a, "process-rate").ifPresent(v -> out.add(MetricCatalog.STREAMS_PROCESS_RATE.sample(v, thread)));
            number(a, "process-total").ifPresent(v -> out.add(MetricCatalog.STREAMS_PROCESS_TOTAL.sample(v, thread)));
        }
        for (ObjectName n : query("kafka.streams:type=stream-processor-node-metrics,*")) {
            AttributeList a = attrs(n, "record-e2e-latency-avg", "record-e2e-latency-max");
            String[] labels = {prop(n, "thread-id"), prop(n, "task-id"), prop(n, "processor-node-id")};
            // NaN when no record passed the node within the metrics window: written as NaN, not left out
            numberOrNaN(a, "record-e2e-latency-avg").ifPresent(v -> out.add(MetricCatalog.STREAMS_E2E_LATENCY_AVG.sample(v / 1000.0, labels)));
            numberOrNaN(a, "record-e2e-latency-max").ifPresent(v -> out.add(MetricCatalog.STREAMS_E2E_LATENCY_MAX.sample(v / 1000.0, labels)));
        }
        for (ObjectName n : query("kafka.streams:type=stream-task-metrics,*")) {
            var v = number(attrs(n, "dropped-records-total"), "dropped-records-total");
            if (v.isPresent()) {
                out.add(MetricCatalog.STREAMS_DROPPED.sample(v.getAsDouble(), prop(n, "thread-id"), prop(n, "task-id")));
                enrichRejected = add(enrichRejected, v.getAsDouble());
            }
        }
        for (ObjectName n : query("kafka.streams:type=stream-metrics,*")) {
            AttributeList a = attrs(n, "client-state", "alive-stream-threads");
            String client = prop(n, "client-id");
            string(a, "client-state").ifPresent(s -> out.add(MetricCatalog.STREAMS_STATE.sample(1, client, streamsState(s))));
            number(a, "alive-stream-threads").ifPresent(v -> out.add(MetricCatalog.STREAMS_ALIVE_THREADS.sample(v, client)));
        }
        for (ObjectName n : query("kafka.streams:type=stream-" + io.wirestream.schemas.PipelineNames.ENRICH_METRIC_SCOPE + "-metrics,*")) {
            String task = prop(n, io.wirestream.schemas.PipelineNames.ENRICH_METRIC_SCOPE + "-id");
            for (Attribute attr : allAttrs(n)) {
                if (attr.getName().endsWith("-total") && attr.getValue() instanceof Number num && !Double.isNaN(num.doubleValue())) {
                    String op = attr.getName().substring(0, attr.getName().length() - "-total".length());
                    out.add(MetricCatalog.ENRICH_RECORDS.sample(num.doubleValue(), task, op));
                }
            }
        }
        for (ObjectName n : query("kafka.connect:type=connector-metrics,*")) {
            string(attrs(n, "status"), "status").ifPresent(s -> out.add(MetricCatalog.CONNECT_CONNECTOR_STATUS.sample(1, prop(n, "connector"), s)));
        }
        for (ObjectName n : query("kafka.connect:type=connector-task-metrics,*")) {
            string(attrs(n, "status"), "status").ifPresent(s -> out.add(MetricCatalog.CONNECT_TASK_STATUS.sample(1, prop(n, "connector"), prop(n, "task"), s)));
        }
        for (ObjectName n : query("kafka.connect:type=sink-task-metrics,*")) {
            AttributeList a = attrs(n, "sink-record-read-total", "sink-record-send-total", "sink-record-send-rate");
            String c = prop(n, "connector");
            String t = prop(n, "task");
            number(a, "sink-record-read-total").ifPresent(v -> out.add(MetricCatalog.CONNECT_SINK_READ.sample(v, c, t)));
            number(a, "sink-record-send-total").ifPresent(v -> out.add(MetricCatalog.CONNECT_SINK_SENT.sample(v, c, t)));
            number(a, "sink-record-send-rate").ifPresent(v -> out.add(MetricCatalog.CONNECT_SINK_RATE.sample(v, c, t)));
        }
        for (ObjectName n : query("kafka.connect:type=task-error-metrics,*")) {
            AttributeList a = attrs(n, "total-record-errors", "total-records-skipped", "deadletterqueue-produce-requests");
            String c = prop(n, "connector");
            String t = prop(n, "task");
            number(a, "total-record-errors").ifPresent(v -> out.add(MetricCatalog.CONNECT_ERRORS.sample(v, c, t)));
            number(a, "deadletterqueue-produce-requests").ifPresent(v -> out.add(MetricCatalog.CONNECT_DLQ.sample(v, c, t)));
            var skipped = number(a, "total-records-skipped");
            if (skipped.isPresent()) {
                out.add(MetricCatalog.CONNECT_SKIPPED.sample(skipped.getAsDouble(), c, t));
                sinkRejected = add(sinkRejected, skipped.getAsDouble());
            }
        }
        for (SinkRetryBean b : sinkRetryBeans()) {
            out.add(MetricCatalog.SINK_TASK_RETRYING.sample("RETRYING".equals(b.state()) ? 1 : 0, b.connector(), Integer.toString(b.task())));
            out.add(MetricCatalog.SINK_TASK_RETRY_ATTEMPTS.sample(b.attempts(), b.connector(), Integer.toString(b.task())));
        }
        // ingest's IngestMetrics (Kafka metrics group wirestream-ingest), when registered with a JmxReporter, any domain
        for (ObjectName n : query("*:type=wirestream-ingest,*")) {
            var v = number(attrs(n, "inputs-rejected-total"), "inputs-rejected-total");
            if (v.isPresent()) {
                ingestRejected = add(ingestRejected, v.getAsDouble());
            }
        }
        if (!Double.isNaN(ingestRejected)) {
            out.add(MetricCatalog.REJECTED.sample(ingestRejected, "ingest"));
        }
        if (!Double.isNaN(enrichRejected)) {
            out.add(MetricCatalog.REJECTED.sample(enrichRejected, "enrich"));
        }
        if (!Double.isNaN(sinkRejected)) {
            out.add(MetricCatalog.REJECTED.sample(sinkRejected, "sink"));
        }
        return out;
    }

    /** The sink's {@code SinkTaskRetry} MBean ({@code wirestream.sink:type=sink-task-retry,connector=..,task=..}) as read. */
    private record SinkRetryBean(String connector, int task, String state, String system, String reason, long sinceMs, int attempts) { }

    private List<SinkRetryBean> sinkRetryBeans() {
        List<SinkRetryBean> out = new ArrayList<>();
        for (ObjectName n : query("wirestream.sink:type=sink-task-retry,*")) {
            AttributeList a = attrs(n, "State", "System", "Reason", "SinceEpochMs", "Attempts");
            int task;
            try {
                task = Integer.parseInt(prop(n, "task"));
            } catch (NumberFormatException e) {
                continue;
            }
            out.add(new SinkRetryBean(prop(n, "connector"), task, string(a, "State").orElse(""), string(a, "System").orElse("its database"),
                string(a, "Reason").orElse(""), (long) number(a, "SinceEpochMs").orElse(0), (int) number(a, "Attempts").orElse(0)));
        }
        return out;
    }

    /**
     * The sink tasks in this JVM that wait for their database and retry (their {@code SinkTaskRetry} MBean says
     * RETRYING), for {@link io.wirestream.ops.lag.LagMonitor#withSinkRetries}.
     */
    public List<SinkRetry> sinkRetries() {
        return sinkRetryBeans().stream().filter(b -> "RETRYING".equals(b.state()))
            .map(b -> new SinkRetry(b.connector(), b.task(), b.system(), b.reason(), Instant.ofEpochMilli(b.sinceMs()), b.attempts()))
            .toList();
    }

    private static double add(double sum, double v) {
        return Double.isNaN(sum) ? v : sum + v;
    }

    private Set<ObjectName> query(String pattern) {
        try {
            return server.queryNames(new ObjectName(pattern), null);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(pattern, e);
        }
    }

    /** Reads only attributes the MBean declares (Kafka's JmxReporter logs a WARN with a stack trace for any other). */
    private AttributeList attrs(ObjectName n, String... names) {
        try {
            Set<String> declared = new java.util.HashSet<>();
            for (var a : server.getMBeanInfo(n).getAttributes()) {
                declared.add(a.getName());
            }
            String[] present = java.util.Arrays.stream(names).filter(declared::contains).toArray(String[]::new);
            return present.length == 0 ? new AttributeList() : server.getAttributes(n, present);
        } catch (Exception e) {
            return new AttributeList(); // the MBean went away between query and read
        }
    }

    private List<Attribute> allAttrs(ObjectName n) {
        try {
            var info = server.getMBeanInfo(n);
            String[] names = java.util.Arrays.stream(info.getAttributes()).map(a -> a.getName()).toArray(String[]::new);
            return server.getAttributes(n, names).asList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String prop(ObjectName n, String key) {
        String v = n.getKeyProperty(key);
        return v == null ? "" : v.startsWith("\"") ? ObjectName.unquote(v) : v;
    }

    private static java.util.OptionalDouble number(AttributeList list, String name) {
        for (Attribute a : list.asList()) {
            if (a.getName().equals(name) && a.getValue() instanceof Number num && !Double.isNaN(num.doubleValue())
                && !Double.isInfinite(num.doubleValue())) {
                return java.util.OptionalDouble.of(num.doubleValue());
            }
        }
        return java.util.OptionalDouble.empty();
    }

    private static java.util.OptionalDouble numberOrNaN(AttributeList list, String name) {
        for (Attribute a : list.asList()) {
            if (a.getName().equals(name) && a.getValue() instanceof Number num) {
                return java.util.OptionalDouble.of(num.doubleValue());
            }
        }
        return java.util.OptionalDouble.empty();
    }

    /** Kafka Streams' {@code KafkaStreams.State} in declaration order: the client-state metric reports the ordinal. */
    private static final List<String> STREAMS_STATES = List.of("CREATED", "REBALANCING", "RUNNING", "PENDING_SHUTDOWN",
        "NOT_RUNNING", "PENDING_ERROR", "ERROR");

    static String streamsState(String value) {
        try {
            int i = (int) Double.parseDouble(value);
            return i >= 0 && i < STREAMS_STATES.size() ? STREAMS_STATES.get(i) : value;
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static java.util.Optional<String> string(AttributeList list, String name) {
        for (Attribute a : list.asList()) {
            if (a.getName().equals(name) && a.getValue() != null) {
                return java.util.Optional.of(String.valueOf(a.getValue()));
            }
        }
        return java.util.Optional.empty();
    }
}

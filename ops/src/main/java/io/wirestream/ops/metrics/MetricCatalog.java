package io.wirestream.ops.metrics;

import java.util.List;

/**
 * Every metric the ops process exposes on {@code /metrics}, in one place: names carry their unit
 * ({@code _seconds}, {@code _offsets}, {@code _total} for counters), and the README lists each of them
 * (a test checks it does).
 */
public final class MetricCatalog {

    private MetricCatalog() {
    }

    // --- consumer lag -------------------------------------------------------------------------------------
    public static final MetricDef LAG_OFFSETS = MetricDef.gauge("wirestream_consumergroup_lag_offsets",
        "Offsets the group has still to read on the partition: log-end offset minus committed offset.", "group", "topic", "partition");
    public static final MetricDef LAG_SECONDS = MetricDef.gauge("wirestream_consumergroup_lag_seconds",
        "How long ago the first record the group has not read was written, estimated from the partition's end-offset timeline.", "group", "topic", "partition");
    public static final MetricDef COMMITTED_OFFSET = MetricDef.gauge("wirestream_consumergroup_committed_offset",
        "The group's committed offset on the partition (the next offset it will read).", "group", "topic", "partition");
    public static final MetricDef PARTITION_STATUS = MetricDef.gauge("wirestream_consumergroup_partition_status",
        "1 for the partition's current status, 0 for the others (OK, WARN, REWIND, STALL, STOP, ERR).", "group", "topic", "partition", "status");
    public static final MetricDef GROUP_LAG_OFFSETS = MetricDef.gauge("wirestream_consumergroup_total_lag_offsets",
        "Sum of the group's lag in offsets over its partitions.", "group");
    public static final MetricDef GROUP_MAX_LAG_OFFSETS = MetricDef.gauge("wirestream_consumergroup_max_lag_offsets",
        "The largest lag in offsets among the group's partitions.", "group");
    public static final MetricDef GROUP_MAX_LAG_SECONDS = MetricDef.gauge("wirestream_consumergroup_max_lag_seconds",
        "The largest lag in seconds among the group's partitions.", "group");
    public static final MetricDef GROUP_MEMBERS = MetricDef.gauge("wirestream_consumergroup_members",
        "Active members of the group (0: nobody consumes; the group is still reported).", "group");
    public static final MetricDef GROUP_STATUS = MetricDef.gauge("wirestream_consumergroup_status",
        "1 for the group's current status, 0 for the others (OK, WARN, REWIND, STALL, STOP, ERR).", "group", "status");
    public static final MetricDef GROUP_STATUS_CODE = MetricDef.gauge("wirestream_consumergroup_status_code",
        "The group's status as a number by severity: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 RETRYING, 5 STOP, 6 ERR.", "group");
    public static final MetricDef GROUP_ALERT = MetricDef.gauge("wirestream_consumergroup_alert",
        "1 when the group's alert rule fires (rule lag_seconds or status), else 0.", "group", "rule");
    public static final MetricDef PARTITION_LOG_END_OFFSET = MetricDef.gauge("wirestream_partition_log_end_offset",
        "Log-end offset of a partition some watched group reads (read_committed: the last stable offset).", "topic", "partition");
    public static final MetricDef PARTITION_LOG_START_OFFSET = MetricDef.gauge("wirestream_partition_log_start_offset",
        "Log-start offset of a partition some watched group reads.", "topic", "partition");
    public static final MetricDef LAG_POLL_TIMESTAMP = MetricDef.gauge("wirestream_lag_poll_timestamp_seconds",
        "Unix time of the last lag poll.");
    public static final MetricDef LAG_POLL_UP = MetricDef.gauge("wirestream_lag_poll_up",
        "1 when the last lag poll reached the cluster, 0 when it failed (the lag values are then the last good ones).");
    public static final MetricDef GROUPS = MetricDef.gauge("wirestream_consumergroups",
        "Watched consumer groups, by status.", "status");

    // --- pipeline counters, read from Kafka -----------------------------------------------------------------
    public static final MetricDef INGESTED = MetricDef.counter("wirestream_pipeline_ingested_total",
        "Records ingested: sum of the log-end offsets of the raw topic (news.raw).", "topic");
    public static final MetricDef ENRICHED = MetricDef.counter("wirestream_pipeline_enriched_total",
        "Offsets enrich has written to the enriched topic (news.enriched): the sum of its log-end offsets. Not a story "
            + "count: enrich writes exactly-once and every transaction adds a commit marker to each partition it wrote, "
            + "so with few stories per transaction this reads up to twice the stories. Compare it with sunk_total.", "topic");
    public static final MetricDef DEAD_LETTERED = MetricDef.counter("wirestream_pipeline_dead_lettered_total",
        "Offsets of the DLQ topic (news.dlq): the sum of its log-end offsets. Enrich dead-letters inside its "
            + "exactly-once transactions, so commit markers count too: a rise means new dead letters, the total is not "
            + "their number.", "topic");
    public static final MetricDef SUNK = MetricDef.counter("wirestream_pipeline_sunk_total",
        "Offsets of the enriched topic a sink has written and committed: the sum of the sink group's committed "
            + "offsets, transaction markers included up to its position; caught up when equal to enriched_total "
            + "(or one short per partition: a sink commits its last record + 1, before the marker).", "group", "topic");
    public static final MetricDef REJECTED = MetricDef.counter("wirestream_pipeline_rejected_total",
        "Records rejected, by stage: enrich = Kafka Streams dropped-records-total, sink = Connect total-records-skipped, "
            + "ingest = inputs-rejected-total of the wirestream-ingest metrics group; each from JMX when that stage runs in this process.", "stage");
    public static final MetricDef TOPIC_PARTITIONS = MetricDef.gauge("wirestream_pipeline_topic_partitions",
        "Partitions of each pipeline topic (0 when the topic does not exist yet).", "topic");

    // --- Kafka Streams, from JMX (same process) --------------------------------------------------------------
    public static final MetricDef STREAMS_PROCESS_RATE = MetricDef.gauge("wirestream_streams_process_records_per_second",
        "Kafka Streams stream-thread-metrics process-rate: records processed per second, per thread.", "thread_id");
    public static final MetricDef STREAMS_PROCESS_TOTAL = MetricDef.counter("wirestream_streams_process_records_total",
        "Kafka Streams stream-thread-metrics process-total: records processed, per thread.", "thread_id");
    public static final MetricDef STREAMS_E2E_LATENCY_AVG = MetricDef.gauge("wirestream_streams_record_e2e_latency_avg_seconds",
        "Kafka Streams record-e2e-latency-avg (record timestamp to processing) per task and source/terminal node.", "thread_id", "task_id", "processor_node_id");
    public static final MetricDef STREAMS_E2E_LATENCY_MAX = MetricDef.gauge("wirestream_streams_record_e2e_latency_max_seconds",
        "Kafka Streams record-e2e-latency-max per task and source/terminal node.", "thread_id", "task_id", "processor_node_id");
    public static final MetricDef STREAMS_DROPPED = MetricDef.counter("wirestream_streams_dropped_records_total",
        "Kafka Streams stream-task-metrics dropped-records-total: records dropped by error handlers, per task.", "thread_id", "task_id");
    public static final MetricDef STREAMS_STATE = MetricDef.gauge("wirestream_streams_client_state",
        "1 for the Kafka Streams client's current state (RUNNING, REBALANCING, ERROR, ...).", "client_id", "state");
    public static final MetricDef STREAMS_ALIVE_THREADS = MetricDef.gauge("wirestream_streams_alive_threads",
        "Kafka Streams alive-stream-threads per client.", "client_id");
    public static final MetricDef ENRICH_RECORDS = MetricDef.counter("wirestream_enrich_records_total",
        "The enrich app's own counters (stream-wirestream-enrich-metrics *-total): enriched, killed, duplicate-dropped, stale-dropped, tombstone-skipped.", "task_id", "operation");

    // --- Kafka Connect, from JMX (same process) --------------------------------------------------------------
    public static final MetricDef CONNECT_CONNECTOR_STATUS = MetricDef.gauge("wirestream_connect_connector_status",
        "1 for the connector's current status (running, paused, failed, unassigned, ...).", "connector", "status");
    public static final MetricDef CONNECT_TASK_STATUS = MetricDef.gauge("wirestream_connect_task_status",
        "1 for the task's current status (running, paused, failed, unassigned, ...).", "connector", "task", "status");
    public static final MetricDef CONNECT_SINK_READ = MetricDef.counter("wirestream_connect_sink_records_read_total",
        "Connect sink-task-metrics sink-record-read-total: records read from Kafka by the task.", "connector", "task");
    public static final MetricDef CONNECT_SINK_SENT = MetricDef.counter("wirestream_connect_sink_records_sent_total",
        "Connect sink-task-metrics sink-record-send-total: records handed to the task's put().", "connector", "task");
    public static final MetricDef CONNECT_SINK_RATE = MetricDef.gauge("wirestream_connect_sink_records_sent_per_second",
        "Connect sink-task-metrics sink-record-send-rate.", "connector", "task");
    public static final MetricDef CONNECT_ERRORS = MetricDef.counter("wirestream_connect_task_record_errors_total",
        "Connect task-error-metrics total-record-errors.", "connector", "task");
    public static final MetricDef CONNECT_SKIPPED = MetricDef.counter("wirestream_connect_task_records_skipped_total",
        "Connect task-error-metrics total-records-skipped.", "connector", "task");
    public static final MetricDef CONNECT_DLQ = MetricDef.counter("wirestream_connect_task_dead_letter_produce_requests_total",
        "Connect task-error-metrics deadletterqueue-produce-requests.", "connector", "task");
    public static final MetricDef SINK_TASK_RETRYING = MetricDef.gauge("wirestream_sink_task_retrying",
        "1 while the sink task waits for its database and retries (the sink's SinkTaskRetry MBean), else 0.", "connector", "task");
    public static final MetricDef SINK_TASK_RETRY_ATTEMPTS = MetricDef.gauge("wirestream_sink_task_retry_attempts",
        "Failed attempts in a row of the sink task's current outage (0 while it writes).", "connector", "task");

    private static final List<MetricDef> ALL = List.of(
        LAG_OFFSETS, LAG_SECONDS, COMMITTED_OFFSET, PARTITION_STATUS, GROUP_LAG_OFFSETS, GROUP_MAX_LAG_OFFSETS, GROUP_MAX_LAG_SECONDS,
        GROUP_MEMBERS, GROUP_STATUS, GROUP_STATUS_CODE, GROUP_ALERT, PARTITION_LOG_END_OFFSET, PARTITION_LOG_START_OFFSET,
        LAG_POLL_TIMESTAMP, LAG_POLL_UP, GROUPS,
        INGESTED, ENRICHED, DEAD_LETTERED, SUNK, REJECTED, TOPIC_PARTITIONS,
        STREAMS_PROCESS_RATE, STREAMS_PROCESS_TOTAL, STREAMS_E2E_LATENCY_AVG, STREAMS_E2E_LATENCY_MAX, STREAMS_DROPPED,
        STREAMS_STATE, STREAMS_ALIVE_THREADS, ENRICH_RECORDS,
        CONNECT_CONNECTOR_STATUS, CONNECT_TASK_STATUS, CONNECT_SINK_READ, CONNECT_SINK_SENT, CONNECT_SINK_RATE,
        CONNECT_ERRORS, CONNECT_SKIPPED, CONNECT_DLQ, SINK_TASK_RETRYING, SINK_TASK_RETRY_ATTEMPTS);

    /** Every metric, in the order {@code /metrics} writes them. */
    public static List<MetricDef> all() {
        return ALL;
    }

    /** The catalog as a Markdown table (name, type, labels, meaning), for the README. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| metric | type | labels | meaning |\n| --- | --- | --- | --- |\n");
        for (MetricDef d : ALL) {
            sb.append("| `").append(d.name()).append("` | ").append(d.type().prometheusName()).append(" | ")
                .append(d.labels().isEmpty() ? "" : "`" + String.join("`, `", d.labels()) + "`").append(" | ")
                .append(d.help()).append(" |\n");
        }
        return sb.toString();
    }
}

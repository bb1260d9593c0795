package io.wirestream.schemas;

/**
 * The names that cross modules, in one place: what one module creates under a name another module looks up (a
 * consumer group ops reads, a metric scope ops scrapes, a connector whose group {@code up} waits for). Topic names
 * are in {@link io.wirestream.schemas.topic.Topics}.
 */
public final class PipelineNames {

    /** enrich's Kafka Streams application id: its consumer group, transactional ids and internal topic prefix. */
    public static final String ENRICH_APPLICATION_ID = "wirestream-enrich";
    /** Scope of enrich's own processor sensors: JMX group {@code stream-wirestream-enrich-metrics}, tag {@code wirestream-enrich-id}. */
    public static final String ENRICH_METRIC_SCOPE = "wirestream-enrich";
    /** Metric group of ingest's publisher. */
    public static final String INGEST_METRIC_GROUP = "wirestream-ingest";
    /** The JSON Lines sink connector as {@code up} and {@code sink} register it. */
    public static final String JSONL_CONNECTOR = "wirestream-jsonl";
    /** The PostgreSQL sink connector as {@code up} and {@code sink} register it. */
    public static final String POSTGRES_CONNECTOR = "wirestream-postgres";

    private PipelineNames() {
    }

    /** The consumer group Kafka Connect gives a sink connector: {@code connect-<name>}. */
    public static String sinkGroup(String connector) {
        return "connect-" + connector;
    }
}

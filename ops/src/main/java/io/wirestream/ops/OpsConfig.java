package io.wirestream.ops;

import io.wirestream.ops.lag.LagMonitorSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the ops process: where the cluster is, how the lag monitor polls and judges, the HTTP server,
 * the pipeline's topics, and alert thresholds. The alert keys are the alerting concern's own
 * ({@link io.wirestream.ops.alert.AlertConfig} declares the defaults into this ConfigDef, {@link #alertRules()} reads
 * the per-group ones), so the alert package does not depend on this class; the constructor validates them. Keys starting with {@code kafka.} go to Kafka's Admin client
 * without the prefix (e.g. {@code kafka.security.protocol}).
 */
public final class OpsConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka bootstrap servers of the cluster to watch.";

    public static final String KAFKA_PREFIX = "kafka.";

    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    private static final String REQUEST_TIMEOUT_MS_DOC = "How long one Admin request to the cluster may take before the poll counts as failed.";

    public static final String LAG_POLL_INTERVAL_MS_CONFIG = "lag.poll.interval.ms";
    private static final String LAG_POLL_INTERVAL_MS_DOC = "Time between two polls of group offsets and partition end offsets.";

    public static final String LAG_WINDOW_MS_CONFIG = "lag.window.ms";
    private static final String LAG_WINDOW_MS_DOC = "The status window: WARN looks at the lag trend within it, STOP/STALL need the committed "
        + "offset unchanged for this long, REWIND lasts this long. Must be longer than the consumers' commit interval "
        + "(Kafka Connect commits every 60 s by default) and at least the poll interval.";

    public static final String LAG_TIMELINE_SAMPLES_CONFIG = "lag.timeline.samples";
    private static final String LAG_TIMELINE_SAMPLES_DOC = "End-offset samples kept per partition for lag in seconds (flat stretches take two samples). "
        + "A consumer further behind than the timeline reaches is extrapolated at the timeline's average rate.";

    public static final String GROUPS_INCLUDE_CONFIG = "groups.include";
    private static final String GROUPS_INCLUDE_DOC = "Regular expression; only groups whose whole id matches are watched.";

    public static final String GROUPS_EXCLUDE_CONFIG = "groups.exclude";
    private static final String GROUPS_EXCLUDE_DOC = "Regular expression; groups whose whole id matches are not watched, even when included. Empty: none excluded.";

    public static final String HTTP_HOST_CONFIG = "http.host";
    private static final String HTTP_HOST_DOC = "Address the HTTP server (dashboard, /metrics, /api) binds to; 0.0.0.0 for all interfaces.";

    public static final String HTTP_PORT_CONFIG = "http.port";
    private static final String HTTP_PORT_DOC = "Port of the HTTP server; 0 picks a free one.";

    public static final String HISTORY_RETENTION_MS_CONFIG = "history.retention.ms";
    private static final String HISTORY_RETENTION_MS_DOC = "How far back the dashboard's charts go (kept in memory, one point per poll).";

    public static final String HISTORY_MAX_SERIES_CONFIG = "history.max.series";
    private static final String HISTORY_MAX_SERIES_DOC = "At most this many lines per chart are kept (the first groups seen); bounds memory with many groups.";

    public static final String TOPICS_PREFIX_CONFIG = "topics.prefix";
    private static final String TOPICS_PREFIX_DOC = "Prefix of the pipeline's topics (news.raw, news.enriched, news.dlq with the default).";

    public static final String PIPELINE_SINK_GROUPS_CONFIG = "pipeline.sink.groups";
    private static final String PIPELINE_SINK_GROUPS_DOC = "Regular expression of the consumer groups whose commits on the enriched topic count as 'sunk' "
        + "(Kafka Connect names a sink connector's group connect-<connector>).";

    /** The alert keys are the alerting concern's ({@link io.wirestream.ops.alert.AlertConfig}); these name them for callers. */
    public static final String ALERT_DEFAULT_LAG_SECONDS_MAX_CONFIG = io.wirestream.ops.alert.AlertConfig.DEFAULT_LAG_SECONDS_MAX_CONFIG;
    public static final String ALERT_DEFAULT_STATUSES_CONFIG = io.wirestream.ops.alert.AlertConfig.DEFAULT_STATUSES_CONFIG;

    public static final ConfigDef CONFIG_DEF = define(new ConfigDef());

    public OpsConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        try {
            includePattern();
            excludePattern();
            Pattern.compile(getString(PIPELINE_SINK_GROUPS_CONFIG));
        } catch (PatternSyntaxException e) {
            throw new ConfigException("bad regular expression: " + e.getMessage());
        }
        if (getLong(LAG_WINDOW_MS_CONFIG) < getLong(LAG_POLL_INTERVAL_MS_CONFIG)) {
            throw new ConfigException(LAG_WINDOW_MS_CONFIG, getLong(LAG_WINDOW_MS_CONFIG),
                "must be at least " + LAG_POLL_INTERVAL_MS_CONFIG + " (" + getLong(LAG_POLL_INTERVAL_MS_CONFIG) + ")");
        }
        alertRules(); // validates the per-group alert keys
    }

    public static ConfigDef define(ConfigDef def) {
        String g = "Cluster";
        int o = 0;
        def.define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "127.0.0.1:9092", Importance.HIGH, BOOTSTRAP_SERVERS_DOC, g, ++o, ConfigDef.Width.LONG, "Bootstrap servers");
        def.define(REQUEST_TIMEOUT_MS_CONFIG, Type.LONG, 15_000L, Range.atLeast(100), Importance.LOW, REQUEST_TIMEOUT_MS_DOC, g, ++o, ConfigDef.Width.SHORT, "Request timeout");
        g = "Lag";
        o = 0;
        def.define(LAG_POLL_INTERVAL_MS_CONFIG, Type.LONG, LagMonitorSettings.DEFAULT_POLL_INTERVAL.toMillis(), Range.atLeast(100), Importance.MEDIUM, LAG_POLL_INTERVAL_MS_DOC, g, ++o, ConfigDef.Width.SHORT, "Poll interval");
        def.define(LAG_WINDOW_MS_CONFIG, Type.LONG, LagMonitorSettings.DEFAULT_WINDOW.toMillis(), Range.atLeast(100), Importance.MEDIUM, LAG_WINDOW_MS_DOC, g, ++o, ConfigDef.Width.SHORT, "Status window");
        def.define(LAG_TIMELINE_SAMPLES_CONFIG, Type.INT, LagMonitorSettings.DEFAULT_TIMELINE_SAMPLES, Range.between(2, 100_000), Importance.LOW, LAG_TIMELINE_SAMPLES_DOC, g, ++o, ConfigDef.Width.SHORT, "Timeline samples");
        def.define(GROUPS_INCLUDE_CONFIG, Type.STRING, ".*", Importance.MEDIUM, GROUPS_INCLUDE_DOC, g, ++o, ConfigDef.Width.MEDIUM, "Include groups");
        def.define(GROUPS_EXCLUDE_CONFIG, Type.STRING, "", Importance.MEDIUM, GROUPS_EXCLUDE_DOC, g, ++o, ConfigDef.Width.MEDIUM, "Exclude groups");
        g = "HTTP";
        o = 0;
        def.define(HTTP_HOST_CONFIG, Type.STRING, "127.0.0.1", Importance.MEDIUM, HTTP_HOST_DOC, g, ++o, ConfigDef.Width.MEDIUM, "HTTP host");
        def.define(HTTP_PORT_CONFIG, Type.INT, 8090, Range.between(0, 65535), Importance.MEDIUM, HTTP_PORT_DOC, g, ++o, ConfigDef.Width.SHORT, "HTTP port");
        def.define(HISTORY_RETENTION_MS_CONFIG, Type.LONG, 3_600_000L, Range.atLeast(1_000), Importance.LOW, HISTORY_RETENTION_MS_DOC, g, ++o, ConfigDef.Width.SHORT, "Chart history");
        def.define(HISTORY_MAX_SERIES_CONFIG, Type.INT, 50, Range.between(1, 1_000), Importance.LOW, HISTORY_MAX_SERIES_DOC, g, ++o, ConfigDef.Width.SHORT, "Lines per chart");
        g = "Pipeline";
        o = 0;
        def.define(TOPICS_PREFIX_CONFIG, Type.STRING, "news.", Importance.MEDIUM, TOPICS_PREFIX_DOC, g, ++o, ConfigDef.Width.SHORT, "Topic prefix");
        def.define(PIPELINE_SINK_GROUPS_CONFIG, Type.STRING, "connect-.*", Importance.LOW, PIPELINE_SINK_GROUPS_DOC, g, ++o, ConfigDef.Width.MEDIUM, "Sink groups");
        return io.wirestream.ops.alert.AlertConfig.define(def);
    }

    public Pattern includePattern() {
        return Pattern.compile(getString(GROUPS_INCLUDE_CONFIG));
    }

    public Pattern excludePattern() {
        String ex = getString(GROUPS_EXCLUDE_CONFIG);
        return Pattern.compile(ex.isEmpty() ? "$^" : ex);
    }

    public LagMonitorSettings lagMonitorSettings() {
        return new LagMonitorSettings(Duration.ofMillis(getLong(LAG_POLL_INTERVAL_MS_CONFIG)), Duration.ofMillis(getLong(LAG_WINDOW_MS_CONFIG)),
            getInt(LAG_TIMELINE_SAMPLES_CONFIG), includePattern(), excludePattern());
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS_CONFIG));
    }

    /** Properties for Kafka's Admin client: bootstrap servers plus every {@code kafka.*} key without the prefix. */
    public Map<String, Object> adminProps() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(KAFKA_PREFIX));
        props.put("bootstrap.servers", getString(BOOTSTRAP_SERVERS_CONFIG));
        return props;
    }

    /** The alert rules of this config: the alerting concern reads its own keys ({@link io.wirestream.ops.alert.AlertConfig}). */
    public io.wirestream.ops.alert.AlertRules alertRules() {
        return io.wirestream.ops.alert.AlertRules.from(originals());
    }

    /** Renders the config docs as a Markdown table (for the README). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key | type | default | meaning |\n| --- | --- | --- | --- |\n");
        for (ConfigDef.ConfigKey key : CONFIG_DEF.configKeys().values()) {
            Object dflt = key.hasDefault() ? key.defaultValue : "(required)";
            if (dflt instanceof List<?> l) {
                dflt = String.join(",", l.stream().map(String::valueOf).toList());
            }
            String shown = String.valueOf(dflt).isEmpty() ? "(empty)" : "`" + dflt + "`";
            sb.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                .append(shown).append(" | ").append(key.documentation).append(" |\n");
        }
        return sb.toString();
    }
}

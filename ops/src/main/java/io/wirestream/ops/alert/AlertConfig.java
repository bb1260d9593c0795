package io.wirestream.ops.alert;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The alerting concern's own configuration (the way cruise-control gives each concern its config class): the
 * default rule's keys, declared here and added to the ops service's {@code ConfigDef} by {@link #define}; the per-group
 * keys ({@code alert.<group>.lag.seconds.max}, {@code alert.<group>.statuses}) cannot be declared up front and are read
 * by {@link AlertRules#from(Map)}. Nothing here knows the ops service's config.
 */
public final class AlertConfig extends AbstractConfig {

    public static final String DEFAULT_LAG_SECONDS_MAX_CONFIG = "alert.default.lag.seconds.max";
    private static final String DEFAULT_LAG_SECONDS_MAX_DOC = "Alert when a group's max lag in seconds is above this; a negative value turns the rule off. "
        + "Per group: alert.<group>.lag.seconds.max.";

    public static final String DEFAULT_STATUSES_CONFIG = "alert.default.statuses";
    private static final String DEFAULT_STATUSES_DOC = "Alert when a group is in one of these statuses (OK, WARN, REWIND, STALL, STOP, ERR); empty turns the rule off. "
        + "Per group: alert.<group>.statuses.";

    static final ConfigDef CONFIG_DEF = define(new ConfigDef());

    /** The alert keys among {@code props} (other keys are left alone). */
    public AlertConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    /** Adds the alert keys, group "Alerts", to {@code def}. */
    public static ConfigDef define(ConfigDef def) {
        String g = "Alerts";
        int o = 0;
        def.define(DEFAULT_LAG_SECONDS_MAX_CONFIG, Type.DOUBLE, 300.0, Importance.MEDIUM, DEFAULT_LAG_SECONDS_MAX_DOC, g, ++o, ConfigDef.Width.SHORT, "Max lag seconds");
        def.define(DEFAULT_STATUSES_CONFIG, Type.LIST, "ERR,STOP", Importance.MEDIUM, DEFAULT_STATUSES_DOC, g, ++o, ConfigDef.Width.MEDIUM, "Alerting statuses");
        return def;
    }

    public double defaultLagSecondsMax() {
        return getDouble(DEFAULT_LAG_SECONDS_MAX_CONFIG);
    }

    public java.util.List<String> defaultStatuses() {
        return getList(DEFAULT_STATUSES_CONFIG);
    }
}

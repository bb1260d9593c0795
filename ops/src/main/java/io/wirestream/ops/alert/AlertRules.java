package io.wirestream.ops.alert;

import io.wirestream.ops.lag.GroupStatus;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The alert thresholds: a default rule and overrides per group, from config keys
 * {@code alert.default.lag.seconds.max}, {@code alert.default.statuses}, {@code alert.<group>.lag.seconds.max},
 * {@code alert.<group>.statuses}. Group ids may contain dots; the key's suffix decides which rule it sets.
 * An override replaces only the rule it names; the other one comes from the default.
 */
public final class AlertRules {

    static final String PREFIX = "alert.";
    static final String LAG_SUFFIX = ".lag.seconds.max";
    static final String STATUSES_SUFFIX = ".statuses";

    private final AlertRule defaults;
    private final Map<String, AlertRule> perGroup;

    public AlertRules(AlertRule defaults, Map<String, AlertRule> perGroup) {
        this.defaults = defaults;
        this.perGroup = Map.copyOf(perGroup);
    }

    /** The rules among {@code props} (a whole service config: keys outside {@code alert.} are left alone). */
    public static AlertRules from(Map<?, ?> props) {
        AlertConfig config = new AlertConfig(props);
        AlertRule defaults = new AlertRule(config.defaultLagSecondsMax(),
            parseStatuses(AlertConfig.DEFAULT_STATUSES_CONFIG, config.defaultStatuses()));
        Map<String, Double> lag = new HashMap<>();
        Map<String, Set<GroupStatus>> statuses = new HashMap<>();
        props.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!key.startsWith(PREFIX) || key.startsWith(PREFIX + "default.")) {
                return;
            }
            if (key.endsWith(LAG_SUFFIX) && key.length() > PREFIX.length() + LAG_SUFFIX.length()) {
                String group = key.substring(PREFIX.length(), key.length() - LAG_SUFFIX.length());
                try {
                    lag.put(group, Double.parseDouble(String.valueOf(v).trim()));
                } catch (NumberFormatException e) {
                    throw new ConfigException(key, v, "must be a number of seconds");
                }
            } else if (key.endsWith(STATUSES_SUFFIX) && key.length() > PREFIX.length() + STATUSES_SUFFIX.length()) {
                String group = key.substring(PREFIX.length(), key.length() - STATUSES_SUFFIX.length());
                String text = v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
                statuses.put(group, parseStatuses(key, text.isBlank() ? List.of() : List.of(text.split(","))));
            } else {
                throw new ConfigException(key, v, "unknown alert key; use alert.<group>" + LAG_SUFFIX + " or alert.<group>" + STATUSES_SUFFIX);
            }
        });
        Map<String, AlertRule> perGroup = new HashMap<>();
        for (String group : union(lag.keySet(), statuses.keySet())) {
            perGroup.put(group, new AlertRule(lag.getOrDefault(group, defaults.lagSecondsMax()),
                statuses.getOrDefault(group, defaults.statuses())));
        }
        return new AlertRules(defaults, perGroup);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static Set<GroupStatus> parseStatuses(String key, List<String> names) {
        Set<GroupStatus> out = EnumSet.noneOf(GroupStatus.class);
        for (String n : names) {
            if (n.isBlank()) {
                continue;
            }
            try {
                out.add(GroupStatus.valueOf(n.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, names, "unknown status '" + n.trim() + "'; one of " + List.of(GroupStatus.values()));
            }
        }
        return out;
    }

    public AlertRule forGroup(String group) {
        return perGroup.getOrDefault(group, defaults);
    }

    public AlertRule defaults() {
        return defaults;
    }
}

package io.wirestream.ops.alert;

import io.wirestream.ops.lag.GroupLag;
import io.wirestream.ops.lag.LagSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link AlertRules} to each lag snapshot. A group whose alert starts firing logs one WARN line
 * ({@code ALERT FIRING group=... reason}); one that stops logs one INFO line ({@code ALERT RESOLVED group=...}).
 * The current states are kept for the API and {@code /metrics}.
 */
public final class AlertEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertRules rules;
    private volatile Map<String, AlertState> states = Map.of();

    public AlertEvaluator(AlertRules rules) {
        this.rules = rules;
    }

    /** Evaluates every group of the snapshot and returns the new states by group id. */
    public synchronized Map<String, AlertState> evaluate(LagSnapshot snapshot) {
        Map<String, AlertState> next = new LinkedHashMap<>();
        for (GroupLag g : snapshot.groups()) {
            AlertRule rule = rules.forGroup(g.group());
            List<String> reasons = new ArrayList<>();
            boolean lag = rule.lagRuleOn() && g.maxLagSeconds() > rule.lagSecondsMax();
            if (lag) {
                reasons.add(String.format(java.util.Locale.ROOT, "lag %.1f s > %.1f s", g.maxLagSeconds(), rule.lagSecondsMax()));
            }
            boolean status = rule.statuses().contains(g.status());
            if (status) {
                reasons.add("status " + g.status() + " (" + g.status().meaning() + ")");
            }
            AlertState previous = states.get(g.group());
            boolean wasFiring = previous != null && previous.firing();
            boolean firing = lag || status;
            var since = previous == null || wasFiring != firing ? snapshot.time() : previous.since();
            AlertState state = new AlertState(g.group(), lag, status, reasons, since);
            if (firing && (!wasFiring || reasonKindsChanged(previous, state) || status && !statusReasonSame(previous, reasons))) {
                LOG.warn("ALERT FIRING group={} {}", g.group(), String.join("; ", reasons));
            } else if (!firing && wasFiring) {
                LOG.info("ALERT RESOLVED group={} (status {}, max lag {} s)", g.group(), g.status(),
                    String.format(java.util.Locale.ROOT, "%.1f", g.maxLagSeconds()));
            }
            next.put(g.group(), state);
        }
        states = Collections.unmodifiableMap(next);
        return states;
    }

    /** The status part of the reasons names the status, so a move from STALL to STOP logs again. */
    private static boolean statusReasonSame(AlertState previous, List<String> reasons) {
        String now = reasons.get(reasons.size() - 1);
        return previous.reasons().contains(now);
    }

    private static boolean reasonKindsChanged(AlertState a, AlertState b) {
        return a.lagFiring() != b.lagFiring() || a.statusFiring() != b.statusFiring();
    }

    public Map<String, AlertState> states() {
        return states;
    }

    public AlertRules rules() {
        return rules;
    }
}

package io.wirestream.ops.alert;

import io.wirestream.ops.lag.GroupStatus;
import java.util.Set;

/**
 * Thresholds for one group.
 *
 * @param lagSecondsMax fire when the group's max lag in seconds is above this; negative: off
 * @param statuses      fire when the group's status is one of these; empty: off
 */
public record AlertRule(double lagSecondsMax, Set<GroupStatus> statuses) {
    public AlertRule {
        statuses = Set.copyOf(statuses);
    }

    public boolean lagRuleOn() {
        return lagSecondsMax >= 0;
    }
}

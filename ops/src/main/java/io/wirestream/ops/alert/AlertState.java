package io.wirestream.ops.alert;

import java.time.Instant;
import java.util.List;

/**
 * Whether a group's alert is firing, and why.
 *
 * @param group      group id
 * @param lagFiring  the lag-seconds rule fires
 * @param statusFiring the status rule fires
 * @param reasons    one line per firing rule (empty when not firing)
 * @param since      when the alert last changed between firing and not firing
 */
public record AlertState(String group, boolean lagFiring, boolean statusFiring, List<String> reasons, Instant since) {
    public AlertState {
        reasons = List.copyOf(reasons);
    }

    public boolean firing() {
        return lagFiring || statusFiring;
    }
}

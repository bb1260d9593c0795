package io.wirestream.ops.lag;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of one poll of the cluster.
 *
 * @param time   when the poll was taken (the monitor's clock)
 * @param groups every group that passed the include/exclude filter, sorted by id
 * @param error  why the last poll failed, if it did (the groups are then those of the last good poll)
 */
public record LagSnapshot(Instant time, List<GroupLag> groups, Optional<String> error) {

    public LagSnapshot {
        groups = List.copyOf(groups);
    }

    public static LagSnapshot empty(Instant time) {
        return new LagSnapshot(time, List.of(), Optional.empty());
    }

    public Optional<GroupLag> group(String id) {
        return groups.stream().filter(g -> g.group().equals(id)).findFirst();
    }

    /** True when any group is ERR or STOP. */
    public boolean failing() {
        return groups.stream().anyMatch(g -> g.status().failing());
    }
}

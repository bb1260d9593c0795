package io.wirestream.ops.lag;

import java.util.Objects;

/**
 * One consumer group as the cluster lists it.
 *
 * @param groupId the group id
 * @param state   the coordinator's state ({@code Stable}, {@code Empty}, {@code PreparingRebalance}, ...; {@code Unknown} when not reported)
 * @param members the number of active members; 0 for a group nobody consumes in right now
 */
public record ConsumerGroupInfo(String groupId, String state, int members) {
    public ConsumerGroupInfo {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(state, "state");
        if (members < 0) {
            throw new IllegalArgumentException("members must be >= 0: " + members);
        }
    }

    /** True when at least one member is in the group. */
    public boolean active() {
        return members > 0;
    }
}

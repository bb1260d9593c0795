package io.wirestream.ops.lag;

/**
 * The health of a partition or a consumer group, from the least to the most severe. A group takes the most
 * severe status of its partitions. The exact rules are in {@link GroupStatusEvaluator}.
 */
public enum GroupStatus {
    /** Caught up, keeping up, or catching up. */
    OK("consumer is keeping up"),
    /** Lag grew over the window while the group was consuming: it is falling behind. */
    WARN("lag is growing over the window"),
    /** The committed offset moved backwards within the window (an offset reset or a replay). */
    REWIND("committed offset went backwards"),
    /** Members are in the group but the committed offset did not move for a whole window while lag > 0. */
    STALL("members present, committed offset not moving while lag > 0"),
    /** A sink task of the group retries its external system (PostgreSQL down): nothing is lost, nothing written yet. */
    RETRYING("sink task waiting for its database, retrying with backoff"),
    /** No member in the group and no commit change for a whole window while lag > 0: nobody is consuming. */
    STOP("no members, no commit for a whole window while lag > 0"),
    /** The committed offset is below the log start offset: records were deleted before the group read them. */
    ERR("committed offset below the log start: unread records were deleted");

    private final String meaning;

    GroupStatus(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** The more severe of the two. */
    public GroupStatus worst(GroupStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** True for the statuses that make {@code wirestream lag} exit non-zero (ERR, STOP). */
    public boolean failing() {
        return this == ERR || this == STOP;
    }
}

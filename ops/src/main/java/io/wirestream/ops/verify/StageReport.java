package io.wirestream.ops.verify;

import java.util.List;

/**
 * The reconciliation of one stage against the stage before it: how many stories it should hold ({@code expected}),
 * how many it holds in their latest version ({@code present}), and by id those it lacks ({@code missing}), holds
 * more than once ({@code duplicated}) or only in an older version ({@code stale}). {@code deadLettered} are ids the
 * pipeline gave up on on purpose (their record is on the dead letter queue): reported, not counted as lost.
 */
public record StageReport(String stage, String where, int expected, int present, List<String> missing,
                          List<String> duplicated, List<String> stale, List<String> deadLettered) {

    public StageReport {
        missing = List.copyOf(missing);
        duplicated = List.copyOf(duplicated);
        stale = List.copyOf(stale);
        deadLettered = List.copyOf(deadLettered);
    }

    /** Nothing lost, nothing twice, nothing out of date. */
    public boolean ok() {
        return missing.isEmpty() && duplicated.isEmpty() && stale.isEmpty();
    }
}

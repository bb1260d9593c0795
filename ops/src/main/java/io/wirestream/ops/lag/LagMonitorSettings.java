package io.wirestream.ops.lag;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the lag monitor polls and judges.
 *
 * @param pollInterval     time between polls
 * @param window           the status window (see {@link GroupStatusEvaluator}); longer than the consumers' commit interval
 * @param timelineSamples  end-offset samples kept per partition (see {@link PartitionTimeline})
 * @param include          groups whose id matches are monitored
 * @param exclude          groups whose id matches are not, even when included
 */
public record LagMonitorSettings(Duration pollInterval, Duration window, int timelineSamples, Pattern include, Pattern exclude) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final int DEFAULT_TIMELINE_SAMPLES = 360;

    public LagMonitorSettings {
        Objects.requireNonNull(include, "include");
        Objects.requireNonNull(exclude, "exclude");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be > 0");
        }
        if (window.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("window (" + window + ") must be at least the poll interval (" + pollInterval + ")");
        }
    }

    public static LagMonitorSettings defaults() {
        return new LagMonitorSettings(DEFAULT_POLL_INTERVAL, DEFAULT_WINDOW, DEFAULT_TIMELINE_SAMPLES, Pattern.compile(".*"), Pattern.compile("$^"));
    }

    public LagMonitorSettings withPollInterval(Duration d) {
        return new LagMonitorSettings(d, window, timelineSamples, include, exclude);
    }

    public LagMonitorSettings withWindow(Duration d) {
        return new LagMonitorSettings(pollInterval, d, timelineSamples, include, exclude);
    }

    public LagMonitorSettings withInclude(String regex) {
        return new LagMonitorSettings(pollInterval, window, timelineSamples, Pattern.compile(regex), exclude);
    }

    public LagMonitorSettings withExclude(String regex) {
        return new LagMonitorSettings(pollInterval, window, timelineSamples, include, Pattern.compile(regex));
    }

    /** True when the group passes the include and exclude patterns (whole-id matches). */
    public boolean monitors(String groupId) {
        return include.matcher(groupId).matches() && !exclude.matcher(groupId).matches();
    }

    /** Observations the status window can hold at this poll interval, with room for jitter. */
    public int windowMaxObservations() {
        long perWindow = window.toMillis() / Math.max(1, pollInterval.toMillis());
        return (int) Math.max(GroupStatusEvaluator.MIN_OBSERVATIONS_FOR_TREND, Math.min(10_000, perWindow * 2 + 2));
    }
}

package io.wirestream.cli.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** The bench's latency histograms: microseconds, up to an hour, three significant digits. */
final class LatencyHistograms {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private LatencyHistograms() {
    }

    static Histogram create() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** Records the time from {@code sentNanos} to {@code nowNanos} ({@link System#nanoTime()}), clamped to 0 .. an hour. */
    static void recordSince(Histogram micros, long sentNanos, long nowNanos) {
        micros.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (nowNanos - sentNanos) / 1000)));
    }
}

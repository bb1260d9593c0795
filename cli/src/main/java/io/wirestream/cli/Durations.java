package io.wirestream.cli;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as people read them in messages: {@code 10 s}, {@code 1.5 s}, {@code 500 ms}, not {@code PT10S}. */
final class Durations {

    private Durations() {
    }

    /** {@code 500 ms} below a second, else seconds with up to three decimals: {@code 10 s}, {@code 1.5 s}, {@code 120 s}. */
    static String words(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }
}

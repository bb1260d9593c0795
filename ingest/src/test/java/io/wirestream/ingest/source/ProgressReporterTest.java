package io.wirestream.ingest.source;

import io.wirestream.ingest.format.ParseException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressReporterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000_000);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void accept(ProgressReporter p) {
        p.accepted("a.xml", "nitf", List.of(), List.of());
    }

    private static void reject(ProgressReporter p) {
        p.rejected("bad.json", "ninjs", ParseException.atLine("ninjs", "invalid JSON", 1, 13));
    }

    @Test
    void offATerminalARejectedSingleInputGivesTheRejectionAndOneCompleteSummaryLine() {
        ProgressReporter progress = new ProgressReporter(err, false, 5_000, now::get);

        reject(progress);
        progress.finish();

        assertThat(printed()).doesNotContain("\r").isEqualTo("""
                rejected bad.json: ninjs: invalid JSON (line 1, column 13)
                ingest: 1 input, 0 accepted, 1 rejected
                """);
    }

    @Test
    void offATerminalProgressLinesComeAtMostOnceAnIntervalAndTheFinalCountOnce() {
        ProgressReporter progress = new ProgressReporter(err, false, 5_000, now::get);

        accept(progress);
        now.addAndGet(1_000);
        accept(progress);
        now.addAndGet(4_500);
        accept(progress);
        now.addAndGet(100);
        accept(progress);
        progress.finish();
        progress.finish();

        assertThat(printed()).doesNotContain("\r").isEqualTo("""
                ingest: 3 inputs, 3 accepted, 0 rejected
                ingest: 4 inputs, 4 accepted, 0 rejected
                """);
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlaceAndEndedOnce() {
        ProgressReporter progress = new ProgressReporter(err, true, 500, now::get);

        now.addAndGet(600);
        accept(progress);
        reject(progress);
        progress.finish();

        assertThat(printed()).isEqualTo("\ringest: 1 input, 1 accepted, 0 rejected"
                + "\rrejected bad.json: ninjs: invalid JSON (line 1, column 13)\n"
                + "\ringest: 2 inputs, 1 accepted, 1 rejected"
                + "\ringest: 2 inputs, 1 accepted, 1 rejected\n");
    }

    @Test
    void onATerminalAShorterLineBlanksWhatWasLeftOfTheLongerOne() {
        ProgressReporter progress = new ProgressReporter(err, true, 0, now::get);

        for (int i = 0; i < 10; i++) {
            accept(progress);
        }
        bytes.reset();
        progress.rejected("x", null, new Exception("e"));

        assertThat(printed()).startsWith("\rrejected x: e" + " ".repeat("ingest: 10 inputs, 10 accepted, 0 rejected".length() - "rejected x: e".length()) + "\n");
    }

    @Test
    void countsAreSingularForOne() {
        assertThat(Plural.of(1, "input")).isEqualTo("1 input");
        assertThat(Plural.of(0, "input")).isEqualTo("0 inputs");
        assertThat(Plural.of(1, "article")).isEqualTo("1 article");
        assertThat(Plural.of(1, "story", "stories")).isEqualTo("1 story");
        assertThat(Plural.of(2, "story", "stories")).isEqualTo("2 stories");
        IngestSummary summary = new IngestSummary();
        summary.accepted("a", "nitf", java.util.Collections.nCopies(1, null), List.of());
        assertThat(summary.toString()).startsWith("accepted 1 (1 article), rejected 0");
    }
}

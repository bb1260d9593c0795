package io.wirestream.ingest.source;

import io.wirestream.schemas.RawArticle;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress on stderr: {@code ingest: 120 inputs, 118 accepted, 2 rejected}. On a terminal the line is rewritten in place
 * (every {@code everyMillis} and after a rejection); anywhere else (a file, a pipe, a log collector) complete lines are
 * printed, at most one every {@code linesEveryMillis}, and {@link #finish()} prints the final count once.
 */
public final class ProgressReporter implements IngestListener {

    /** How often a complete progress line is printed when stderr is not a terminal. */
    public static final long DEFAULT_LINES_EVERY_MILLIS = 5_000;

    private final PrintStream err;
    private final boolean terminal;
    private final long everyMillis;
    private final LongSupplier clock;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final long started;
    private long lastPrint;
    private int lastWidth;
    private String finishedWith;

    /** Rewrites in place when stderr looks like a terminal ({@link #stderrIsTerminal()}), else prints lines every 5 s. */
    public ProgressReporter(PrintStream err, long everyMillis) {
        this(err, stderrIsTerminal(), everyMillis);
    }

    /**
     * @param terminal    whether {@code err} is a terminal: rewrite one line with {@code \r}, else print complete lines
     * @param everyMillis the refresh interval on a terminal; off a terminal lines come at most every
     *                    {@link #DEFAULT_LINES_EVERY_MILLIS} (or {@code everyMillis} when that is longer)
     */
    public ProgressReporter(PrintStream err, boolean terminal, long everyMillis) {
        this(err, terminal, terminal ? everyMillis : Math.max(everyMillis, DEFAULT_LINES_EVERY_MILLIS), System::currentTimeMillis);
    }

    /** For tests: the exact interval and a clock. */
    ProgressReporter(PrintStream err, boolean terminal, long everyMillis, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.everyMillis = everyMillis;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastPrint = started;
    }

    /**
     * Whether stderr is a terminal. Linux: where {@code /proc/self/fd/2} points ({@code /dev/pts/N}, {@code /dev/ttyN});
     * elsewhere {@link System#console()}, which Java 17 gives only when stdin and stdout are terminals.
     */
    public static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall back to the console check
        }
        Console console = System.console();
        return console != null;
    }

    @Override
    public void accepted(String input, String format, List<RawArticle> articles, List<Delivery> deliveries) {
        accepted.incrementAndGet();
        maybePrint(false);
    }

    @Override
    public void rejected(String input, String format, Exception error) {
        rejected.incrementAndGet();
        synchronized (err) {
            String line = "rejected " + input + ": " + error.getMessage();
            err.println(terminal ? overwrite(line) : line);
            lastWidth = 0;
            err.flush();
        }
        // on a terminal, put the progress line back under the rejection; off it, the rejection line says enough
        maybePrint(terminal);
    }

    private void maybePrint(boolean force) {
        synchronized (err) {
            long now = clock.getAsLong();
            if (!(force || now - lastPrint >= everyMillis)) {
                return;
            }
            lastPrint = now;
            String line = progress();
            if (terminal) {
                err.print(overwrite(line));
                lastWidth = line.length();
            } else {
                err.println(line);
            }
            err.flush();
        }
    }

    /** {@code \r}, the text, and spaces over whatever was left of a longer previous line. */
    private String overwrite(String line) {
        return "\r" + line + " ".repeat(Math.max(0, lastWidth - line.length()));
    }

    /** {@code ingest: 1 input, 0 accepted, 1 rejected}. */
    public String progress() {
        long a = accepted.get();
        long r = rejected.get();
        return "ingest: " + Plural.of(a + r, "input") + ", " + a + " accepted, " + r + " rejected";
    }

    /** Prints the final count and ends the progress line; a second call with nothing new in between prints nothing. */
    public void finish() {
        synchronized (err) {
            String line = progress();
            if (line.equals(finishedWith)) {
                return;
            }
            finishedWith = line;
            lastPrint = clock.getAsLong();
            err.println(terminal ? overwrite(line) : line);
            lastWidth = 0;
            err.flush();
        }
    }
}

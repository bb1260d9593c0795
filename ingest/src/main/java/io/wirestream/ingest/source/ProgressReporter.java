package io.wirestream.ingest.source;

import io.wirestream.schemas.RawArticle;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A progress line on a terminal stream (stderr): {@code ingest: 120 files, 118 accepted, 2 rejected}, rewritten in place. */
public final class ProgressReporter implements IngestListener {

    private final PrintStream err;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final long everyMillis;
    private volatile long lastPrint;

    public ProgressReporter(PrintStream err, long everyMillis) {
        this.err = err;
        this.everyMillis = everyMillis;
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
            err.println("\rrejected " + input + ": " + error.getMessage());
        }
        maybePrint(true);
    }

    private void maybePrint(boolean force) {
        long now = System.currentTimeMillis();
        if (force || now - lastPrint >= everyMillis) {
            lastPrint = now;
            synchronized (err) {
                err.print("\ringest: " + (accepted.get() + rejected.get()) + " inputs, " + accepted.get() + " accepted, " + rejected.get() + " rejected");
                err.flush();
            }
        }
    }

    /** Ends the progress line. */
    public void finish() {
        synchronized (err) {
            err.print("\ringest: " + (accepted.get() + rejected.get()) + " inputs, " + accepted.get() + " accepted, " + rejected.get() + " rejected");
            err.println();
        }
    }
}

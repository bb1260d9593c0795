package io.wirestream.ingest.source;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.ParseResult;
import io.wirestream.schemas.RawArticle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The step every source shares: parse one input (sniffed or forced format), send every article to the sink, wait
 * until all are acknowledged, tell the listener. An input is accepted only when all its articles are delivered.
 */
public final class Ingestor {

    /** What became of one input. Exactly one of {@code deliveries} (accepted) and {@code error} is meaningful. */
    public record Outcome(String input, String format, List<RawArticle> articles, List<Delivery> deliveries, Exception error,
                          List<ParseResult.StoryFailure> failures) {

        public Outcome {
            failures = failures == null ? List.of() : List.copyOf(failures);
        }

        public Outcome(String input, String format, List<RawArticle> articles, List<Delivery> deliveries, Exception error) {
            this(input, format, articles, deliveries, error, List.of());
        }

        /** Some stories of the input were rejected ({@link #failures}) while the others were delivered. */
        public boolean partial() {
            return error == null && !failures.isEmpty();
        }

        public boolean accepted() {
            return error == null;
        }

        /** The input itself is bad (format, size, syntax): retrying will not help. */
        public boolean badInput() {
            return error instanceof ParseException;
        }
    }

    private final FormatSniffer sniffer;
    private final ArticleSink sink;
    private final IngestListener listener;
    private final Duration ackTimeout;

    public Ingestor(FormatSniffer sniffer, ArticleSink sink, IngestListener listener, Duration ackTimeout) {
        this.sniffer = sniffer;
        this.sink = sink;
        this.listener = listener == null ? new IngestListener() { } : listener;
        this.ackTimeout = ackTimeout;
    }

    /** Tells the listener that {@code input} was not published because its sender went away first. */
    public void abandoned(String input, String reason) {
        listener.abandoned(input, reason);
    }

    public FormatSniffer sniffer() {
        return sniffer;
    }

    public Outcome ingest(String input, byte[] bytes, ParseContext ctx, String forcedFormat) {
        ParseResult parsed;
        try {
            parsed = sniffer.parse(bytes, ctx, forcedFormat);
        } catch (ParseException e) {
            listener.rejected(input, e.format(), e);
            return new Outcome(input, e.format(), List.of(), List.of(), e);
        }
        if (parsed.partial()) {
            listener.storiesRejected(input, parsed.format(), parsed.failures());
        }
        Outcome delivered = deliver(input, parsed.format(), parsed.articles());
        return parsed.partial() ? new Outcome(delivered.input(), delivered.format(), delivered.articles(), delivered.deliveries(),
                delivered.error(), parsed.failures()) : delivered;
    }

    /**
     * Sends already-parsed articles (feeds filter theirs first) and waits for every acknowledgement; when the sink
     * refuses one of them up front (e.g. too large), none is sent.
     */
    public Outcome deliver(String input, String format, List<RawArticle> articles) {
        for (RawArticle a : articles) {
            Exception refused;
            try {
                refused = sink.refusal(a);
            } catch (RuntimeException e) {
                refused = e;
            }
            if (refused != null) {
                listener.rejected(input, format, refused);
                return new Outcome(input, format, articles, List.of(), refused);
            }
        }
        List<CompletableFuture<Delivery>> futures = new ArrayList<>(articles.size());
        for (RawArticle a : articles) {
            try {
                futures.add(sink.send(a));
            } catch (RuntimeException e) {
                futures.add(CompletableFuture.failedFuture(e));
            }
        }
        List<Delivery> deliveries = new ArrayList<>(articles.size());
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            for (CompletableFuture<Delivery> f : futures) {
                deliveries.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (ExecutionException e) {
            Exception cause = e.getCause() instanceof Exception ex ? ex : e;
            listener.rejected(input, format, cause);
            return new Outcome(input, format, articles, List.of(), cause);
        } catch (TimeoutException e) {
            Exception err = new TimeoutException("no broker acknowledgement within " + ackTimeout);
            listener.rejected(input, format, err);
            return new Outcome(input, format, articles, List.of(), err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.rejected(input, format, e);
            return new Outcome(input, format, articles, List.of(), e);
        }
        listener.accepted(input, format, articles, deliveries);
        return new Outcome(input, format, articles, deliveries, null);
    }

    /** Reports an input rejected before parsing (unreadable, too large). */
    public Outcome reject(String input, ParseException error) {
        listener.rejected(input, error.format(), error);
        return new Outcome(input, error.format(), List.of(), List.of(), error);
    }

    Outcome deliverFailure(String input, Exception error) {
        listener.rejected(input, null, error);
        return new Outcome(input, null, List.of(), List.of(), error);
    }
}

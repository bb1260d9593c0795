package io.wirestream.ingest.source;

import io.wirestream.schemas.RawArticle;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what a run did: inputs accepted / rejected, articles delivered, and both by format. Thread-safe. */
public final class IngestSummary implements IngestListener {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong articles = new AtomicLong();
    private final AtomicLong storiesRejected = new AtomicLong();
    private final Map<String, AtomicLong> acceptedByFormat = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rejectedByFormat = new ConcurrentHashMap<>();

    @Override
    public void accepted(String input, String format, List<RawArticle> parsed, List<Delivery> deliveries) {
        accepted.incrementAndGet();
        articles.addAndGet(parsed.size());
        acceptedByFormat.computeIfAbsent(format, f -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void rejected(String input, String format, Exception error) {
        rejected.incrementAndGet();
        rejectedByFormat.computeIfAbsent(format == null ? "unknown" : format, f -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void storiesRejected(String input, String format, List<io.wirestream.ingest.format.ParseResult.StoryFailure> failures) {
        storiesRejected.addAndGet(failures.size());
    }

    /** Stories that could not be read in inputs whose other stories were delivered. */
    public long storiesRejected() {
        return storiesRejected.get();
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long articles() {
        return articles.get();
    }

    public Map<String, Long> acceptedByFormat() {
        Map<String, Long> m = new TreeMap<>();
        acceptedByFormat.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public Map<String, Long> rejectedByFormat() {
        Map<String, Long> m = new TreeMap<>();
        rejectedByFormat.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** {@code accepted 12 (47 articles), rejected 1; by format: nitf 3, plain-text 9; rejected: unknown 1}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("accepted ").append(accepted()).append(" (").append(Plural.of(articles(), "article")).append("), rejected ").append(rejected());
        if (storiesRejected() > 0) {
            sb.append(" (and ").append(Plural.of(storiesRejected(), "story", "stories")).append(" in accepted inputs)");
        }
        if (!acceptedByFormat.isEmpty()) {
            sb.append("; by format:");
            acceptedByFormat().forEach((f, n) -> sb.append(' ').append(f).append(' ').append(n).append(','));
            sb.setLength(sb.length() - 1);
        }
        if (!rejectedByFormat.isEmpty()) {
            sb.append("; rejected:");
            rejectedByFormat().forEach((f, n) -> sb.append(' ').append(f).append(' ').append(n).append(','));
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }
}

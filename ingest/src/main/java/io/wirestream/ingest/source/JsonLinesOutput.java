package io.wirestream.ingest.source;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.RawArticleJson;
import io.wirestream.schemas.RawArticle;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * The dry run's output: each article as one JSON line with the RawArticle's field names, each rejected input as one
 * line {@code {"file": ..., "error": ..., "format": ..., "location": ...}}, each unreadable story of a multi-story file as
 * the same with {@code "story": N}. Nothing goes to a broker.
 */
public final class JsonLinesOutput implements ArticleSink, IngestListener {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final PrintStream out;

    public JsonLinesOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public CompletableFuture<Delivery> send(RawArticle article) {
        synchronized (out) {
            out.println(RawArticleJson.toLine(article));
        }
        return CompletableFuture.completedFuture(new Delivery(article.getStoryId(), article.getVersion(), "dry-run", -1, -1));
    }

    @Override
    public void rejected(String input, String format, Exception error) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("file", input);
        line.put("error", error.getMessage());
        if (format != null) {
            line.put("format", format);
        }
        if (error instanceof ParseException pe) {
            line.put("location", pe.location());
        }
        synchronized (out) {
            out.println(line);
        }
    }

    /** One line per unreadable story of a multi-story input: {@code {"file", "story" (1-based), "error", "format", "location"}}. */
    @Override
    public void storiesRejected(String input, String format, java.util.List<io.wirestream.ingest.format.ParseResult.StoryFailure> failures) {
        for (var f : failures) {
            ObjectNode line = MAPPER.createObjectNode();
            line.put("file", input);
            line.put("story", f.index() + 1);
            line.put("error", f.error().getMessage());
            if (format != null) {
                line.put("format", format);
            }
            line.put("location", f.error().location());
            synchronized (out) {
                out.println(line);
            }
        }
    }

    @Override
    public void close() {
        out.flush();
    }
}

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
 * line {@code {"file": ..., "error": ..., "format": ..., "location": ...}}. Nothing goes to a broker.
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

    @Override
    public void close() {
        out.flush();
    }
}

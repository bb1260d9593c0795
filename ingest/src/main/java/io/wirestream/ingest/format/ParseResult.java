package io.wirestream.ingest.format;

import io.wirestream.schemas.RawArticle;

import java.util.List;

/** The parser that was chosen and what it produced. */
public record ParseResult(String format, List<RawArticle> articles) {
    public ParseResult {
        articles = List.copyOf(articles);
    }
}

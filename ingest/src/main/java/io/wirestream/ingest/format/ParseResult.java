package io.wirestream.ingest.format;

import io.wirestream.schemas.RawArticle;

import java.util.List;

/**
 * The parser that was chosen and what it produced: the articles, and for an input holding several stories (ANPA /
 * IPTC 7901 files with several SOH...EOT transmissions) the stories that could not be read. A bad story rejects only
 * itself; an input whose every story is bad is a {@link ParseException} instead.
 */
public record ParseResult(String format, List<RawArticle> articles, List<StoryFailure> failures) {

    /** Story {@code index} (0-based, in input order) of the input was rejected with {@code error}. */
    public record StoryFailure(int index, ParseException error) {
        /** {@code story 2: iptc-7901: no STX ... (line 40, column 1)}, 1-based as people count. */
        @Override
        public String toString() {
            return "story " + (index + 1) + ": " + error.getMessage();
        }
    }

    public ParseResult {
        articles = List.copyOf(articles);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    public ParseResult(String format, List<RawArticle> articles) {
        this(format, articles, List.of());
    }

    /** True when some stories of the input were rejected while others parsed. */
    public boolean partial() {
        return !failures.isEmpty();
    }
}

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

    /** Reads story {@code index} (0-based) of an input. */
    @FunctionalInterface
    public interface StoryReader {
        RawArticle read(int index) throws ParseException;
    }

    /**
     * Reads stories {@code 0..count-1}: a story that fails rejects only itself (its error says {@code story N of M},
     * 1-based); a single story's error, or the first one when every story failed, is thrown as it is.
     */
    public static ParseResult ofStories(String format, int count, StoryReader reader) throws ParseException {
        List<RawArticle> out = new java.util.ArrayList<>();
        List<StoryFailure> failures = new java.util.ArrayList<>();
        for (int n = 0; n < count; n++) {
            try {
                out.add(reader.read(n));
            } catch (ParseException e) {
                if (count == 1) {
                    throw e;
                }
                failures.add(new StoryFailure(n, new ParseException(format, "story " + (n + 1) + " of " + count
                        + ": " + e.reason(), e.line(), e.column(), e.offset(), e.path(), e)));
            }
        }
        if (out.isEmpty()) {
            throw failures.get(0).error();
        }
        return new ParseResult(format, out, failures);
    }

    /** True when some stories of the input were rejected while others parsed. */
    public boolean partial() {
        return !failures.isEmpty();
    }
}

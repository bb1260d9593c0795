package io.wirestream.ingest.format;

import io.wirestream.schemas.RawArticle;

import java.util.List;

/**
 * The parser that was chosen and what it produced: the articles, and for an input holding several stories (ANPA /
 * IPTC 7901 files with several SOH...EOT transmissions; a NewsML-G2 {@code newsMessage}, a ninjs array, a NewsML 1.2
 * document) the stories that could not be read. A bad story rejects only itself; an input whose every story is bad is
 * a {@link ParseException} instead. {@link #ofStories} is the one way a parser reads several stories.
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

    /** Most rejections listed in the warnings of each good story by {@link #articlesWithRejectionWarnings()}. */
    static final int MAX_LISTED = 20;

    /**
     * Reads stories {@code 0..count-1}: a story that fails rejects only itself (its error says {@code story N of M},
     * 1-based); a single story's error, or the first one when every story failed, is thrown as it is.
     */
    public static ParseResult ofStories(String format, int count, StoryReader reader) throws ParseException {
        return ofStories(format, count, 1, reader);
    }

    /**
     * {@link #ofStories(String, int, StoryReader)} with the stories numbered from {@code firstNumber} in the messages:
     * 1 as people count transmissions, 0 where the number is the item's index in a document (ninjs arrays, the items
     * of a NewsML message), as the JSON pointers of their locations count.
     */
    public static ParseResult ofStories(String format, int count, int firstNumber, StoryReader reader) throws ParseException {
        List<RawArticle> out = new java.util.ArrayList<>();
        List<StoryFailure> failures = new java.util.ArrayList<>();
        for (int n = 0; n < count; n++) {
            try {
                out.add(reader.read(n));
            } catch (ParseException e) {
                if (count == 1) {
                    throw e;
                }
                failures.add(new StoryFailure(n, new ParseException(format, "story " + (n + firstNumber) + " of " + count
                        + ": " + e.reason(), e.line(), e.column(), e.offset(), e.path(), e)));
            }
        }
        if (out.isEmpty()) {
            throw failures.get(0).error();
        }
        return new ParseResult(format, out, failures);
    }

    /**
     * The articles, each with one {@code story-rejected} warning per rejected sibling ({@value #MAX_LISTED} at most, then
     * a count) naming its number, reason and location: for formats whose parsers hand back articles only, so the
     * rejection is visible where the stories go.
     */
    public List<RawArticle> articlesWithRejectionWarnings() {
        if (failures.isEmpty()) {
            return articles;
        }
        int total = articles.size() + failures.size();
        List<io.wirestream.schemas.ParseWarning> notes = new java.util.ArrayList<>();
        for (StoryFailure f : failures.subList(0, Math.min(MAX_LISTED, failures.size()))) {
            ParseException story = f.error().getCause() instanceof ParseException cause ? cause : f.error();
            String number = f.error().reason().substring(0, f.error().reason().indexOf(" of "));
            notes.add(new io.wirestream.schemas.ParseWarning("story-rejected", number + " of " + total
                    + " in the same input rejected: " + story.reason() + " (" + story.location() + ")"));
        }
        if (failures.size() > MAX_LISTED) {
            notes.add(new io.wirestream.schemas.ParseWarning("story-rejected", (failures.size() - MAX_LISTED)
                    + " more stories in the same input rejected"));
        }
        for (RawArticle a : articles) {
            List<io.wirestream.schemas.ParseWarning> w = new java.util.ArrayList<>(a.getWarnings());
            w.addAll(notes);
            a.setWarnings(w);
        }
        return articles;
    }

    /** True when some stories of the input were rejected while others parsed. */
    public boolean partial() {
        return !failures.isEmpty();
    }
}

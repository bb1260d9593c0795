package io.wirestream.ingest.format;

import io.wirestream.schemas.ParseWarning;
import io.wirestream.schemas.RawArticle;

import java.util.ArrayList;
import java.util.List;

/**
 * Several stories in one input (a NewsML-G2 {@code newsMessage}, a ninjs array, a NewsML 1.2 document): one bad
 * story rejects only itself. The good ones are returned, each with a {@code story-rejected} warning naming the index,
 * location and reason of every rejected sibling, so the rejection is visible where the stories go; when every story is
 * bad, the first one's error is thrown, prefixed with its index.
 *
 * <p>Kept this small on purpose: per-index failure reporting on {@code ParseResult} itself may replace it.
 */
public final class ItemFailures {

    /** Most rejections listed in the warnings of each good story. */
    static final int MAX_LISTED = 20;

    private final String format;
    private final List<ParseException> failures = new ArrayList<>();
    private final List<Integer> indexes = new ArrayList<>();
    private final List<RawArticle> built = new ArrayList<>();

    public ItemFailures(String format) {
        this.format = format;
    }

    /** Records that story {@code index} (0-based) was rejected. */
    public void rejected(int index, ParseException e) {
        failures.add(e);
        indexes.add(index);
    }

    /** Builds a good story; one that fails its final checks counts as rejected. */
    public void accepted(int index, ArticleDraft draft, ParseContext ctx) {
        try {
            built.add(draft.build(ctx));
        } catch (ParseException e) {
            rejected(index, e);
        }
    }

    /** The good stories with the rejection warnings, or the first rejection when there is no good story. */
    public List<RawArticle> result() throws ParseException {
        if (built.isEmpty() && !failures.isEmpty()) {
            ParseException first = failures.get(0);
            String reason = failures.size() == 1 && indexes.get(0) == 0 && total() == 1 ? first.reason()
                    : "story " + indexes.get(0) + " of " + total() + ": " + first.reason();
            throw new ParseException(format, reason, first.line(), first.column(), first.offset(), first.path(), first);
        }
        List<ParseWarning> notes = new ArrayList<>();
        for (int i = 0; i < failures.size() && i < MAX_LISTED; i++) {
            ParseException e = failures.get(i);
            notes.add(new ParseWarning("story-rejected", "story " + indexes.get(i) + " of " + total()
                    + " in the same input rejected: " + e.reason() + " (" + e.location() + ")"));
        }
        if (failures.size() > MAX_LISTED) {
            notes.add(new ParseWarning("story-rejected", (failures.size() - MAX_LISTED) + " more stories in the same input rejected"));
        }
        if (!notes.isEmpty()) {
            for (RawArticle a : built) {
                List<ParseWarning> w = new ArrayList<>(a.getWarnings());
                w.addAll(notes);
                a.setWarnings(w);
            }
        }
        return built;
    }

    private int total() {
        return built.size() + failures.size();
    }
}

package io.wirestream.ingest.format;

import io.wirestream.schemas.ParseWarning;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable form of a {@link RawArticle} that parsers fill in; {@link #build} checks it, trims text fields, stamps
 * {@code received} from the context clock and computes the content hash.
 */
public final class ArticleDraft {

    /** Longest story id accepted; ids are Kafka keys. */
    public static final int MAX_ID_LENGTH = 512;
    /** Warning kind: the copy carries no story id; it was derived (see ingest/README.md, "Story ids"). */
    public static final String DERIVED_ID = "derived-id";

    public String storyId;
    public int version = 1;
    public String source;
    public final String format;
    public PubStatus pubStatus = PubStatus.USABLE;
    public Integer urgency;
    public Instant versionCreated;
    public Instant embargoed;
    public String headline;
    public boolean headlineDerived;
    public String slugline;
    public String byline;
    public String dateline;
    public String caption;
    public String body = "";
    public String language;
    public String editorialNote;
    public final List<String> subjects = new ArrayList<>();
    public final Map<String, String> attributes = new LinkedHashMap<>();
    /** What was odd in the copy and read past; see ingest/README.md, "Leniency". */
    public final List<ParseWarning> warnings = new ArrayList<>();

    public ArticleDraft(String format) {
        this.format = format;
    }

    /** Sets an attribute when the value is not blank. */
    public ArticleDraft attribute(String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            attributes.put(key, value.toString().trim());
        }
        return this;
    }

    /**
     * Records something odd that was read leniently instead of rejected. {@code kind} is a stable kebab-case name
     * (metrics count per format and kind); the same kind and message twice is kept once.
     */
    /**
     * Takes {@code value} (the item's {@code field}) as the version when it is a positive integer; otherwise the version
     * is {@code fallback} and a {@code version-not-positive} warning names the field and the value (cut at 40 characters).
     */
    public ArticleDraft positiveVersion(String field, String value, int fallback) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v >= 1) {
            version = v;
            return this;
        }
        version = fallback;
        String shown = value.length() > 40 ? value.substring(0, 40) + "\u2026" : value;
        return warn("version-not-positive", field + " '" + shown + "' is not a positive integer: read as " + fallback);
    }

    public ArticleDraft warn(String kind, String message) {
        ParseWarning w = new ParseWarning(kind, message);
        if (!warnings.contains(w)) {
            warnings.add(w);
        }
        return this;
    }

    /**
     * Sets a story id derived from the copy's natural key (the copy carries none) with a {@code derived-id} warning
     * naming what it was derived from.
     */
    public ArticleDraft derivedId(String id, String from) {
        storyId = id;
        return warn(DERIVED_ID, "the copy carries no story id; derived from " + from);
    }

    /** A slug for ids: lower-case letters and digits, other runs as one hyphen, at most {@code max} characters. */
    public static String slug(String text, int max) {
        if (text == null) {
            return "";
        }
        String s = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > max) {
            int cut = s.lastIndexOf('-', max);
            s = s.substring(0, cut > max / 2 ? cut : max).replaceAll("-+$", "");
        }
        return s;
    }

    /** The first 16 hex digits of the SHA-256 of the parts, each normalised as the content hash normalises text. */
    public static String keyHash(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(ContentHash.normalise(p).toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        return ContentHash.of(sb.toString(), "").substring(0, 16);
    }

    /** Warns {@code replacement-character} when the text already holds U+FFFD (it was mis-decoded before it reached us). */
    public ArticleDraft warnIfReplacementCharacters() {
        for (String s : new String[] {headline, body, byline, caption, editorialNote, dateline}) {
            if (s != null && s.indexOf('\uFFFD') >= 0) {
                return warn("replacement-character", "the copy already holds U+FFFD replacement characters: it was mis-decoded before it reached us");
            }
        }
        return this;
    }

    public ArticleDraft subject(String code) {
        if (code != null && !code.isBlank() && !subjects.contains(code.trim())) {
            subjects.add(code.trim());
        }
        return this;
    }

    /**
     * Derives a headline from the lead sentence when the copy has none: the first sentence of the body, cut at a word
     * boundary to at most {@code maxChars} with an ellipsis.
     */
    public ArticleDraft deriveHeadlineIfMissing(int maxChars) {
        if (blank(headline) && !blank(body)) {
            String lead = body.split("\n\n", 2)[0].trim();
            java.util.regex.Matcher end = java.util.regex.Pattern.compile("[.!?](?=\\s+[\"'\u201C\u2018(]?[A-Z0-9])").matcher(lead);
            String sentence = end.find() ? lead.substring(0, end.start()) : lead.replaceAll("[.!?]+$", "");
            if (sentence.length() > maxChars) {
                int cut = sentence.lastIndexOf(' ', maxChars - 1);
                sentence = sentence.substring(0, cut > maxChars / 2 ? cut : maxChars - 1).replaceAll("[\\s,;:\u2014-]+$", "") + "\u2026";
            }
            headline = sentence;
            headlineDerived = true;
        }
        return this;
    }

    public RawArticle build(ParseContext ctx) throws ParseException {
        String id = clean(storyId);
        if (id == null) {
            throw ParseException.atOffset(format, "no story id: the copy carries no id and none can be derived", 0);
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw ParseException.atOffset(format, "story id longer than " + MAX_ID_LENGTH + " characters", 0);
        }
        if (version < 1) {
            throw ParseException.atOffset(format, "version " + version + " is not a positive number", 0);
        }
        if (urgency != null && (urgency < 1 || urgency > 9)) {
            urgency = null;
        }
        String h = clean(headline);
        String b = body == null ? "" : body.strip();
        Map<String, String> attrs = new TreeMap<>(attributes);
        attrs.putIfAbsent("origin", ctx.origin());
        return RawArticle.newBuilder()
                .setStoryId(id)
                .setVersion(version)
                .setSource(clean(source) == null ? ctx.defaultSource() : clean(source))
                .setFormat(format)
                .setPubStatus(pubStatus)
                .setUrgency(urgency)
                .setReceived(ctx.received())
                .setVersionCreated(versionCreated)
                .setEmbargoed(embargoed)
                .setHeadline(h)
                .setHeadlineDerived(headlineDerived && h != null)
                .setSlugline(clean(slugline))
                .setByline(clean(byline))
                .setDateline(clean(dateline))
                .setCaption(clean(caption))
                .setBody(b)
                .setLanguage(clean(language))
                .setEditorialNote(clean(editorialNote))
                .setSubjects(new ArrayList<>(subjects))
                .setContentHash(ContentHash.of(h, b))
                .setAttributes(new LinkedHashMap<>(attrs))
                .setWarnings(new ArrayList<>(warnings))
                .build();
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}

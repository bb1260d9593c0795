package io.wirestream.enrich.text;

import java.util.Locale;

/**
 * A text cut into tokens: parallel arrays of character offsets [start, end) into the original text, plus flags.
 * Immutable once built by {@link Tokenizer}; token strings are materialised once.
 */
public final class TokenizedText {
    /** First letter is upper case (or the token is an "al-Qaida"-style prefixed name). */
    public static final int CAP = 1;
    /** Two or more letters, all upper case ("NATO", "U.S."). */
    public static final int ALL_CAPS = 1 << 1;
    /** Starts with a digit. */
    public static final int NUMBER = 1 << 2;
    /** Contains at least one letter. */
    public static final int WORD = 1 << 3;
    /** Capitalisation says nothing here: first token of a sentence, after an opening quote, colon or dash. */
    public static final int SENT_START = 1 << 4;
    /** The token is followed by a paragraph or sentence break. */
    public static final int SENT_END = 1 << 5;
    /** Single punctuation character. */
    public static final int PUNCT = 1 << 6;

    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < 128; c++) ASCII[c] = String.valueOf(c).intern();
    }

    private final String text;
    private final int[] starts;
    private final int[] ends;
    private final int[] flags;
    private final String[] tokens;
    private final String[] lower;
    private final int size;

    TokenizedText(String text, int[] starts, int[] ends, int[] flags, int size) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.flags = flags;
        this.size = size;
        this.tokens = new String[size];
        this.lower = new String[size];
        for (int i = 0; i < size; i++) {
            int f = flags[i];
            if ((f & PUNCT) != 0 && text.charAt(starts[i]) < 128) {
                tokens[i] = ASCII[text.charAt(starts[i])]; // one shared string per punctuation character
            } else {
                tokens[i] = text.substring(starts[i], ends[i]);
            }
            lower[i] = (f & WORD) != 0 ? lowerCase(tokens[i]) : tokens[i];
        }
    }

    /** Same as {@code s.toLowerCase(Locale.ROOT)}, with a fast path for ASCII (most tokens). */
    private static String lowerCase(String s) {
        int n = s.length();
        int k = 0;
        for (; k < n; k++) {
            char c = s.charAt(k);
            if (c >= 128) return s.toLowerCase(Locale.ROOT);
            if (c >= 'A' && c <= 'Z') break;
        }
        if (k == n) return s;
        char[] out = new char[n];
        for (int m = 0; m < k; m++) out[m] = s.charAt(m);
        for (; k < n; k++) {
            char c = s.charAt(k);
            if (c >= 128) return s.toLowerCase(Locale.ROOT);
            out[k] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return new String(out);
    }

    public String text() {
        return text;
    }

    public int size() {
        return size;
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public String token(int i) {
        return tokens[i];
    }

    public String lower(int i) {
        return lower[i];
    }

    public boolean is(int i, int flag) {
        return i >= 0 && i < size && (flags[i] & flag) != 0;
    }

    public int flags(int i) {
        return flags[i];
    }

    /** The text covered by tokens [from, to). */
    public String span(int from, int to) {
        if (to - from == 1) return tokens[from];
        return text.substring(starts[from], ends[to - 1]);
    }

    /** The token equals one of the given strings (exact). */
    public boolean tokenIs(int i, String s) {
        return i >= 0 && i < size && tokens[i].equals(s);
    }

    /** Index of the token that covers or follows character offset {@code offset}. */
    public int tokenAt(int offset) {
        int lo = 0, hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= offset) lo = mid + 1;
            else hi = mid - 1;
        }
        return lo;
    }
}

package io.wirestream.enrich.text;

import java.util.Arrays;
import java.util.Set;

/**
 * A single-pass tokenizer for English news copy. Words keep internal hyphens ("al-Qaida", "two-plus-two"),
 * apostrophes inside names ("Shi'ite") and dotted abbreviations ("U.S.", "Corp."); possessive "'s" is split off;
 * numbers keep their separators ("1,000", "466.4"); every other non-space character is a token of its own.
 * Sentence boundaries are marked on the tokens (a '.', '?' or '!' not inside an abbreviation, or a line break).
 * Hand-rolled rather than {@link java.text.BreakIterator} because it runs in one pass over the chars and knows the
 * abbreviations of wire copy; BreakIterator splits "U.S." and "Aug." sentences wrongly and costs several times more.
 */
public final class Tokenizer {
    /** Abbreviations that keep their trailing period and do not end a sentence. */
    static final Set<String> ABBREVIATIONS = words(
            "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "Capt", "Cpl", "Maj", "Adm", "Cmdr", "Sen", "Rep", "Gov",
            "Prof", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
            "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs", "etc", "Pres", "Rev", "Ft", "Mt", "Gov", "Supt",
            "Messrs", "approx", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "Nos", "Fig", "a.m", "p.m");

    private Tokenizer() {
    }

    public static TokenizedText tokenize(String text) {
        char[] cs = text.toCharArray(); // array reads: String.charAt re-checks bounds and decodes UTF-16 each time
        int n = cs.length;
        int cap = Math.max(16, n / 4);
        int[] starts = new int[cap];
        int[] ends = new int[cap];
        int[] flags = new int[cap];
        int size = 0;
        boolean sentenceStart = true;
        int i = 0;
        while (i < n) {
            char c = cs[i];
            if (Character.isWhitespace(c)) {
                if (c == '\n' && size > 0) {
                    flags[size - 1] |= TokenizedText.SENT_END;
                    sentenceStart = true;
                }
                i++;
                continue;
            }
            int start = i;
            int f = 0;
            if (Character.isLetterOrDigit(c)) {
                i = scanWord(cs, i, n);
                f = wordFlags(cs, start, i);
            } else if ((c == '\'' || c == '\u2019') && i + 1 < n && (cs[i + 1] == 's' || cs[i + 1] == 'S')
                    && (i + 2 >= n || !Character.isLetterOrDigit(cs[i + 2])) && i > 0
                    && Character.isLetterOrDigit(cs[i - 1])) {
                i += 2; // possessive 's: a token of its own, neither word nor punctuation
                f = 0;
            } else {
                i++;
                f = TokenizedText.PUNCT;
            }
            if (size == starts.length) {
                int len = size * 2;
                starts = Arrays.copyOf(starts, len);
                ends = Arrays.copyOf(ends, len);
                flags = Arrays.copyOf(flags, len);
            }
            if (sentenceStart && (f & TokenizedText.WORD) != 0) {
                f |= TokenizedText.SENT_START;
                sentenceStart = false;
            } else if (sentenceStart && (f & TokenizedText.NUMBER) != 0) {
                sentenceStart = false;
            }
            starts[size] = start;
            ends[size] = i;
            flags[size] = f;
            size++;
            if ((f & TokenizedText.PUNCT) != 0) {
                if (c == '.' || c == '?' || c == '!') {
                    flags[size - 1] |= TokenizedText.SENT_END;
                    sentenceStart = true;
                } else if (opensClause(cs, start, c)) {
                    // opening quote, colon or "MOSCOW--Russia": the next word's capital letter says nothing
                    sentenceStart = sentenceStart || quoteOpens(cs, i, n);
                }
            } else if ((f & TokenizedText.WORD) != 0 && i < n && cs[i] == '.' && isAbbreviation(cs, start, i)) {
                // keep the period with the abbreviation: "Mr." "Corp." "Aug."
                ends[size - 1] = ++i;
                if (i >= n || cs[i] == '\n') {
                    flags[size - 1] |= TokenizedText.SENT_END;
                    sentenceStart = true;
                }
            }
        }
        return new TokenizedText(text, starts, ends, flags, size);
    }

    private static boolean opensClause(char[] text, int at, char c) {
        switch (c) {
            case '\u201C': case ':': case '\u2014': case '\u2013':
                return true;
            case '"':
                return at == 0 || Character.isWhitespace(text[at - 1]) || text[at - 1] == '(';
            case '-':
                return at > 0 && text[at - 1] == '-';
            default:
                return false;
        }
    }

    private static boolean quoteOpens(char[] text, int i, int n) {
        // an opening quote / colon / dash is directly followed by a word (after optional space)
        int j = i;
        while (j < n && text[j] == ' ') j++;
        return j < n && Character.isUpperCase(text[j]);
    }

    private static boolean isAbbreviation(char[] text, int start, int end) {
        int len = end - start;
        if (len == 1 && Character.isUpperCase(text[start])) {
            return true; // initial: "George W. Bush"
        }
        if (len > 6) return false;
        return ABBREVIATIONS.contains(new String(text, start, len));
    }

    private static int scanWord(char[] text, int i, int n) {
        char first = text[i];
        boolean digit = Character.isDigit(first);
        i++;
        while (i < n) {
            char c = text[i];
            if (Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            char next = i + 1 < n ? text[i + 1] : ' ';
            if (c == '-' && Character.isLetterOrDigit(next) && !digit) {
                i++;
            } else if ((c == '.' || c == ',') && digit && Character.isDigit(next)) {
                i++;
            } else if (c == '.' && !digit && Character.isLetter(next) && i + 2 <= n && isDottedAbbreviation(text, i)) {
                // U.S. / U.N. / a.m.: consume letter-dot pairs and the final dot
                i++;
                while (i < n && Character.isLetter(text[i])) {
                    i++;
                    if (i < n && text[i] == '.') {
                        i++;
                    } else {
                        break;
                    }
                }
                return i;
            } else if ((c == '\'' || c == '\u2019') && Character.isLetter(next) && !digit) {
                // possessive 's / 't and similar endings are split off; O'Brien, Shi'ite stay whole
                char after = i + 2 < n ? text[i + 2] : ' ';
                if ((next == 's' || next == 't' || next == 'd' || next == 'm') && !Character.isLetter(after)) {
                    return i;
                }
                if ((next == 'l' || next == 'r' || next == 'v') && i + 2 < n && text[i + 2] == 'l'
                        || next == 'r' && after == 'e' || next == 'v' && after == 'e') {
                    return i; // we'll, we're, they've
                }
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isDottedAbbreviation(char[] text, int dot) {
        // text[dot] == '.', previous is a single letter word-part, next is a letter followed by '.'
        int prev = dot - 1;
        boolean singleBefore = prev >= 0 && Character.isLetter(text[prev])
                && (prev == 0 || !Character.isLetter(text[prev - 1]));
        return singleBefore && dot + 2 < text.length && Character.isLetter(text[dot + 1])
                && text[dot + 2] == '.';
    }

    private static int wordFlags(char[] text, int start, int end) {
        char c = text[start];
        if (Character.isDigit(c)) {
            boolean letters = false;
            for (int k = start; k < end; k++) {
                if (Character.isLetter(text[k])) {
                    letters = true;
                    break;
                }
            }
            return TokenizedText.NUMBER | (letters ? TokenizedText.WORD : 0);
        }
        int f = TokenizedText.WORD;
        if (Character.isUpperCase(c)) {
            f |= TokenizedText.CAP;
        } else if (end - start > 3 && text[start + 2] == '-' && Character.isUpperCase(text[start + 3])) {
            f |= TokenizedText.CAP; // al-Qaida, el-Sheikh
        }
        if ((f & TokenizedText.CAP) == 0) return f; // "al-Qaida" or lower case: not all capitals
        int letters = 0;
        for (int k = start; k < end; k++) {
            char ch = text[k];
            if (Character.isLowerCase(ch)) return f; // most words stop at their second letter
            if (Character.isLetter(ch)) letters++;
        }
        if (letters >= 2) {
            f |= TokenizedText.ALL_CAPS;
        }
        return f;
    }

    private static Set<String> words(String... w) {
        return Set.copyOf(java.util.Arrays.asList(w));
    }
}

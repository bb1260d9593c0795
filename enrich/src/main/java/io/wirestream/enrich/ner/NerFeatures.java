package io.wirestream.enrich.ner;

import io.wirestream.enrich.entity.EntityType;
import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.entity.GazetteerEntry;
import io.wirestream.enrich.entity.Mention;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.enrich.text.TokenTrie;
import io.wirestream.enrich.text.TokenizedText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature extraction for the {@link NerTagger}: per token, an array of hashed feature ids (no strings are built:
 * each feature is a template number mixed with the {@link String#hashCode()} of the text it looks at, so extraction
 * allocates one int array per token). Templates: the word as written and lower-cased, prefixes and suffixes (1-4),
 * word shape (full and collapsed), the token's flags, whether its sentence is written in capitals (headlines), the
 * words and shapes around it (+-2), word bigrams, gazetteer membership from the existing tries (B/I + type of the
 * longest known name covering the token, first-name, surname, common-word lists; as features, not decisions),
 * two document features (the same word written capitalised mid-sentence, or lower case, elsewhere in the text) and
 * optionally distributional word clusters ({@link WordClusters}: prefixes of the token's cluster path and of its
 * neighbours'; not in the shipped model, see the module README).
 * Deterministic: the same text always gives the same ids.
 */
public final class NerFeatures {
    /** Names of the templates, for the manifest. */
    public static final String DESCRIPTION = "bias; word; lower; prefix1-4; suffix1-4; shape; short shape; flags (cap, "
            + "all-caps, sentence start, number, punct); all-caps sentence x (lower, shape, gazetteer); words -2..+2; "
            + "shapes -1,+1; bigrams (-1,0), (0,+1); shape trigram; gazetteer B/I+type of the token and of -1,+1, "
            + "x shape; given-name, person-name, common-word, name-word lists; document: lower form seen capitalised "
            + "mid-sentence / in lower case elsewhere in the text; the rules' mentions (type x gazetteer/rule/guess x B/I) of "
            + "the token, x shape, of -1 and +1; the resolved entities (type x B/I) of the token, x rule code, trigram -1..+1";
    /** The templates a model trained with word clusters adds. */
    public static final String CLUSTER_DESCRIPTION = "word clusters: path prefixes 4/8/12/all of the token, all x shape, "
            + "8/all of -1 and +1";

    private final Gazetteer gazetteer;
    private final TokenTrie<GazetteerEntry> trie;
    private final WordClusters clusters;

    WordClusters clusters() {
        return clusters;
    }

    public NerFeatures(Gazetteer gazetteer) {
        this(gazetteer, null);
    }

    /** With word-cluster features from {@code clusters} (null: none, as the shipped model). */
    public NerFeatures(Gazetteer gazetteer, WordClusters clusters) {
        this.gazetteer = gazetteer;
        this.trie = gazetteer == null ? null : gazetteer.names();
        this.clusters = clusters;
    }

    // gazetteer codes
    private static final int GZ_NONE = 0;

    private static int typeCode(EntityType t) {
        return switch (t) {
            case PERSON -> 1;
            case ORGANIZATION -> 2;
            case LOCATION -> 3;
            case NATIONALITY -> 4;
            case EVENT -> 5;
            case PRODUCT -> 6;
        };
    }

    /** Feature ids of every token of the text, without the rules' opinion. */
    public int[][] extract(TokenizedText t) {
        return extract(t, null, null, true);
    }

    /** Code per token of the rules' mentions: (type * 3 + source) * 2 + inside, + 1; 0 outside any mention. */
    static int[] ruleCodes(TokenizedText t, List<Mention> rules) {
        int[] out = new int[t.size()];
        if (rules == null) return out;
        for (Mention m : rules) {
            int source = m.entry() != null ? 0 : m.role() != null && m.role().startsWith("\u0000") ? 2 : 1;
            int base = (typeCode(m.type()) * 3 + source) * 2;
            for (int k = m.from(); k < m.to() && k < out.length; k++) out[k] = base + (k == m.from() ? 0 : 1) + 1;
        }
        return out;
    }

    /** Code per token of the resolved entities' mentions: type * 2 + inside, + 1; 0 outside. */
    static int[] entityCodes(TokenizedText t, List<Entity> entities) {
        int[] out = new int[t.size()];
        if (entities == null) return out;
        for (Entity e : entities) {
            int type = typeCode(EntityType.valueOf(e.getType()));
            for (MentionSpan m : e.getMentions()) {
                int from = t.tokenAt(m.getStart());
                for (int k = from; k < t.size() && t.start(k) < m.getEnd(); k++) out[k] = type * 2 + (k == from ? 0 : 1) + 1;
            }
        }
        return out;
    }

    /**
     * Feature ids of every token of the text, with the rules' mentions and the entities they resolve to as features
     * (type, gazetteer / rule / guess, begin / inside): the tagger learns when to follow them.
     */
    public int[][] extract(TokenizedText t, List<Mention> rules, List<Entity> entities) {
        return extract(t, rules, entities, true);
    }

    /**
     * As {@link #extract(TokenizedText, List, List)}; with {@code skipInactive}, tokens no name can touch (see
     * {@link #active}) get a null row, which the tagger takes for O. Training looks at every token.
     */
    int[][] extract(TokenizedText t, List<Mention> rules, List<Entity> entities, boolean skipInactive) {
        int n = t.size();
        int[] rc = ruleCodes(t, rules);
        int[] ec = entityCodes(t, entities);
        int[][] out = new int[n][];
        if (n == 0) return out;
        String[] lower = new String[n];
        int[] lowerHash = new int[n];
        int[] wordHash = new int[n];
        int[] shapeHash = new int[n];
        int[] shortShapeHash = new int[n];
        boolean[] upper = new boolean[n];
        for (int i = 0; i < n; i++) {
            upper[i] = (t.flags(i) & (TokenizedText.CAP | TokenizedText.ALL_CAPS)) != 0 || hasUpper(t.token(i));
            lower[i] = t.lower(i);
            lowerHash[i] = lower[i].hashCode();
            wordHash[i] = t.token(i).hashCode();
            String tok = t.token(i);
            shapeHash[i] = shape(tok, false);
            shortShapeHash[i] = shape(tok, true);
        }
        // sentences: all-caps sentences (headlines, "LONDON 1996-08-30")
        boolean[] capsSentence = new boolean[n];
        int s = 0;
        while (s < n) {
            int e = s;
            while (e < n - 1 && !t.is(e, TokenizedText.SENT_END)) e++;
            boolean inCaps = capitalsSentence(t, s, e, false);
            for (int k = s; k <= e; k++) capsSentence[k] = inCaps;
            s = e + 1;
        }
        // gazetteer: B/I + type of the longest name covering each token
        int[] gz = new int[n];
        if (trie != null) {
            int i = 0;
            while (i < n) {
                TokenTrie.Match<GazetteerEntry> m = t.is(i, TokenizedText.WORD) ? trie.longest(t, i, n) : null;
                if (m == null) {
                    i++;
                    continue;
                }
                int code = typeCode(best(m.values()).type());
                for (int k = m.from(); k < m.to(); k++) gz[k] = code * 2 + (k == m.from() ? 0 : 1);
                i = m.to();
            }
        }
        // document: capitalised mid-sentence / lower-case occurrences of each lower form
        Map<String, Integer> seen = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (!t.is(i, TokenizedText.WORD)) continue;
            String tok = t.token(i);
            int bit;
            if (Character.isLowerCase(tok.charAt(0))) bit = 1;
            else if (!t.is(i, TokenizedText.SENT_START) && !capsSentence[i] && !t.is(i, TokenizedText.ALL_CAPS)
                    && t.is(i, TokenizedText.CAP)) bit = 2;
            else continue;
            seen.merge(lower[i], bit, (a, b) -> a | b);
        }

        // word clusters: prefixes of each token's path (null: a word the clusters do not know)
        int[][] cl = clusters == null ? null : new int[n][];
        if (cl != null) for (int i = 0; i < n; i++) cl[i] = clusters.prefixes(lower[i]);

        int[] buf = new int[96];
        for (int i = 0; i < n; i++) {
            if (skipInactive && !active(t, i, rc, upper)) continue; // null row: the tagger takes it for O without looking
            int k = 0;
            String tok = t.token(i);
            String low = lower[i];
            boolean caps = capsSentence[i];
            buf[k++] = mix(1, 0);
            buf[k++] = mix(2, wordHash[i]);
            buf[k++] = mix(3, lowerHash[i]);
            int len = low.length();
            for (int p = 1; p <= 4 && p <= len; p++) {
                buf[k++] = mix(10 + p, hashRange(low, 0, p));
                buf[k++] = mix(20 + p, hashRange(low, len - p, len));
            }
            buf[k++] = mix(4, shapeHash[i]);
            buf[k++] = mix(5, shortShapeHash[i]);
            int f = t.flags(i) & (TokenizedText.CAP | TokenizedText.ALL_CAPS | TokenizedText.SENT_START
                    | TokenizedText.NUMBER | TokenizedText.PUNCT);
            buf[k++] = mix(6, f);
            buf[k++] = mix(7, caps ? 1 : 0);
            if (caps) {
                buf[k++] = mix(8, lowerHash[i]);
                buf[k++] = mix(9, shortShapeHash[i]);
                buf[k++] = mix(30, gz[i]);
            }
            // context words and shapes
            buf[k++] = mix(31, i >= 1 ? lowerHash[i - 1] : 17);
            buf[k++] = mix(32, i >= 2 ? lowerHash[i - 2] : 17);
            buf[k++] = mix(33, i + 1 < n ? lowerHash[i + 1] : 19);
            buf[k++] = mix(34, i + 2 < n ? lowerHash[i + 2] : 19);
            buf[k++] = mix(35, i >= 1 ? shortShapeHash[i - 1] : 17);
            buf[k++] = mix(36, i + 1 < n ? shortShapeHash[i + 1] : 19);
            buf[k++] = mix(37, i >= 1 ? lowerHash[i - 1] : 17, lowerHash[i]);
            buf[k++] = mix(38, lowerHash[i], i + 1 < n ? lowerHash[i + 1] : 19);
            buf[k++] = mix(39, i >= 1 ? shortShapeHash[i - 1] : 17, shortShapeHash[i], i + 1 < n ? shortShapeHash[i + 1] : 19);
            buf[k++] = mix(40, i >= 1 && t.is(i - 1, TokenizedText.SENT_END) ? 1 : 0, t.is(i, TokenizedText.SENT_END) ? 1 : 0);
            // gazetteer
            buf[k++] = mix(41, gz[i]);
            buf[k++] = mix(42, gz[i], shortShapeHash[i]);
            buf[k++] = mix(43, i >= 1 ? gz[i - 1] : 99);
            buf[k++] = mix(44, i + 1 < n ? gz[i + 1] : 99);
            if (gazetteer != null && t.is(i, TokenizedText.WORD)) {
                String title = caps && t.is(i, TokenizedText.ALL_CAPS) ? titleCase(tok) : tok;
                int lists = (gazetteer.isGivenName(title) ? 1 : 0) | (gazetteer.isPersonName(title) ? 2 : 0)
                        | (gazetteer.isCommonWord(low) ? 4 : 0) | (gazetteer.isNameWord(title) ? 8 : 0);
                buf[k++] = mix(45, lists);
                buf[k++] = mix(46, lists, shortShapeHash[i]);
                if (i + 1 < n) buf[k++] = mix(47, lists, i + 1 < n ? gz[i + 1] : 99);
            }
            if (rules != null) {
                buf[k++] = mix(50, rc[i]);
                buf[k++] = mix(51, rc[i], shortShapeHash[i]);
                buf[k++] = mix(52, i >= 1 ? rc[i - 1] : 99);
                buf[k++] = mix(53, i + 1 < n ? rc[i + 1] : 99);
                buf[k++] = mix(54, ec[i]);
                buf[k++] = mix(55, ec[i], rc[i]);
                buf[k++] = mix(56, i >= 1 ? ec[i - 1] : 99, ec[i], i + 1 < n ? ec[i + 1] : 99);
                if (caps) buf[k++] = mix(57, ec[i]);
            }
            if (cl != null) {
                int[] c = cl[i], p = i >= 1 ? cl[i - 1] : null, x = i + 1 < n ? cl[i + 1] : null;
                for (int q = 0; q < WordClusters.PREFIXES.length; q++) buf[k++] = mix(60 + q, c == null ? 0 : c[q]);
                buf[k++] = mix(64, c == null ? 0 : c[3], shortShapeHash[i]);
                buf[k++] = mix(65, p == null ? 0 : p[1]);
                buf[k++] = mix(66, p == null ? 0 : p[3]);
                buf[k++] = mix(67, x == null ? 0 : x[1]);
                buf[k++] = mix(68, x == null ? 0 : x[3]);
            }
            Integer d = seen.get(low);
            int doc = d == null ? 0 : d;
            buf[k++] = mix(48, doc, shortShapeHash[i]);
            if (caps) buf[k++] = mix(49, doc);
            out[i] = java.util.Arrays.copyOf(buf, k);
        }
        return out;
    }

    /**
     * Whether token i can be part of a name at all, so is worth scoring: it has a capital letter, touches a token
     * with one in its sentence ("Bank of England", "bin Laden"), or lies in a rule's mention. Most tokens of news copy
     * do not, and skipping them keeps the tagger's cost (one cache line per feature) to the names.
     */
    static boolean active(TokenizedText t, int i, int[] rc, boolean[] upper) {
        if (rc[i] != 0 || upper[i]) return true;
        if (i + 1 < t.size() && !t.is(i, TokenizedText.SENT_END) && upper[i + 1]) return true;
        return i > 0 && !t.is(i - 1, TokenizedText.SENT_END) && upper[i - 1];
    }

    private static boolean hasUpper(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isUpperCase(s.charAt(k))) return true;
        }
        return false;
    }

    private static GazetteerEntry best(List<GazetteerEntry> values) {
        GazetteerEntry best = values.get(0);
        for (int k = 1; k < values.size(); k++) {
            if (values.get(k).rank() < best.rank()) best = values.get(k);
        }
        return best;
    }

    private static String titleCase(String s) {
        if (s.length() < 2) return s;
        return s.charAt(0) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Word shape hash: X for upper, x for lower, d for digits, other chars as themselves; collapsed repeats if short. */
    static int shape(String s, boolean collapse) {
        int h = 7;
        char prev = 0;
        int len = Math.min(s.length(), 12);
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            char m = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
            if (collapse && m == prev) continue;
            prev = m;
            h = 31 * h + m;
        }
        return h;
    }

    private static int hashRange(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + s.charAt(i);
        return h;
    }

    static int mix(int template, int a) {
        return fmix(template * 0x9E3779B9 ^ a);
    }

    static int mix(int template, int a, int b) {
        return fmix(fmix(template * 0x9E3779B9 ^ a) * 31 + b);
    }

    static int mix(int template, int a, int b, int c) {
        return fmix(fmix(fmix(template * 0x9E3779B9 ^ a) * 31 + b) * 31 + c);
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * Whether tokens {@code s..e} (a sentence, both ends included) are written in capitals (a headline, a dateline):
     * at least 70 % of the words all-caps and at most 20 % lower case. With {@code oneLetterCaps} a one-letter capital
     * word counts as all-caps too (a table's heading, "W L PCT GB"); the tagger's features do not count it so.
     */
    static boolean capitalsSentence(TokenizedText t, int s, int e, boolean oneLetterCaps) {
        int words = 0, caps = 0, lowerWords = 0;
        for (int k = s; k <= e; k++) {
            if (!t.is(k, TokenizedText.WORD) || t.is(k, TokenizedText.NUMBER)) continue;
            words++;
            String tok = t.token(k);
            if (t.is(k, TokenizedText.ALL_CAPS) || oneLetterCaps && tok.length() == 1 && Character.isUpperCase(tok.charAt(0))) caps++;
            else if (Character.isLowerCase(tok.charAt(0))) lowerWords++;
        }
        return words > 0 && caps * 10 >= words * 7 && lowerWords * 5 <= words;
    }
}

package io.wirestream.enrich.entity;

import static io.wirestream.enrich.entity.EntityLexicon.CALENDAR;
import static io.wirestream.enrich.entity.EntityLexicon.COMPASS;
import static io.wirestream.enrich.entity.EntityLexicon.COMPOUND_TAILS;
import static io.wirestream.enrich.entity.EntityLexicon.NOT_ALONE;
import static io.wirestream.enrich.entity.EntityLexicon.STORM_WORDS;
import static io.wirestream.enrich.entity.EntityLexicon.EVENT_HEADS;
import static io.wirestream.enrich.entity.EntityLexicon.GENERIC_ACRONYMS;
import static io.wirestream.enrich.entity.EntityLexicon.HONORIFICS;
import static io.wirestream.enrich.entity.EntityLexicon.LOC_FIRST_HEADS;
import static io.wirestream.enrich.entity.EntityLexicon.LOC_HEADS;
import static io.wirestream.enrich.entity.EntityLexicon.LOWER_ORG_HEADS;
import static io.wirestream.enrich.entity.EntityLexicon.NAME_PARTICLES;
import static io.wirestream.enrich.entity.EntityLexicon.NEVER_NAMES;
import static io.wirestream.enrich.entity.EntityLexicon.ORG_FIRST_HEADS;
import static io.wirestream.enrich.entity.EntityLexicon.ORG_HEADS;
import static io.wirestream.enrich.entity.EntityLexicon.PRODUCT_FOLLOWERS;
import static io.wirestream.enrich.entity.EntityLexicon.SAY_VERBS;
import static io.wirestream.enrich.entity.EntityLexicon.TITLE_HEADS;
import static io.wirestream.enrich.entity.EntityLexicon.TITLE_MODIFIERS;

import io.wirestream.enrich.text.TokenTrie;
import io.wirestream.enrich.text.TokenizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds entity mentions in tokenized text: the gazetteer's token trie first, then rules over runs of capitalised
 * words (titles and honorifics, organisation / place / event heads, first-name lists, context words). Names the
 * rules cannot type are returned as guesses ({@link Mention#entry()} null, type PERSON or LOCATION by context) for
 * {@link EntityResolver} to settle against the rest of the story. Stateless and thread-safe.
 */
public final class EntityRecognizer {
    private static final Set<String> JOINING_CONNECTORS = Set.of("of", "for", "and", "&", "the", "on");
    /** Longest run of tokens taken as one name: bounds the work (and recursion) on text in capitals. */
    static final int MAX_NAME_TOKENS = 12;

    private final Gazetteer gazetteer;
    private final TokenTrie<GazetteerEntry> trie;

    public EntityRecognizer(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.trie = gazetteer.names();
    }

    /** Mentions in text order, without overlaps. */
    public List<Mention> recognize(TokenizedText t) {
        List<Mention> out = new ArrayList<>();
        int n = t.size();
        int i = 0;
        while (i < n) {
            if (!t.is(i, TokenizedText.WORD)) {
                i++;
                continue;
            }
            boolean capital = t.is(i, TokenizedText.CAP) || t.is(i, TokenizedText.ALL_CAPS);
            TokenTrie.Match<GazetteerEntry> m = capital || gazetteer.startsLowerCaseName(t.token(i)) ? trie.longest(t, i, n) : null;
            if (!capital && m == null) {
                i++;
                continue;
            }
            if (!capital && i + 1 < n) {
                TokenTrie.Match<GazetteerEntry> next = trie.longest(t, i + 1, n);
                if (next != null && next.to() > m.to()) {
                    i++; // "the Netherlands Antilles": the longer name after "the" wins
                    continue;
                }
            }
            if (m != null && !crossesSentence(t, m.from(), m.to()) && acceptGazetteer(t, m)
                    && !isCompoundModifier(t.token(m.to() - 1)) && !compoundFollows(t, m.to())) {
                int j = Math.max(m.to(), startsName(t, i) ? chunkEnd(t, i) : m.to());
                classify(t, i, j, out);
                i = j;
                continue;
            }
            if (!startsName(t, i) || compoundFollows(t, i + 1)) {
                i++;
                continue;
            }
            int j = chunkEnd(t, i);
            classify(t, i, j, out);
            i = j;
        }
        takeLeadingParticles(t, out);
        return out;
    }

    /**
     * A surname written with its particle and no first name keeps it: "da Silva", "bin Laden", "President de Villepin"
     * (a full name already holds its particles: "Luiz Inacio Lula da Silva").
     */
    private void takeLeadingParticles(TokenizedText t, List<Mention> out) {
        for (int k = 0; k < out.size(); k++) {
            Mention m = out.get(k);
            int p = m.from() - 1;
            if (m.type() != EntityType.PERSON || p < 0 || !LEADING_PARTICLES.contains(t.token(p))) continue;
            out.set(k, new Mention(p, m.to(), t.start(p), m.end(), t.span(p, m.to()), m.type(), m.entry(), m.role()));
        }
    }

    // ---------------------------------------------------------------- chunking

    private boolean acceptGazetteer(TokenizedText t, TokenTrie.Match<GazetteerEntry> m) {
        // lower-case phrases only count when written in capitals, unless the entry itself is lower case
        if (!t.is(m.from(), TokenizedText.CAP) && !t.is(m.from(), TokenizedText.ALL_CAPS)) {
            String first = t.token(m.from());
            if (first.equals("the") && m.to() - m.from() >= 2) return true;
            return !first.isEmpty() && Character.isLowerCase(m.first().name().charAt(0)) == Character.isLowerCase(first.charAt(0))
                    && (first.length() > 3 || first.contains("-"));
        }
        if (m.to() - m.from() == 1 && t.is(m.from(), TokenizedText.SENT_START)) {
            // sentence-initial single word that is also a common word ("Nice", "Split") needs a strong entry
            GazetteerEntry e = best(m.values());
            return e.rank() <= 1 || !gazetteer.isCommonWord(t.lower(m.from()));
        }
        return true;
    }

    private boolean crossesSentence(TokenizedText t, int from, int to) {
        for (int k = from; k < to - 1; k++) {
            if (t.is(k, TokenizedText.SENT_END)) return true;
        }
        return false;
    }

    private boolean isNameToken(TokenizedText t, int i) {
        if (i >= t.size() || !t.is(i, TokenizedText.WORD)) return false;
        if (!t.is(i, TokenizedText.CAP)) return false;
        String tok = t.token(i);
        return !CALENDAR.contains(tok) && !NEVER_NAMES.contains(tok) && !isCompoundModifier(tok);
    }

    /** Token k is a hyphen glued to the name before it and to a modifier tail after it: "U.S." + "-led". */
    private boolean compoundFollows(TokenizedText t, int k) {
        if (k + 1 >= t.size() || !t.token(k).equals("-") || t.end(k - 1) != t.start(k) || t.end(k) != t.start(k + 1)) {
            return false;
        }
        String tail = t.token(k + 1);
        return COMPOUND_TAILS.contains(tail) || tail.endsWith("ed") && tail.length() > 4 && Character.isLowerCase(tail.charAt(0));
    }

    /** "U.S.-led", "London-based", "Israeli-Palestinian": a hyphenated modifier, not a name. */
    private boolean isCompoundModifier(String tok) {
        int h = tok.lastIndexOf('-');
        if (h <= 0 || h == tok.length() - 1) return false;
        String tail = tok.substring(h + 1);
        if (Character.isLowerCase(tail.charAt(0))) {
            return COMPOUND_TAILS.contains(tail) || tail.endsWith("ed") && tail.length() > 4;
        }
        GazetteerEntry a = gazetteer.single(tok.substring(0, tok.indexOf('-')));
        GazetteerEntry b = gazetteer.single(tail);
        return a != null && b != null && gazetteer.single(tok) == null; // "Guinea-Bissau" is one name
    }

    private boolean startsName(TokenizedText t, int i) {
        if (!isNameToken(t, i) && !t.is(i, TokenizedText.ALL_CAPS)) return false;
        if (CALENDAR.contains(t.token(i)) || NEVER_NAMES.contains(t.token(i)) || isCompoundModifier(t.token(i))) return false;
        if (t.is(i, TokenizedText.SENT_START) && gazetteer.isCommonWord(t.lower(i))) {
            String low = t.lower(i);
            boolean nextName = isNameToken(t, i + 1) && !t.is(i, TokenizedText.SENT_END);
            if ((TITLE_HEADS.contains(low) || TITLE_MODIFIERS.contains(low)) && chunkEnd(t, i) - i >= 2) {
                return true; // "Secretary of State Condoleezza Rice said"
            }
            if (nextName && (gazetteer.isGivenName(t.token(i))
                    || ORG_FIRST_HEADS.contains(t.token(i)) || LOC_FIRST_HEADS.contains(t.token(i)))) {
                return true;
            }
            if (nextName && gazetteer.isNameWord(t.token(i)) && gazetteer.isPersonName(t.token(i + 1))) {
                return true; // "Taro Kono said"
            }
            return nextName && ORG_HEADS.contains(t.token(i + 1));
        }
        return true;
    }

    private int chunkEnd(TokenizedText t, int i) {
        int n = t.size();
        int j = i + 1;
        while (j < n && j - i < MAX_NAME_TOKENS && !t.is(j - 1, TokenizedText.SENT_END)) {
            if (isNameToken(t, j) || t.is(j, TokenizedText.ALL_CAPS) && !CALENDAR.contains(t.token(j))) {
                j++;
                continue;
            }
            String low = t.lower(j);
            if (NAME_PARTICLES.contains(low) && isNameToken(t, j + 1)) {
                j += 2;
                continue;
            }
            if (JOINING_CONNECTORS.contains(low) && isNameToken(t, j + 1) && joins(t, i, j)) {
                j += 2;
                continue;
            }
            int afterPossessive = possessiveEnd(t, j);
            if (afterPossessive > j && isNameToken(t, afterPossessive) && endsWithOrgHead(t, afterPossessive)
                    && gazetteer.single(t.token(j - 1)) == null) { // "Iraq's National Assembly" is two names
                j = afterPossessive + 1; // "Lord's Resistance Army", "People's Liberation Army"
                continue;
            }
            if (LOWER_ORG_HEADS.contains(low) && j - i >= 2) {
                j++;
            }
            break;
        }
        return j;
    }

    /** End of a possessive "'s" starting at token j ("'s" or "'" + "s"), or j when there is none. */
    private static int possessiveEnd(TokenizedText t, int j) {
        if (j >= t.size()) return j;
        String tok = t.token(j);
        if (tok.equals("'s") || tok.equals("\u2019s")) return j + 1;
        if ((tok.equals("'") || tok.equals("\u2019")) && j + 1 < t.size() && t.token(j + 1).equals("s")) return j + 2;
        return j;
    }

    private boolean endsWithOrgHead(TokenizedText t, int k) {
        int limit = Math.min(t.size(), k + MAX_NAME_TOKENS);
        while (k < limit && isNameToken(t, k) && !t.is(k, TokenizedText.SENT_END)) k++;
        return ORG_HEADS.contains(t.token(k - 1));
    }

    /** Whether the connector at {@code c} joins the run [i, c) to the capitalised run after it. */
    private boolean joins(TokenizedText t, int i, int c) {
        String first = t.token(i);
        String low = t.lower(c);
        if ((low.equals("of") || low.equals("for") || low.equals("on"))
                && (ORG_FIRST_HEADS.contains(first) || LOC_FIRST_HEADS.contains(t.token(c - 1))
                || ORG_FIRST_HEADS.contains(t.token(c - 1)) || TITLE_HEADS.contains(t.lower(c - 1)))) {
            return true;
        }
        // "X and Y Ministry": joined only when the run after the connector ends with an organisation head
        int k = c + 1;
        int limit = Math.min(t.size(), c + MAX_NAME_TOKENS);
        while (k < limit && isNameToken(t, k) && !t.is(k - 1, TokenizedText.SENT_END)) k++;
        String last = t.token(k - 1);
        return ORG_HEADS.contains(last) && !low.equals("the");
    }

    // ---------------------------------------------------------------- classification

    private void classify(TokenizedText t, int i, int j, List<Mention> out) {
        while (j > i && EntityLexicon.CONNECTORS.contains(t.lower(j - 1)) && !t.is(j - 1, TokenizedText.CAP)) j--;
        if (i < j && (NEVER_NAMES.contains(t.token(i)) || t.token(i).equals("the"))) {
            TokenTrie.Match<GazetteerEntry> whole = trie.longest(t, i, j);
            GazetteerEntry named = whole == null ? null : best(whole.values());
            if (whole != null && whole.to() == j && (named.type() == EntityType.ORGANIZATION
                    || named.name().startsWith("The ") || t.token(i).equals("the"))) {
                out.add(gazetteerMention(t, whole)); // a name that starts with "The": "The Washington Post", "The Hague"
                return;
            }
        }
        while (i < j && (NEVER_NAMES.contains(t.token(i)) || EntityLexicon.CONNECTORS.contains(t.token(i)))) i++;
        if (i >= j) return;
        TokenTrie.Match<GazetteerEntry> m = trie.longest(t, i, j);
        if (m != null && m.to() == j) {
            out.add(gazetteerMention(t, m));
            return;
        }
        if (j - i == 2 && (COMPASS.contains(t.token(i)) || REGION_WORDS.contains(t.token(i)))) {
            TokenTrie.Match<GazetteerEntry> nat = trie.longest(t, i + 1, j);
            if (nat != null && best(nat.values()).type() == EntityType.NATIONALITY) {
                out.add(gazetteerMention(t, nat)); // "West African": the direction is no place of its own
                return;
            }
        }
        String last = t.token(j - 1);
        int len = j - i;
        if (len >= 2 && (ORG_HEADS.contains(last) || LOWER_ORG_HEADS.contains(t.lower(j - 1)))
                && !TITLE_HEADS.contains(t.lower(j - 1))) {
            // an organisation may open with a title-like word ("Joint Staff Office") but not with "President"
            int k = titleEnd(t, i, j);
            if (k <= i || k >= j || !TITLE_HEADS.contains(t.lower(i)) || isOrgAfterTitle(t, k, j)) {
                if (m != null && m.to() < j && best(m.values()).type() == EntityType.NATIONALITY && genericBody(t, m.to(), j)) {
                    // "Russian Foreign Ministry", "Iraqi Army": a nationality and a generic body; "Russian Pacific Fleet" stays whole
                    out.add(gazetteerMention(t, m));
                    out.add(ruleMention(t, m.to(), j, EntityType.ORGANIZATION, null));
                    return;
                }
                out.add(ruleMention(t, i, j, EntityType.ORGANIZATION, null));
                return;
            }
        }
        if (len >= 3 && ORG_FIRST_HEADS.contains(t.token(i)) && t.lower(i + 1).equals("of")) {
            out.add(ruleMention(t, i, j, EntityType.ORGANIZATION, null));
            return;
        }
        for (int p = i + 1; p < j - 1; p++) {
            String low = t.lower(p + 1);
            if (ORG_HEADS.contains(t.token(p)) && (low.equals("of") || low.equals("for") || low.equals("on"))
                    && !TITLE_HEADS.contains(t.lower(i))) {
                out.add(ruleMention(t, i, j, EntityType.ORGANIZATION, null)); // National League for Democracy
                return;
            }
        }
        if (len >= 2 && STORM_WORDS.contains(t.token(i))) {
            out.add(ruleMention(t, i, j, EntityType.EVENT, null)); // Hurricane Katrina
            return;
        }
        int k = titleEnd(t, i, j);
        if (k > i) {
            String role = emitTitle(t, i, k, out);
            if (k < j && EntityLexicon.CONNECTORS.contains(t.token(k))) {
                classify(t, k + 1, j, out); // "Archbishop of Canterbury", "Prince of Wales": no person named
            } else if (k < j) {
                if (role == null) {
                    out.add(ruleMention(t, k, j, EntityType.PERSON, null)); // "Mr. Bush": an honorific, no role
                } else {
                    classifyName(t, k, j, role, out);
                }
            }
            return;
        }
        if (len >= 2 && (LOC_HEADS.contains(last) || LOC_FIRST_HEADS.contains(t.token(i)) && !isPersonStart(t, i))) {
            out.add(ruleMention(t, i, j, EntityType.LOCATION, null));
            return;
        }
        if (len >= 2 && EVENT_HEADS.contains(last)) {
            out.add(ruleMention(t, i, j, EntityType.EVENT, null));
            return;
        }
        if (m != null && m.to() - m.from() == 1 && len <= 4 && best(m.values()).rank() >= 2 && isNameToken(t, i + 1)
                && (gazetteer.isGivenName(t.token(i))
                    || len == 2 && gazetteer.isPersonName(t.token(i + 1)) && gazetteer.single(t.token(i + 1)) == null)) {
            // a state or town that opens a person's name: "Virginia Woolf", "Florence Nightingale", "Hassan Younes"
            classifyName(t, i, j, null, out);
            return;
        }
        if (m != null && placeOpensLongerName(t, m, j)) {
            out.add(ruleMention(t, i, j, EntityType.ORGANIZATION, null)); // "China Daily", "Falun Gong"
            return;
        }
        if (m != null) {
            out.add(gazetteerMention(t, m));
            classify(t, m.to(), j, out);
            return;
        }
        for (int p = i + 1; p < j; p++) {
            TokenTrie.Match<GazetteerEntry> inner = trie.longest(t, p, j);
            if (inner != null && (inner.to() - inner.from() > 1 || best(inner.values()).rank() <= 1)) {
                classify(t, i, p, out);
                out.add(gazetteerMention(t, inner));
                classify(t, inner.to(), j, out);
                return;
            }
        }
        for (int p = i + 1; p < j - 1; p++) {
            if (titleEnd(t, p, j) > p && !NAME_PARTICLES.contains(t.lower(p))) {
                classify(t, i, p, out); // "IllutrationJapanese Defense Minister Itsunori Onodera"
                classify(t, p, j, out);
                return;
            }
        }
        for (int p = i + 1; p < j - 1; p++) {
            String low = t.lower(p);
            if (JOINING_CONNECTORS.contains(low) && !t.is(p, TokenizedText.CAP)) {
                classify(t, i, p, out);
                classify(t, p + 1, j, out);
                return;
            }
        }
        classifyName(t, i, j, null, out);
    }

    /**
     * A place followed, in the same capitalised run, only by common words that name nothing on their own (no place,
     * person, title or nationality): the place is part of a longer proper name ("China Daily", "Falun Gong", "Berlin
     * Wall"). A surname after a place that is also a first name ("Hassan Rowhani") is no common word.
     */
    private boolean placeOpensLongerName(TokenizedText t, TokenTrie.Match<GazetteerEntry> m, int j) {
        if (best(m.values()).type() != EntityType.LOCATION || m.to() >= j) return false;
        for (int p = m.to(); p < j; p++) {
            String tok = t.token(p);
            if (!t.is(p, TokenizedText.CAP) || t.is(p, TokenizedText.ALL_CAPS) || !gazetteer.isCommonWord(t.lower(p))
                    || trie.longest(t, p, j) != null
                    || gazetteer.isPersonName(tok) || isTitleWord(t, p) || NOT_ALONE.contains(tok)
                    || COMPASS.contains(tok) || REGION_WORDS.contains(tok)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An unknown acronym is taken for an organisation ("MEND", "NLD") unless it is a common noun's ("GDP", "HIV"),
     * has digits ("H5N1", "G8") or is an English word in capitals ("FALSE", "MAN").
     */
    private boolean namesAnOrganisation(String token, String lower) {
        return !GENERIC_ACRONYMS.contains(token) && !(lower.length() >= 3 && gazetteer.isCommonWord(lower)) && !hasDigit(token);
    }

    private static boolean hasDigit(String token) {
        for (int k = 0; k < token.length(); k++) {
            if (Character.isDigit(token.charAt(k))) return true;
        }
        return false;
    }

    /** [from, j) is only title words before an organisation head: "Foreign Ministry", "Army", "Interior Ministry". */
    private boolean genericBody(TokenizedText t, int from, int j) {
        for (int k = from; k < j - 1; k++) {
            if (!TITLE_MODIFIERS.contains(t.lower(k))) return false;
        }
        return true;
    }

    private boolean allCommonWords(TokenizedText t, int i, int j) {
        for (int k = i; k < j; k++) {
            if (!gazetteer.isCommonWord(t.lower(k)) || gazetteer.isPersonName(t.token(k))) return false;
        }
        return true;
    }

    private boolean isOrgAfterTitle(TokenizedText t, int k, int j) {
        return j - k >= 2 || ORG_HEADS.contains(t.token(k));
    }

    private boolean isPersonStart(TokenizedText t, int i) {
        return gazetteer.isGivenName(t.token(i)) && !COMPASS.contains(t.token(i)); // "North Kivu"
    }

    /**
     * End (exclusive) of a title at the start of [i, j): modifiers, heads and the nationality / country / organisation
     * before them ("Russian Foreign Minister", "U.N. Secretary-General", "Secretary of State"), or i when none.
     */
    private int titleEnd(TokenizedText t, int i, int j) {
        int k = i;
        int lastHeadEnd = -1;
        while (k < j) {
            String low = t.lower(k);
            if (TITLE_HEADS.contains(low)) {
                k++;
                lastHeadEnd = k;
                if (k + 1 < j && t.lower(k).equals("of") && (TITLE_MODIFIERS.contains(t.lower(k + 1))
                        || ORG_HEADS.contains(t.token(k + 1)))) {
                    k += 2; // Secretary of State, Chief of Staff, Minister of Defense
                    lastHeadEnd = k;
                }
                continue;
            }
            if (TITLE_MODIFIERS.contains(low) && !(lastHeadEnd == k && k + 1 < j && !isTitleWord(t, k + 1))) {
                k++;
                continue;
            }
            if (lastHeadEnd < 0 && k > i && ORG_HEADS.contains(t.token(k)) && k + 1 < j && TITLE_HEADS.contains(t.lower(k + 1))) {
                k++; // "High Court Judge", "Foreign Ministry Spokesman"
                continue;
            }
            if (lastHeadEnd < 0) {
                TokenTrie.Match<GazetteerEntry> m = trie.longest(t, k, j);
                if (m != null && m.to() < j) {
                    EntityType type = best(m.values()).type();
                    if (type == EntityType.NATIONALITY || type == EntityType.LOCATION || type == EntityType.ORGANIZATION) {
                        k = m.to();
                        continue;
                    }
                }
            }
            break;
        }
        return lastHeadEnd < 0 ? i : lastHeadEnd;
    }

    private boolean isTitleWord(TokenizedText t, int k) {
        return TITLE_HEADS.contains(t.lower(k)) || TITLE_MODIFIERS.contains(t.lower(k));
    }

    /** Emits the nationality / place / organisation inside a title and returns the role text (null for "Mr."). */
    private String emitTitle(TokenizedText t, int i, int k, List<Mention> out) {
        int roleStart = i;
        int p = i;
        while (p < k) {
            TokenTrie.Match<GazetteerEntry> m = trie.longest(t, p, k);
            if (m != null && !TITLE_HEADS.contains(t.lower(p)) && !TITLE_MODIFIERS.contains(t.lower(p))) {
                GazetteerEntry government = gazetteer.governmentOf(best(m.values()));
                if (government != null) {
                    // a country in a title stands for its government: "U.S. Secretary of State"
                    out.add(new Mention(m.from(), m.to(), t.start(m.from()), t.end(m.to() - 1), t.span(m.from(), m.to()),
                            EntityType.ORGANIZATION, government, null));
                } else {
                    out.add(gazetteerMention(t, m));
                }
                p = m.to();
                if (roleStart == m.from()) roleStart = p;
            } else {
                p++;
            }
        }
        if (roleStart >= k) return null;
        for (int q = roleStart + 1; q < k - 1; q++) {
            if (ORG_HEADS.contains(t.token(q)) && TITLE_HEADS.contains(t.lower(q + 1))) {
                out.add(ruleMention(t, roleStart, q + 1, EntityType.ORGANIZATION, null)); // "High Court" of "High Court Judge"
                break;
            }
        }
        boolean honorificOnly = true;
        for (int q = roleStart; q < k; q++) {
            if (!HONORIFICS.contains(t.lower(q))) honorificOnly = false;
        }
        return honorificOnly ? null : t.span(roleStart, k);
    }

    /** A run with no gazetteer entry and no telling head: a person if anything says so, else a guess. */
    private void classifyName(TokenizedText t, int i, int j, String role, List<Mention> out) {
        int len = j - i;
        if (len == 0) return;
        if (role != null) {
            out.add(ruleMention(t, i, j, EntityType.PERSON, role));
            return;
        }
        if (j < t.size() && PRODUCT_FOLLOWERS.contains(t.lower(j))) {
            out.add(ruleMention(t, i, j, EntityType.PRODUCT, null));
            return;
        }
        if (i >= 2 && SETTLEMENT_WORDS.contains(t.token(i - 2)) && (t.token(i - 1).equals("of") || t.token(i - 1).equals("near"))) {
            out.add(ruleMention(t, i, j, EntityType.LOCATION, null)); // "the city of Van", "a village near Hit"
            return;
        }
        boolean allNotAlone = true;
        for (int k = i; k < j; k++) if (!NOT_ALONE.contains(t.token(k))) allNotAlone = false;
        if (allNotAlone) return;
        if (len <= 2 && j < t.size() && LEADER_NOUNS.contains(t.token(j))) {
            out.add(ruleMention(t, i, j, EntityType.PERSON, null)); // "the Bush administration", "an Olmert aide"
            return;
        }
        int noun = j < t.size() && REGION_MODIFIERS.contains(t.token(j)) ? j + 1 : j;
        if (noun < t.size() && REGION_NOUNS.contains(t.token(noun))) {
            out.add(ruleMention(t, i, j, EntityType.LOCATION, null)); // "Helmand province", "Orakzai tribal region"
            return;
        }
        if (len == 1 && ORG_HEADS.contains(t.token(i)) && !t.is(i, TokenizedText.SENT_START)) {
            out.add(ruleMention(t, i, j, EntityType.ORGANIZATION, null)); // "the Army", "the Council"
            return;
        }
        if (len == 1 && COMPASS.contains(t.token(i))) {
            out.add(ruleMention(t, i, j, EntityType.LOCATION, null));
            return;
        }
        if (len == 1 && (t.is(i, TokenizedText.ALL_CAPS) && t.token(i).length() <= 6)) {
            String tok = t.token(i);
            if (namesAnOrganisation(tok, t.lower(i))) {
                out.add(ruleMention(t, i, j, EntityType.ORGANIZATION, null));
            } else if (!GENERIC_ACRONYMS.contains(tok) && !hasDigit(tok)) {
                // "MEND", but also "FALSE" in a table: kept only if the story spells it out (the resolver checks)
                out.add(ruleMention(t, i, j, EntityType.ORGANIZATION, WORD_ACRONYM));
            }
            return;
        }
        if (i > 0 && TITLE_HEADS.contains(t.lower(i - 1)) && !t.is(i - 1, TokenizedText.CAP)) {
            String r = HONORIFICS.contains(t.lower(i - 1)) ? null : t.token(i - 1);
            out.add(ruleMention(t, i, j, EntityType.PERSON, r));
            return;
        }
        boolean given = gazetteer.isGivenName(t.token(i)) || gazetteer.isPersonName(t.token(i));
        if (len >= 2 && len <= 4 && given) {
            out.add(ruleMention(t, i, j, EntityType.PERSON, null));
            return;
        }
        if (len >= 2 && allCommonWords(t, i, j)) {
            out.add(ruleMention(t, i, j, EntityType.ORGANIZATION, null)); // "Reporters Without Borders", "Joint Chiefs"
            return;
        }
        if (len >= 2 && j < t.size() && SAY_VERBS.contains(t.lower(j))) {
            out.add(ruleMention(t, i, j, EntityType.PERSON, null));
            return;
        }
        // a guess: the resolver may re-type it from another mention of the same name
        boolean placeContext = i > 0 && !t.is(i - 1, TokenizedText.CAP) && EntityLexicon.LOC_PREPOSITIONS.contains(t.lower(i - 1));
        EntityType guess = placeContext && (len == 1 || !given) ? EntityType.LOCATION : EntityType.PERSON;
        out.add(new Mention(i, j, t.start(i), t.end(j - 1), t.span(i, j), guess, null, GUESS));
    }

    /** Words that make a region of a continent or people: "Central Asian", "Western European". */
    private static final Set<String> REGION_WORDS = Set.of("Northern", "Southern", "Eastern", "Western", "Central");

    /** Lower-case nouns after a name that make it an administrative area: "Helmand province". */
    private static final Set<String> REGION_NOUNS = Set.of("province", "provinces", "district", "districts", "county",
            "prefecture", "governorate", "oblast", "municipality", "township", "region", "state");

    /** Adjectives between a name and its region noun: "Orakzai tribal region". */
    private static final Set<String> REGION_MODIFIERS = Set.of("tribal", "autonomous", "border", "mountainous",
            "northern", "southern", "eastern", "western", "central");

    /** Lower-case nouns that name a settlement: "the town of X". */
    private static final Set<String> SETTLEMENT_WORDS = Set.of("city", "town", "village", "district");

    /** Nouns after a name that make it a leader's: "the Bush administration". */
    private static final Set<String> LEADER_NOUNS = Set.of("administration", "aide", "aides", "presidency");

    /** Lower-case particles that open a surname written without its first name. */
    private static final Set<String> LEADING_PARTICLES = Set.of("de", "da", "du", "del", "della", "bin", "ibn", "van",
            "von", "dos");

    /** Role marker for guessed mentions (never shown: the resolver replaces it). */
    public static final String GUESS = "\u0000guess";

    /** Role marker for an acronym that is also an English word ("MEND"): an organisation only if the story spells it out. */
    static final String WORD_ACRONYM = "\u0000acronym";

    private Mention ruleMention(TokenizedText t, int i, int j, EntityType type, String role) {
        return new Mention(i, j, t.start(i), t.end(j - 1), t.span(i, j), type, null, role);
    }

    private Mention gazetteerMention(TokenizedText t, TokenTrie.Match<GazetteerEntry> m) {
        GazetteerEntry e = best(m.values());
        int from = m.from();
        return new Mention(from, m.to(), t.start(from), t.end(m.to() - 1), t.span(from, m.to()), e.type(), e, null);
    }

    static GazetteerEntry best(List<GazetteerEntry> values) {
        GazetteerEntry best = values.get(0);
        for (int k = 1; k < values.size(); k++) {
            if (values.get(k).rank() < best.rank()) best = values.get(k);
        }
        return best;
    }
}

package io.wirestream.enrich.ner;

import io.wirestream.enrich.entity.EntityRecognizer;
import io.wirestream.enrich.entity.EntityType;
import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.entity.GazetteerEntry;
import io.wirestream.enrich.entity.Mention;
import io.wirestream.enrich.text.TokenTrie;
import io.wirestream.enrich.text.TokenizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Combines the tagger's spans with the rules' mentions (each choice measured on both dev sets, see enrich/README.md):
 * <ul>
 *   <li>the tagger proposes the names; a rule mention with the same span and class is kept in its place, so the
 *       rules' gazetteer entry (canonical id, linked country) and the title as role stay;</li>
 *   <li>a rule mention the rules only guessed (no gazetteer entry, no telling word) that the tagger tags with the same
 *       span and class, with a margin of at least {@value #CONFIRM_MARGIN}, is confirmed: the resolver no longer drops
 *       it as a lone unknown word ("Lukashenko 's aides", "Yeltsin has said");</li>
 *   <li>a tagger span with no rule mention gets the gazetteer entry of its exact text when one of its class exists;</li>
 *   <li>a MISC span is kept only where the rules also see a nationality / event / product (the rules know which
 *       adjectives are nationalities; alone, the tagger also tags religions and "European", "Olympic");</li>
 *   <li>a leading honorific is no part of a name ("Ms. Rice") and a name glued to a modifier ("U.S.-led") is none;</li>
 *   <li>rule mentions where the tagger found nothing are kept (titles' nationalities, governments, guesses the
 *       resolver settles).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class NameCombiner {
    private static final Set<String> HONORIFICS = Set.of("mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir");
    private static final Set<String> MODIFIER_TAILS = Set.of("based", "born", "made", "run", "era", "style", "majority",
            "dominated", "led", "fed");
    /** Longest span taken from the tagger; longer runs (capitalised lists, tables) are left to the rules. */
    static final int MAX_SPAN = 12;
    /**
     * Smallest {@link NerTagger.Span#margin()} at which the tagger confirms a rule's guess. Any value from 25 to 200
     * raised F1 on both dev sets (enrich/README.md); 50 is in the middle of that range, not its best point on either.
     */
    static final float CONFIRM_MARGIN = 50f;

    private final TokenTrie<GazetteerEntry> trie;

    public NameCombiner(Gazetteer gazetteer) {
        this.trie = gazetteer.names();
    }

    static int classOf(EntityType t) {
        return switch (t) {
            case PERSON -> 0;
            case ORGANIZATION -> 1;
            case LOCATION -> 2;
            default -> 3;
        };
    }

    /** Mentions in text order, without overlaps. */
    public List<Mention> combine(TokenizedText t, List<Mention> rules, List<NerTagger.Span> spans) {
        List<Mention> tagged = new ArrayList<>(spans.size());
        int r = 0;
        for (NerTagger.Span span : spans) {
            NerTagger.Span s = span;
            if (s.to() - s.from() >= 2 && HONORIFICS.contains(t.lower(s.from()))) {
                s = new NerTagger.Span(s.from() + 1, s.to(), s.cls()); // "Ms. Rice": titles stay outside names
            }
            if (s.to() - s.from() == 1 && isModifier(t.token(s.from())) || modifierFollows(t, s.to())
                    || s.to() - s.from() > MAX_SPAN) {
                continue;
            }
            while (r < rules.size() && rules.get(r).to() <= s.from()) r++;
            Mention same = null;
            boolean ruleMisc = false, ruleWins = false;
            for (int k = r; k < rules.size() && rules.get(k).from() < s.to(); k++) {
                Mention m = rules.get(k);
                if (m.from() == s.from() && m.to() == s.to() && classOf(m.type()) == s.cls()) same = m;
                if (m.to() > s.from() && classOf(m.type()) == 3) ruleMisc = true;
                if (m.to() > s.from() && rulesKeep(m, s)) ruleWins = true;
            }
            if (ruleWins) continue;
            if (s.cls() == 3 && !ruleMisc) continue;
            if (same != null && same.role() == EntityRecognizer.GUESS && s.margin() >= CONFIRM_MARGIN) {
                same = same.withRole(null); // the tagger vouches for the rules' guess
            }
            tagged.add(same != null ? same : mention(t, s));
        }
        boolean[] covered = new boolean[t.size()];
        for (Mention m : tagged) for (int k = m.from(); k < m.to(); k++) covered[k] = true;
        List<Mention> out = new ArrayList<>(tagged);
        for (Mention m : rules) {
            boolean free = true;
            for (int k = m.from(); k < m.to(); k++) if (covered[k]) free = false;
            if (free) out.add(m);
        }
        out.sort((a, b) -> Integer.compare(a.from(), b.from()));
        return out;
    }

    /**
     * Where the rules know better than the tagger: a person with the title written before it (the role), a country
     * standing for its government in a title, and a longer name that holds the tagger's span ("bin Laden" for
     * "Laden", "China Daily" for "China").
     */
    static boolean rulesKeep(Mention m, NerTagger.Span s) {
        // "bin Laden" (a surname with its particle) holds "Laden"; "China Daily" (a place opening a longer name) "China"

        if (m.type() == EntityType.PERSON && m.role() != null && !m.role().startsWith("\u0000")) return true;
        if (m.entry() != null && m.entry().id().startsWith("org:government:")) return true;
        if (m.from() > s.from() || m.to() < s.to() || m.to() - m.from() <= s.to() - s.from()) return false;
        if (m.type() == EntityType.PERSON && s.cls() == 0 && Character.isLowerCase(m.text().charAt(0))) return true;
        return m.type() == EntityType.ORGANIZATION && m.entry() == null && s.cls() == 2 && m.from() == s.from();
    }

    /** A hyphenated modifier such as "London-based": no name of its own. */
    static boolean isModifier(String tok) {
        int h = tok.lastIndexOf('-');
        if (h <= 0 || h == tok.length() - 1) return false;
        String tail = tok.substring(h + 1);
        return Character.isLowerCase(tail.charAt(0)) && (MODIFIER_TAILS.contains(tail) || tail.endsWith("ed") && tail.length() > 4);
    }

    /** Token k is a hyphen glued to the name before it and to a modifier tail after it: "U.S." + "-" + "led". */
    static boolean modifierFollows(TokenizedText t, int k) {
        if (k < 1 || k + 1 >= t.size() || !t.token(k).equals("-") || t.end(k - 1) != t.start(k) || t.end(k) != t.start(k + 1)) {
            return false;
        }
        return isModifier("x-" + t.token(k + 1));
    }

    private Mention mention(TokenizedText t, NerTagger.Span s) {
        EntityType type = switch (s.cls()) {
            case 0 -> EntityType.PERSON;
            case 1 -> EntityType.ORGANIZATION;
            case 2 -> EntityType.LOCATION;
            default -> EntityType.EVENT;
        };
        GazetteerEntry entry = null;
        TokenTrie.Match<GazetteerEntry> m = trie.longest(t, s.from(), s.to());
        if (m != null && m.to() == s.to()) {
            for (GazetteerEntry e : m.values()) {
                if (classOf(e.type()) == s.cls() && (entry == null || e.rank() < entry.rank())) entry = e;
            }
        }
        if (entry != null) type = entry.type();
        else if (s.cls() == 3 && s.to() - s.from() == 1) type = EntityType.NATIONALITY;
        return new Mention(s.from(), s.to(), t.start(s.from()), t.end(s.to() - 1), t.span(s.from(), s.to()), type, entry, null);
    }
}

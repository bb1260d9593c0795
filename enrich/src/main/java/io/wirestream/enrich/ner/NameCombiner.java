package io.wirestream.enrich.ner;

import io.wirestream.enrich.entity.EntityLexicon;
import io.wirestream.enrich.entity.EntityRecognizer;
import io.wirestream.enrich.entity.EntityType;
import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.entity.GazetteerEntry;
import io.wirestream.enrich.entity.Mention;
import io.wirestream.enrich.text.TokenTrie;
import io.wirestream.enrich.text.TokenizedText;
import java.util.ArrayList;
import java.util.HashSet;
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
 *   <li>a determiner opening the sentence ("The Commerce Department said") and a weekday at either end are no part of
 *       a name ("Mr. Mandelson Tuesday said"); a person span glued to a number
 *       ("01-Jan", a score a spreadsheet turned into a date) or a one-word one that is a nationality or a religious /
 *       political group ("Hispanic", "Muslims", "Kurds") is no person;</li>
 *   <li>a name right after a storm word is the rules' storm ("Hurricane Katrina"), and a one-word person named like a
 *       storm of the story is that storm ("Katrina had 185 km/h winds");</li>
 *   <li>the rules' reading wins where it splits a nationality from a state body ("Afghan" + "Defense Ministry") and
 *       where a person follows an honorific ("Mr. Obrador", whatever class the tagger gave it);</li>
 *   <li>rule mentions where the tagger found nothing are kept (titles' nationalities, governments, guesses the
 *       resolver settles), except, in a line written in capitals, those without a gazetteer entry ("RESULTS OF");</li>
 *   <li>function words and weekdays in capitals at a span's ends are no part of it, a table's column heads
 *       ("W L PCT GB") and a singular common noun after an article that only a rule guess touches ("the Fox") are
 *       no names;</li>
 *   <li>story-level: a person the story also writes as a company's ("Pirelli SpA", "Pirelli shares rose",
 *       "Ontario-based Magna") is that company, and a one-word place or unknown organisation that is the surname of a
 *       person named in full with an English first name ("Trevor Holland" ... "Holland") is that person.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class NameCombiner {
    private static final Set<String> HONORIFICS = Set.of("mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir");
    /** Heads of a state's own bodies: a nationality before them is no part of the name ("Iraqi" + "Defense Ministry"). */
    private static final Set<String> STATE_BODIES = Set.of("Ministry", "Ministries", "Army", "Navy", "Force", "Forces",
            "Court", "Government", "Embassy", "Consulate", "Cabinet", "Police", "Parliament", "Assembly", "Senate",
            "Guard", "Guards");
    /** Legal forms that end a company's name: "Pirelli SpA", "Magna Inc". */
    private static final Set<String> CORPORATE_SUFFIXES = Set.of("SpA", "S.p.A.", "AG", "GmbH", "Inc", "Inc.", "Corp",
            "Corp.", "Ltd", "Ltd.", "PLC", "Plc", "plc", "NV", "N.V.", "LLC", "Bancorp", "Holdings", "BV", "B.V.",
            "ASA", "Oyj", "Bhd", "Berhad", "Pty", "S.A.", "SA", "Co", "Co.");
    /** What shares do: "Pirelli shares rose". */
    private static final Set<String> MARKET_VERBS = Set.of("rose", "fell", "closed", "ended", "were", "was", "gained",
            "lost", "dropped", "jumped", "slipped", "eased", "firmed", "rallied", "surged", "plunged", "tumbled",
            "climbed", "slid", "finished", "opened", "traded", "reacted", "rise", "fall", "have", "had", "are", "and",
            "in", "on", "at", "edged", "soared", "sank", "added", "shed", "declined", "advanced");
    /** Words that neither open nor close a name (lower case): "'S RESULTS FROM THE" in a headline. */
    private static final Set<String> FUNCTION_WORDS = Set.of("'s", "of", "the", "and", "in", "at", "from", "to", "on",
            "by", "with", "for", "vs", "vs.", "or");
    private static final Set<String> ARTICLES = Set.of("the", "The", "a", "an", "A", "An");
    private static final Set<String> DETERMINERS = Set.of("The", "A", "An", "No", "This", "That", "These", "Those");
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
    private final Gazetteer gazetteer;

    public NameCombiner(Gazetteer gazetteer) {
        this.trie = gazetteer.names();
        this.gazetteer = gazetteer;
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
            s = withoutWeekdays(t, withoutOpeningDeterminer(t, s));
            if (s == null || s.to() - s.from() == 1 && isModifier(t.token(s.from())) || modifierFollows(t, s.to())
                    || s.to() - s.from() > MAX_SPAN || s.cls() == 0 && isNoPerson(t, s) || afterStormWord(t, s)
                    || tableHeading(t, s)) {
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
                if (m.from() == s.from() && (honorificPerson(t, m, s) || nationalityOfStateBody(t, rules, k, s))) {
                    ruleWins = true;
                }
            }
            if (ruleWins) continue;
            if (commonNounAfterDeterminer(t, rules, r, s)) continue;
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
            if (free && m.entry() == null && inCapitals(t, m.from())) continue; // "RESULTS OF", "IN" in a headline
            if (free) out.add(m);
        }
        out.sort((a, b) -> Integer.compare(a.from(), b.from()));
        return surnamesNotPlaces(t, companiesNotPeople(t, stormsNotPeople(t, out)));
    }

    /**
     * The span without a determiner that opens the sentence ("The Commerce Department said", "No Afghan"), unless the
     * gazetteer knows the name with it ("The Hague"). Inside a sentence a capitalised "The" belongs to a title.
     */
    NerTagger.Span withoutOpeningDeterminer(TokenizedText t, NerTagger.Span s) {
        if (s.to() - s.from() < 2 || !t.is(s.from(), TokenizedText.SENT_START) || !DETERMINERS.contains(t.token(s.from()))) {
            return s;
        }
        TokenTrie.Match<GazetteerEntry> known = trie.longest(t, s.from(), s.to());
        return known != null && known.to() == s.to() ? s : new NerTagger.Span(s.from() + 1, s.to(), s.cls(), s.margin());
    }

    /**
     * The span without weekdays ("Mandelson Tuesday" -> "Mandelson", "FRIDAY" in a headline) and function words
     * ("'S RESULTS FROM THE", "IN" in a headline) at its ends, null when nothing is left.
     */
    static NerTagger.Span withoutWeekdays(TokenizedText t, NerTagger.Span s) {
        int a = s.from(), b = s.to();
        while (a < b && (isWeekday(t.token(b - 1)) || FUNCTION_WORDS.contains(t.lower(b - 1)))) b--;
        while (a < b && (isWeekday(t.token(a)) || FUNCTION_WORDS.contains(t.lower(a)) && !t.lower(a).equals("the"))) a++;
        if (a == b) return null;
        return a == s.from() && b == s.to() ? s : new NerTagger.Span(a, b, s.cls(), s.margin());
    }

    /**
     * Token k's sentence is written in capitals (a headline, a dateline, a table's heading), as the tagger's features
     * see it but with one capital letter counted as capitals ("W L PCT GB"). There capitals say nothing and the rules'
     * unknown names are mostly words ("RESULTS OF", "IN"): the tagger, trained on such lines, decides.
     */
    static boolean inCapitals(TokenizedText t, int k) {
        int s = k, e = k, n = t.size();
        while (s > 0 && !t.is(s - 1, TokenizedText.SENT_END)) s--;
        while (e < n - 1 && !t.is(e, TokenizedText.SENT_END)) e++;
        return NerFeatures.capitalsSentence(t, s, e, true);
    }

    /**
     * A one-word tagger span after "the" / "a" / "an" that is a singular common English word and that no rule mention
     * but a guess touches: a character of a fable or a capitalised noun ("the Fox", "the Shepherd"), no name. Plurals
     * stay: they are teams ("the Braves").
     */
    private boolean commonNounAfterDeterminer(TokenizedText t, List<Mention> rules, int r, NerTagger.Span s) {
        int f = s.from();
        if (s.to() - f != 1 || f == 0 || !ARTICLES.contains(t.token(f - 1)) || !gazetteer.isCommonWord(t.lower(f))) return false;
        if (t.token(f).endsWith("s")) return false;
        for (int k = r; k < rules.size() && rules.get(k).from() < s.to(); k++) {
            if (rules.get(k).to() > f && rules.get(k).role() != EntityRecognizer.GUESS) return false;
        }
        return true;
    }

    /**
     * A run of short capital abbreviations in a line written in capitals: a table's column heads ("W D L PCT GB",
     * "F G / A"), no name.
     */
    static boolean tableHeading(TokenizedText t, NerTagger.Span s) {
        if (s.to() - s.from() < 2) return false;
        for (int k = s.from(); k < s.to(); k++) {
            String tok = t.token(k);
            if (tok.length() > 3) return false;
            for (int i = 0; i < tok.length(); i++) if (!Character.isUpperCase(tok.charAt(i))) return false;
        }
        return inCapitals(t, s.from());
    }

    /** "Tuesday", and "TUESDAY" in a headline. */
    private static boolean isWeekday(String tok) {
        if (EntityLexicon.WEEKDAYS.contains(tok)) return true;
        if (tok.length() < 6 || tok.length() > 9 || !Character.isUpperCase(tok.charAt(1))) return false;
        return EntityLexicon.WEEKDAYS.contains(tok.charAt(0) + tok.substring(1).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A person span that cannot be one: a token starting with a digit, a first token glued to "number-" ("01-Jan":
     * a score a spreadsheet turned into a date), or one word that is a nationality or a religious / political group.
     */
    private boolean isNoPerson(TokenizedText t, NerTagger.Span s) {
        for (int k = s.from(); k < s.to(); k++) {
            if (Character.isDigit(t.token(k).charAt(0))) return true;
        }
        int f = s.from();
        if (f >= 2 && t.token(f - 1).equals("-") && t.end(f - 1) == t.start(f) && t.end(f - 2) == t.start(f - 1)) {
            String before = t.token(f - 2);
            if (Character.isDigit(before.charAt(before.length() - 1))) return true;
        }
        return s.to() - f == 1 && (EntityLexicon.NOT_ALONE.contains(t.token(f)) || isNationality(t, f));
    }

    private boolean isNationality(TokenizedText t, int k) {
        TokenTrie.Match<GazetteerEntry> m = trie.longest(t, k, k + 1);
        if (m == null || m.to() != k + 1) return false;
        for (GazetteerEntry e : m.values()) {
            if (e.type() == EntityType.NATIONALITY) return true;
        }
        return false;
    }

    /** A name right after "Hurricane" / "Typhoon" / "Storm": the rules type the storm (an event), not a person. */
    static boolean afterStormWord(TokenizedText t, NerTagger.Span s) {
        return s.cls() != 3 && s.from() > 0 && EntityLexicon.STORM_WORDS.contains(t.token(s.from() - 1));
    }

    /** The rules' person after "Mr." / "Ms." / "Dr." with the tagger's span but another class: an honorific says person. */
    private static boolean honorificPerson(TokenizedText t, Mention m, NerTagger.Span s) {
        return s.cls() != 0 && m.type() == EntityType.PERSON && m.to() == s.to() && m.from() > 0
                && HONORIFICS.contains(t.lower(m.from() - 1));
    }

    /**
     * The tagger's organisation is the rules' nationality followed by the rules' organisation, a state body ("Afghan
     * Defense Ministry", "Ethiopian High Court"): the nationality is no part of the name. A party or a league keeps
     * it ("Scottish National Party").
     */
    private static boolean nationalityOfStateBody(TokenizedText t, List<Mention> rules, int k, NerTagger.Span s) {
        Mention m = rules.get(k);
        if (s.cls() != 1 || m.type() != EntityType.NATIONALITY || k + 1 >= rules.size()) return false;
        Mention body = rules.get(k + 1);
        return body.from() == m.to() && body.to() == s.to() && body.type() == EntityType.ORGANIZATION
                && STATE_BODIES.contains(t.token(s.to() - 1));
    }

    /** A one-word person named like a storm of the story ("Hurricane Katrina" ... "Katrina had") is that storm. */
    private static List<Mention> stormsNotPeople(TokenizedText t, List<Mention> mentions) {
        Set<String> storms = new HashSet<>();
        for (int k = 1; k < t.size(); k++) {
            if (EntityLexicon.STORM_WORDS.contains(t.token(k - 1)) && Character.isUpperCase(t.token(k).charAt(0))) {
                storms.add(t.token(k));
            }
        }
        if (storms.isEmpty()) return mentions;
        List<Mention> out = new ArrayList<>(mentions.size());
        for (Mention m : mentions) {
            boolean storm = m.type() == EntityType.PERSON && m.to() - m.from() == 1 && storms.contains(m.text());
            out.add(storm ? new Mention(m.from(), m.to(), m.start(), m.end(), m.text(), EntityType.EVENT, null, null) : m);
        }
        return out;
    }

    /**
     * A one-word place or organisation that is the surname of a person the story names in full, with an English first
     * name ("Trevor Holland" ... "recognised Holland in a shop", "Neil Jordan" ... "Jordan defends his decision"), is
     * that person.
     */
    private List<Mention> surnamesNotPlaces(TokenizedText t, List<Mention> mentions) {
        Set<String> surnames = null;
        for (Mention m : mentions) {
            if (m.type() == EntityType.PERSON && m.to() - m.from() >= 2 && m.entry() == null
                    && Character.isUpperCase(t.token(m.from()).charAt(0)) && gazetteer.isGivenName(t.token(m.from()))) {
                if (surnames == null) surnames = new HashSet<>();
                surnames.add(t.token(m.to() - 1));
            }
        }
        if (surnames == null) return mentions;
        List<Mention> out = new ArrayList<>(mentions.size());
        for (Mention m : mentions) {
            boolean person = m.to() - m.from() == 1 && surnames.contains(m.text()) && (m.type() == EntityType.LOCATION
                    || m.type() == EntityType.ORGANIZATION && m.entry() == null); // a known company keeps its name ("Ford")
            out.add(person ? new Mention(m.from(), m.to(), m.start(), m.end(), m.text(), EntityType.PERSON, null, null) : m);
        }
        return out;
    }

    /**
     * A person without a title whose name the story also writes as a company's ("Pirelli SpA", "Pirelli shares rose",
     * "shares of Jones", "Ontario-based Magna") is that company, wherever the story names it.
     */
    private static List<Mention> companiesNotPeople(TokenizedText t, List<Mention> mentions) {
        Set<String> companies = null;
        for (Mention m : mentions) {
            if (m.type() != EntityType.PERSON && m.type() != EntityType.ORGANIZATION) continue;
            String name = companyName(t, m);
            if (name != null) {
                if (companies == null) companies = new HashSet<>();
                companies.add(name);
            }
        }
        if (companies == null) return mentions;
        List<Mention> out = new ArrayList<>(mentions.size());
        for (Mention m : mentions) {
            boolean company = m.type() == EntityType.PERSON && (m.role() == null || m.role().startsWith("\u0000"))
                    && companies.contains(m.text());
            // a guess stays one: the resolver still drops a capitalised common word ("First" of "First of America")
            out.add(company ? new Mention(m.from(), m.to(), m.start(), m.end(), m.text(), EntityType.ORGANIZATION, null,
                    m.role() == EntityRecognizer.GUESS ? m.role() : null) : m);
        }
        return out;
    }

    /** The name a mention shows to be a company's (without its legal suffix), or null. */
    static String companyName(TokenizedText t, Mention m) {
        int f = m.from(), e = m.to(), n = t.size();
        if (e - f >= 2 && CORPORATE_SUFFIXES.contains(t.token(e - 1))) return t.span(f, e - 1);
        if (m.type() != EntityType.PERSON) return null;
        if (e < n && CORPORATE_SUFFIXES.contains(t.token(e))) return m.text();
        int k = e < n && t.token(e).equals("'s") ? e + 1 : e;
        if (k + 1 < n && (t.token(k).equals("shares") || t.token(k).equals("stock"))
                && (MARKET_VERBS.contains(t.lower(k + 1)) || t.is(k + 1, TokenizedText.PUNCT))) {
            return m.text(); // "Pirelli shares reacted", "Jones stock closed"
        }
        if (f >= 2 && t.token(f - 1).equals("of") && (t.token(f - 2).equals("shares") || t.token(f - 2).equals("stock"))) {
            return m.text(); // "shares of Jones"
        }
        if (f >= 1 && t.lower(f - 1).endsWith("-based") && t.token(f - 1).length() > 6) return m.text();
        if (f >= 3 && t.token(f - 1).equals("based") && t.token(f - 2).equals("-") && t.end(f - 2) == t.start(f - 1)) {
            return m.text(); // "Ontario-based Magna"
        }
        return null;
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

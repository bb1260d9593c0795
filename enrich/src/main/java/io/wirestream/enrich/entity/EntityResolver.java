package io.wirestream.enrich.entity;

import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.MentionSpan;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a story's mentions into entities: settles guessed types against the other mentions, merges aliases
 * ("Onodera" into "Itsunori Onodera", "IAEA" into "International Atomic Energy Agency"), mints canonical ids, collects
 * roles (titles before a name and appositives after it: "Katsutoshi Kawano, chief of staff of the Joint Staff Office,")
 * and scores salience. Stateless and thread-safe.
 */
public final class EntityResolver {
    private static final Set<String> SKIP_IN_INITIALS = Set.of("of", "the", "and", "for", "&", "on", "in", "de");

    private final Gazetteer gazetteer;

    public EntityResolver(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** Avro entities, most salient first. {@code headline} may be empty. */
    public List<Entity> resolve(TokenizedText t, List<Mention> mentions, String headline) {
        List<Mention> ms = settle(t, mentions);
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, Group> personByPart = new HashMap<>();
        Map<String, Group> orgByInitials = new HashMap<>();
        // pass 1: full names (multi-token persons, gazetteer entries, organisations)
        for (Mention m : ms) {
            if (surnameOnly(t, m)) continue;
            Group g = groups.computeIfAbsent(key(m), k -> new Group(k, m));
            g.add(m);
            if (m.type() == EntityType.PERSON && m.entry() == null) {
                String[] parts = words(m.text());
                personByPart.putIfAbsent(parts[parts.length - 1], g);
                if (parts.length >= 2) personByPart.putIfAbsent(parts[0] + "#first", g);
            }
            if (m.type() == EntityType.ORGANIZATION && m.to() - m.from() >= 2) {
                orgByInitials.putIfAbsent(initials(t, m), g);
            }
        }
        // pass 2: single-token person names join the full name they shorten
        for (Mention m : ms) {
            if (!surnameOnly(t, m)) continue;
            Group g = personByPart.get(t.token(m.to() - 1));
            if (g == null) g = groups.computeIfAbsent(key(m), k -> new Group(k, m));
            g.add(m);
        }
        // acronyms: "International Atomic Energy Agency ... (IAEA)"
        for (Group g : new ArrayList<>(groups.values())) {
            if (g.type == EntityType.ORGANIZATION && g.entryId == null && g.name.length() <= 6
                    && g.name.equals(g.name.toUpperCase(Locale.ROOT))) {
                Group full = orgByInitials.get(g.name.replace(".", ""));
                boolean wordAcronym = g.mentions.get(0).role() == EntityRecognizer.WORD_ACRONYM;
                if (full != null && full != g) {
                    for (Mention m : g.mentions) full.mentions.add(wordAcronym ? m.withRole(null) : m);
                    groups.remove(g.key);
                } else if (wordAcronym) {
                    groups.remove(g.key); // "FALSE", "MAN": a word in capitals that no name in the story spells out
                }
            }
        }
        int len = Math.max(1, t.text().length());
        String head = headline == null ? "" : headline.toLowerCase(Locale.ROOT);
        int maxCount = 1;
        for (Group g : groups.values()) maxCount = Math.max(maxCount, g.mentions.size());
        List<Entity> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            g.mentions.sort((a, b) -> Integer.compare(a.start(), b.start()));
            List<MentionSpan> spans = new ArrayList<>(g.mentions.size());
            Set<String> roles = new LinkedHashSet<>();
            int prevStart = -1;
            for (Mention m : g.mentions) {
                if (m.start() == prevStart) continue;
                prevStart = m.start();
                spans.add(new MentionSpan(m.start(), m.end(), m.text()));
                if (m.role() != null) roles.add(m.role());
                if (m.type() == EntityType.PERSON) {
                    String app = appositive(t, m.to());
                    if (app != null) roles.add(app);
                }
            }
            double first = g.mentions.get(0).start() / (double) len;
            double s = 0.55 * Math.min(1.0, spans.size() / (double) maxCount) + 0.35 * (1.0 - first)
                    + (!head.isEmpty() && head.contains(g.name.toLowerCase(Locale.ROOT)) ? 0.1 : 0.0);
            if (s > 1.0) s = 1.0;
            // all-args constructors: Avro's builders copy and validate every field, several times slower
            out.add(new Entity(g.id(), g.name, g.type.name(), new ArrayList<>(roles), g.linkedTo,
                    Math.round(Math.min(1.0, s) * 1000) / 1000.0, spans));
        }
        out.sort((a, b) -> {
            int c = Double.compare(b.getSalience(), a.getSalience());
            return c != 0 ? c : Integer.compare(a.getMentions().get(0).getStart(), b.getMentions().get(0).getStart());
        });
        return out;
    }

    /** A person named by one word, or by a surname with its particles ("bin Laden"): it may shorten a full name. */
    private static boolean surnameOnly(TokenizedText t, Mention m) {
        if (m.entry() != null || m.type() != EntityType.PERSON) return false;
        for (int k = m.from(); k < m.to() - 1; k++) {
            if (!EntityLexicon.NAME_PARTICLES.contains(t.token(k))) return false;
        }
        return true;
    }

    /** Settles guesses: a guessed name written elsewhere with a known type takes it; a lone surname becomes a person. */
    private List<Mention> settle(TokenizedText t, List<Mention> mentions) {
        Map<String, Mention> known = new HashMap<>();
        Set<String> personParts = new java.util.HashSet<>();
        for (Mention m : mentions) {
            if (m.role() != EntityRecognizer.GUESS) {
                known.putIfAbsent(m.text(), m);
                if (m.type() == EntityType.PERSON && m.entry() == null) {
                    for (String p : words(m.text())) personParts.add(p);
                }
            }
        }
        List<Mention> out = new ArrayList<>(mentions.size());
        for (Mention m : mentions) {
            if (m.role() == EntityRecognizer.GUESS) {
                Mention k = known.get(m.text());
                if (k != null) {
                    m = k.entry() != null ? m.withEntry(k.entry()).withRole(null) : m.withType(k.type()).withRole(null);
                } else if (personParts.contains(m.text())) {
                    m = m.withType(EntityType.PERSON).withRole(null);
                } else if (m.to() - m.from() == 1 && m.type() == EntityType.PERSON && gazetteer.isNameWord(m.text())
                        && m.to() < t.size() && EntityLexicon.SAY_VERBS.contains(t.lower(m.to()))) {
                    m = m.withRole(null); // "Bush", "Rice": a known name, capitalised where only names are
                } else if (m.to() - m.from() == 1 && (gazetteer.isCommonWord(t.lower(m.from())) || isModifier(m.text()))) {
                    continue; // a capitalised common word nothing else vouches for: "Eve", "People", "Control"
                } else if (m.to() - m.from() == 1 && m.type() == EntityType.PERSON && gazetteer.isPersonName(m.text())) {
                    m = m.withType(EntityType.PERSON).withRole(null);
                } else if (m.to() - m.from() == 1 && m.type() == EntityType.PERSON
                        && !(m.to() < t.size() && (EntityLexicon.SAY_VERBS.contains(t.lower(m.to()))
                            || EntityLexicon.PERSON_VERBS.contains(t.lower(m.to()))))) {
                    continue; // a lone unknown word: as often a place, a group or nothing as a person
                } else {
                    m = m.withRole(null);
                }
            } else if (m.entry() != null && m.entry().rank() >= 2 && m.to() - m.from() == 1
                    && personParts.contains(m.text())) {
                // a town that shares a surname with a person in the story: the person wins
                m = new Mention(m.from(), m.to(), m.start(), m.end(), m.text(), EntityType.PERSON, null, null);
            }
            out.add(m);
        }
        return out;
    }

    private static String[] words(String s) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == ' ' || s.charAt(i) == '\n') n++;
        if (n == 1) return new String[] {s};
        String[] out = new String[n];
        int k = 0, from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ' ' || s.charAt(i) == '\n') {
                out[k++] = s.substring(from, i);
                from = i + 1;
            }
        }
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }

    /** "HIV-positive", "Pro-Russian", "Spanish-language": a hyphenated word that is no name on its own. */
    private static boolean isModifier(String tok) {
        int h = tok.lastIndexOf('-');
        if (h <= 0 || h == tok.length() - 1) return false;
        String head = tok.substring(0, h).toLowerCase(Locale.ROOT);
        return Character.isLowerCase(tok.charAt(h + 1)) || head.equals("pro") || head.equals("anti") || head.equals("non")
                || head.equals("post") || head.equals("pre") || head.equals("ex");
    }

    /** "Name, chief of staff of the Joint Staff Office," -> the role after the comma, or null. */
    static String appositive(TokenizedText t, int after) {
        int n = t.size();
        if (after >= n || !t.token(after).equals(",") || t.is(after, TokenizedText.SENT_END)) return null;
        int k = after + 1;
        if (k < n && (t.lower(k).equals("the") || t.lower(k).equals("a") || t.lower(k).equals("an"))) k++;
        int start = k;
        boolean head = false;
        while (k < n && k - start < 12) {
            String tok = t.token(k);
            if (tok.equals(",") || tok.equals(".") || tok.equals(";") || tok.equals("(") || tok.equals(")")) break;
            if (!t.is(k, TokenizedText.WORD)) return null;
            if (k - start < 3 && EntityLexicon.TITLE_HEADS.contains(t.lower(k))) head = true;
            if (EntityLexicon.SAY_VERBS.contains(t.lower(k)) || t.lower(k).equals("who")) return null;
            k++;
            if (t.is(k - 1, TokenizedText.SENT_END)) break;
        }
        if (!head || k == start || k >= n) return null;
        String end = t.token(k);
        if (!end.equals(",") && !end.equals(".")) return null;
        return t.span(start, k);
    }

    private static String initials(TokenizedText t, Mention m) {
        StringBuilder b = new StringBuilder();
        for (int k = m.from(); k < m.to(); k++) {
            if (SKIP_IN_INITIALS.contains(t.lower(k))) continue;
            b.append(Character.toUpperCase(t.token(k).charAt(0)));
        }
        return b.toString();
    }

    private static String key(Mention m) {
        if (m.entry() != null) return m.entry().id();
        return m.type().idPrefix() + ":" + m.text(); // the slug is made once per entity, for its id
    }

    /** Lower-case ASCII slug: "Itsunori Onodera" -> "itsunori-onodera". */
    public static String slug(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) ascii = s.charAt(i) < 128;
        String folded = ascii ? s : Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(folded.length());
        boolean dash = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
                dash = false;
            } else if (Character.getType(c) != Character.NON_SPACING_MARK && !dash && b.length() > 0 && c != '.' && c != '\'') {
                b.append('-');
                dash = true;
            }
        }
        if (dash) b.setLength(b.length() - 1);
        return b.toString();
    }

    private static final class Group {
        final String key;
        final EntityType type;
        final String entryId;
        final String linkedTo;
        String name;
        final List<Mention> mentions = new ArrayList<>();

        Group(String key, Mention first) {
            this.key = key;
            this.type = first.type();
            this.entryId = first.entry() == null ? null : first.entry().id();
            this.linkedTo = first.entry() == null ? null : first.entry().linkedTo();
            this.name = first.entry() == null ? canonical(first) : first.entry().name();
        }

        void add(Mention m) {
            mentions.add(m);
            if (entryId == null && m.text().length() > name.length() && m.type() == type) name = canonical(m);
        }

        String id() {
            return entryId != null ? entryId : type.idPrefix() + ":" + slug(name);
        }

        private static String canonical(Mention m) {
            String s = m.text().replace('\n', ' ');
            if (m.type() == EntityType.ORGANIZATION) {
                // "Russian Pacific fleet" -> "Russian Pacific Fleet"
                int sp = s.lastIndexOf(' ');
                if (sp > 0 && sp + 1 < s.length() && Character.isLowerCase(s.charAt(sp + 1))) {
                    s = s.substring(0, sp + 1) + Character.toUpperCase(s.charAt(sp + 1)) + s.substring(sp + 2);
                }
            }
            return s;
        }
    }
}

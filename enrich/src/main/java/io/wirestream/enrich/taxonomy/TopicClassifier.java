package io.wirestream.enrich.taxonomy;

import io.wirestream.enrich.text.TokenTrie;
import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.enrich.text.Tokenizer;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.Evidence;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.TopicTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores every topic of a {@link Taxonomy} on a story: weighted terms and phrases (matched on lower-cased, lightly
 * stemmed tokens through one token trie for the whole taxonomy), weighted entities (by id or canonical name),
 * required co-occurrences and exclusions. A term found n times adds weight * (1 + ln n); headline hits count double.
 * Topics at or above their threshold are returned best first, each with its evidence. Immutable and thread-safe.
 */
public final class TopicClassifier {
    private static final int MAX_EVIDENCE = 12;
    private static final int MAX_SPANS = 8;

    private record TermRef(int topic, String term, String key, double weight, boolean phrase) {
    }

    /** A requirement or exclusion: a term (matched by its stemmed key) or an entity id / name. */
    private record Condition(String raw, String key) {
    }

    private final Taxonomy taxonomy;
    private final List<TopicDefinition> topics;
    private final TokenTrie<TermRef> terms = new TokenTrie<>(TokenTrie.Key.LOWER);
    private final Map<String, List<TermRef>> entityRefs = new HashMap<>();
    private final List<List<List<Condition>>> requires = new ArrayList<>();
    private final List<List<Condition>> excludes = new ArrayList<>();

    public TopicClassifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        this.topics = taxonomy.topics();
        for (int i = 0; i < topics.size(); i++) {
            TopicDefinition d = topics.get(i);
            // "missile" and "missiles" stem alike: one entry per stemmed phrase, the larger weight wins
            Map<List<String>, Map.Entry<String, Double>> byStem = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : d.terms().entrySet()) {
                byStem.merge(stems(e.getKey()), e, (a, b) -> Math.abs(b.getValue()) > Math.abs(a.getValue()) ? b : a);
            }
            for (Map.Entry<List<String>, Map.Entry<String, Double>> e : byStem.entrySet()) {
                List<String> keys = e.getKey();
                terms.add(keys, new TermRef(i, e.getValue().getKey(), String.join(" ", keys), e.getValue().getValue(),
                        keys.size() > 1));
            }
            List<List<Condition>> req = new ArrayList<>();
            for (List<String> group : d.requires()) req.add(conditions(group));
            requires.add(req);
            excludes.add(conditions(d.excludes()));
            // requirements and exclusions that are no weighted term are still looked for in the text, at weight 0
            List<String> markers = new ArrayList<>(d.excludes());
            d.requires().forEach(markers::addAll);
            for (String x : markers) {
                List<String> keys = stems(x);
                if (!byStem.containsKey(keys) && !x.contains(":")) {
                    byStem.put(keys, Map.entry(x, 0.0));
                    terms.add(keys, new TermRef(i, x, String.join(" ", keys), 0.0, keys.size() > 1));
                }
            }
            for (Map.Entry<String, Double> e : d.entities().entrySet()) {
                TermRef ref = new TermRef(i, e.getKey(), "entity:" + e.getKey().toLowerCase(Locale.ROOT), e.getValue(), false);
                entityRefs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ref); // ids as written
                if (!e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT))) {
                    entityRefs.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(ref);
                }
            }
        }
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    private static final class Hit {
        final String kind;
        final String text;
        final double weight;
        double count;
        final List<MentionSpan> spans = new ArrayList<>(2);

        Hit(String kind, String text, double weight) {
            this.kind = kind;
            this.text = text;
            this.weight = weight;
        }

        double contribution() {
            return count <= 0 ? 0 : weight * (1 + Math.log(count));
        }
    }

    /** Topics whose score reached their threshold, best first. {@code headline} may be null. */
    public List<TopicTag> classify(TokenizedText body, TokenizedText headline, List<Entity> entities) {
        List<Map<String, Hit>> hits = new ArrayList<>(topics.size());
        for (int i = 0; i < topics.size(); i++) hits.add(null);
        scan(body, hits, 1.0, true);
        if (headline != null) scan(headline, hits, 2.0, false);
        for (Entity e : entities) {
            List<TermRef> refs = entityRefs.get(e.getId());
            if (refs == null) refs = entityRefs.get(e.getName());
            if (refs == null && !entityRefs.isEmpty()) refs = entityRefs.get(e.getName().toLowerCase(Locale.ROOT));
            if (refs == null) continue;
            for (TermRef r : refs) {
                Map<String, Hit> m = hits.get(r.topic());
                if (m == null) hits.set(r.topic(), m = new LinkedHashMap<>());
                Hit h = m.computeIfAbsent(r.key(), k -> new Hit("ENTITY", e.getName(), r.weight()));
                h.count += e.getMentions().size();
                for (MentionSpan s : e.getMentions()) if (h.spans.size() < MAX_SPANS) h.spans.add(s);
            }
        }
        List<TopicTag> out = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            Map<String, Hit> m = hits.get(i);
            if (m == null) continue;
            TopicDefinition d = topics.get(i);
            double score = 0;
            for (Hit h : m.values()) score += h.contribution();
            if (score < d.threshold() || vetoed(i, m, entities) || !required(i, m, entities)) continue;
            List<Hit> ev = new ArrayList<>(m.values());
            ev.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
            List<Evidence> evidence = new ArrayList<>();
            for (Hit h : ev) {
                if (evidence.size() == MAX_EVIDENCE) break;
                if (h.contribution() <= 0) continue;
                evidence.add(new Evidence(h.kind, h.text, round(h.contribution()), h.spans));
            }
            out.add(new TopicTag(d.slug(), d.label(), d.iptc(), round(score), evidence));
        }
        out.sort((a, b) -> Double.compare(b.getScore(), a.getScore()));
        return out;
    }

    private void scan(TokenizedText t, List<Map<String, Hit>> hits, double headlineFactor, boolean spans) {
        int n = t.size();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) keys[i] = t.is(i, TokenizedText.WORD) ? stem(t.lower(i)) : t.token(i);
        int i = 0;
        while (i < n) {
            TokenTrie.Match<TermRef> m = terms.longest(keys, i, n);
            if (m == null) {
                i++;
                continue;
            }
            for (TermRef r : m.values()) {
                Map<String, Hit> map = hits.get(r.topic());
                if (map == null) hits.set(r.topic(), map = new LinkedHashMap<>());
                Hit h = map.computeIfAbsent(r.key(), k -> new Hit(r.phrase() ? "PHRASE" : "TERM", r.term(), r.weight()));
                h.count += headlineFactor;
                if (spans && h.spans.size() < MAX_SPANS) {
                    h.spans.add(new MentionSpan(t.start(m.from()), t.end(m.to() - 1), t.span(m.from(), m.to())));
                }
            }
            i = m.to();
        }
    }

    private static List<Condition> conditions(List<String> raw) {
        List<Condition> out = new ArrayList<>(raw.size());
        for (String x : raw) out.add(new Condition(x, String.join(" ", stems(x))));
        return out;
    }

    private static boolean fired(Condition c, Map<String, Hit> m, List<Entity> entities) {
        Hit h = m.get(c.key());
        if (h != null && h.count > 0) return true;
        if (m.containsKey("entity:" + c.raw().toLowerCase(Locale.ROOT))) return true;
        for (Entity e : entities) {
            if (e.getId().equalsIgnoreCase(c.raw()) || e.getName().equalsIgnoreCase(c.raw())) return true;
        }
        return false;
    }

    private boolean vetoed(int topic, Map<String, Hit> m, List<Entity> entities) {
        for (Condition x : excludes.get(topic)) if (fired(x, m, entities)) return true;
        return false;
    }

    private boolean required(int topic, Map<String, Hit> m, List<Entity> entities) {
        for (List<Condition> group : requires.get(topic)) {
            boolean any = false;
            for (Condition x : group) {
                if (fired(x, m, entities)) {
                    any = true;
                    break;
                }
            }
            if (!any) return false;
        }
        return true;
    }

    private static List<String> stems(String phrase) {
        TokenizedText t = Tokenizer.tokenize(phrase.toLowerCase(Locale.ROOT));
        List<String> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) out.add(t.is(i, TokenizedText.WORD) ? stem(t.lower(i)) : t.token(i));
        return out;
    }

    /** A light English stemmer for matching plurals: "missiles" -> "missile", "economies" -> "economy". */
    static String stem(String w) {
        int n = w.length();
        if (n > 4 && w.endsWith("ies")) return w.substring(0, n - 3) + "y";
        if (n > 4 && (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes"))) {
            return w.substring(0, n - 2);
        }
        if (n > 3 && w.charAt(n - 1) == 's' && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")
                && w.charAt(n - 2) != '\'') {
            return w.substring(0, n - 1);
        }
        return w;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

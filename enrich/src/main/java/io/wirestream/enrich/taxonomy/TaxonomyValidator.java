package io.wirestream.enrich.taxonomy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a taxonomy file (YAML, or JSON, which is YAML too) and reports every problem with its line number: syntax,
 * unknown keys, missing slug / label, bad slugs, duplicate slugs, weights that are not numbers, IPTC codes that are
 * not {@code medtop:NNNNNNNN} or not in the IPTC vocabulary, empty topics. Also the parser {@link Taxonomy} uses.
 *
 * <pre>
 * version: "2026.11.1"
 * topics:
 *   - slug: missile-defense
 *     label: Missile defense
 *     iptc: medtop:20000602
 *     threshold: 3
 *     terms: {missile defense: 3, interceptor: 2, aegis: 2}
 *     entities: {product:aegis-ashore: 3}
 *     requires: [[missile, interceptor, aegis]]
 *     excludes: [video game]
 * </pre>
 */
public final class TaxonomyValidator {
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern IPTC = Pattern.compile("medtop:\\d{8}");
    private static final List<String> TOP_KEYS = List.of("version", "description", "topics");
    private static final List<String> TOPIC_KEYS = List.of("slug", "label", "iptc", "threshold", "terms", "phrases",
            "entities", "requires", "excludes", "description");
    private static final int MAX_BYTES = 4 << 20;

    private TaxonomyValidator() {
    }

    /** Problems in the file, empty when it is valid. */
    public static List<TaxonomyError> validate(Path file) {
        try {
            return parse(read(file)).errors;
        } catch (IOException e) {
            return List.of(new TaxonomyError(0, "cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** Problems in the text, empty when it is valid. */
    public static List<TaxonomyError> validate(String content) {
        return parse(content).errors;
    }

    static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES + " bytes");
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static final class Result {
        final List<TaxonomyError> errors = new ArrayList<>();
        String version;
        final List<TopicDefinition> topics = new ArrayList<>();
    }

    static Result parse(String content) {
        Result r = new Result();
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(MAX_BYTES);
            root = new Yaml(options).compose(new java.io.StringReader(content));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            r.errors.add(new TaxonomyError(line, "syntax: " + e.getProblem()));
            return r;
        } catch (RuntimeException e) {
            r.errors.add(new TaxonomyError(0, "syntax: " + e.getMessage()));
            return r;
        }
        if (!(root instanceof MappingNode map)) {
            r.errors.add(new TaxonomyError(root == null ? 1 : line(root), "expected a mapping with 'version' and 'topics'"));
            return r;
        }
        Node topics = null;
        for (NodeTuple t : map.getValue()) {
            String k = scalar(t.getKeyNode());
            if (!TOP_KEYS.contains(k)) {
                r.errors.add(new TaxonomyError(line(t.getKeyNode()), "unknown key '" + k + "' (expected one of " + TOP_KEYS + ")"));
            } else if (k.equals("version")) {
                r.version = scalar(t.getValueNode());
                if (r.version == null || r.version.isBlank()) {
                    r.errors.add(new TaxonomyError(line(t.getValueNode()), "version must be a non-empty string"));
                }
            } else if (k.equals("topics")) {
                topics = t.getValueNode();
            }
        }
        if (r.version == null) r.errors.add(new TaxonomyError(1, "missing 'version'"));
        if (!(topics instanceof SequenceNode seq)) {
            r.errors.add(new TaxonomyError(topics == null ? 1 : line(topics), "'topics' must be a list of topics"));
            return r;
        }
        if (seq.getValue().isEmpty()) r.errors.add(new TaxonomyError(line(seq), "'topics' is empty"));
        Map<String, Integer> seen = new HashMap<>();
        for (Node tn : seq.getValue()) {
            TopicDefinition d = topic(tn, r.errors);
            if (d == null) continue;
            Integer prev = seen.putIfAbsent(d.slug(), d.line());
            if (prev != null) {
                r.errors.add(new TaxonomyError(d.line(), "duplicate slug '" + d.slug() + "' (first at line " + prev + ")"));
                continue;
            }
            r.topics.add(d);
        }
        r.errors.sort(java.util.Comparator.comparingInt(TaxonomyError::line));
        return r;
    }

    private static TopicDefinition topic(Node n, List<TaxonomyError> errors) {
        if (!(n instanceof MappingNode m)) {
            errors.add(new TaxonomyError(line(n), "a topic must be a mapping with slug, label, terms..."));
            return null;
        }
        int before = errors.size();
        String slug = null, label = null, iptc = null;
        double threshold = 2.0;
        Map<String, Double> terms = new LinkedHashMap<>();
        Map<String, Double> entities = new LinkedHashMap<>();
        List<List<String>> requires = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        boolean weighted = false;
        for (NodeTuple t : m.getValue()) {
            String k = scalar(t.getKeyNode());
            Node v = t.getValueNode();
            int line = line(t.getKeyNode());
            if (k == null || !TOPIC_KEYS.contains(k)) {
                errors.add(new TaxonomyError(line, "unknown topic key '" + k + "' (expected one of " + TOPIC_KEYS + ")"));
                continue;
            }
            switch (k) {
                case "slug" -> {
                    slug = scalar(v);
                    if (slug == null || !SLUG.matcher(slug).matches()) {
                        errors.add(new TaxonomyError(line(v), "slug '" + slug + "' must match " + SLUG.pattern()
                                + " (it names a Kafka topic)"));
                    }
                }
                case "label" -> label = scalar(v);
                case "iptc" -> {
                    iptc = scalar(v);
                    if (iptc != null && !iptc.isBlank()) {
                        if (!IPTC.matcher(iptc).matches()) {
                            errors.add(new TaxonomyError(line(v), "iptc '" + iptc + "' must look like medtop:20000598"));
                        } else if (!IptcVocabulary.defaults().contains(iptc)) {
                            errors.add(new TaxonomyError(line(v), "iptc '" + iptc + "' is not an IPTC Media Topic"));
                        }
                    } else {
                        iptc = null;
                    }
                }
                case "threshold" -> {
                    Double d = number(v);
                    if (d == null || d <= 0) errors.add(new TaxonomyError(line(v), "threshold must be a positive number"));
                    else threshold = d;
                }
                case "terms", "phrases" -> {
                    weighted = true;
                    weights(v, terms, errors, true);
                }
                case "entities" -> {
                    weighted = true;
                    weights(v, entities, errors, false);
                }
                case "requires" -> {
                    if (!(v instanceof SequenceNode s)) {
                        errors.add(new TaxonomyError(line(v), "requires must be a list (of terms, or of lists of alternatives)"));
                    } else {
                        for (Node g : s.getValue()) {
                            List<String> group = strings(g, errors);
                            if (!group.isEmpty()) requires.add(group);
                        }
                    }
                }
                case "excludes" -> excludes.addAll(strings(v, errors));
                default -> {
                }
            }
        }
        if (slug == null) errors.add(new TaxonomyError(line(m), "topic has no slug"));
        if (label == null || label.isBlank()) errors.add(new TaxonomyError(line(m), "topic '" + slug + "' has no label"));
        if (!weighted) {
            errors.add(new TaxonomyError(line(m), "topic '" + slug + "' has no terms, phrases or entities"));
        }
        if (errors.size() > before) return null;
        // file order, not Map.copyOf's per-JVM order: ties between terms resolve the same way on every run
        return new TopicDefinition(slug, label, iptc, threshold, Collections.unmodifiableMap(terms),
                Collections.unmodifiableMap(entities),
                List.copyOf(requires), List.copyOf(excludes), line(m));
    }

    private static void weights(Node v, Map<String, Double> out, List<TaxonomyError> errors, boolean lower) {
        if (v instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                Double w = number(t.getValueNode());
                if (key == null || key.isBlank()) {
                    errors.add(new TaxonomyError(line(t.getKeyNode()), "empty term"));
                } else if (w == null || w == 0 || w.isNaN() || w.isInfinite()) {
                    errors.add(new TaxonomyError(line(t.getValueNode()), "weight of '" + key + "' must be a non-zero number"));
                } else {
                    out.put(lower ? key.trim().toLowerCase(Locale.ROOT) : key.trim(), w);
                }
            }
        } else if (v instanceof SequenceNode s) {
            for (String key : strings(s, errors)) out.put(lower ? key.toLowerCase(Locale.ROOT) : key, 1.0);
        } else {
            errors.add(new TaxonomyError(line(v), "expected a mapping of term: weight (or a list of terms)"));
        }
    }

    private static List<String> strings(Node v, List<TaxonomyError> errors) {
        List<String> out = new ArrayList<>();
        if (v instanceof ScalarNode) {
            String s = scalar(v);
            if (s != null && !s.isBlank()) out.add(s.trim());
        } else if (v instanceof SequenceNode s) {
            Set<String> seen = new HashSet<>();
            for (Node e : s.getValue()) {
                String x = scalar(e);
                if (x == null || x.isBlank()) errors.add(new TaxonomyError(line(e), "expected a non-empty string"));
                else if (seen.add(x)) out.add(x.trim());
            }
        } else {
            errors.add(new TaxonomyError(line(v), "expected a string or a list of strings"));
        }
        return out;
    }

    private static Double number(Node n) {
        String s = scalar(n);
        if (s == null) return null;
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    /** Unchecked wrapper used by {@link Taxonomy#load(Path)}. */
    static String readUnchecked(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy " + file, e);
        }
    }
}

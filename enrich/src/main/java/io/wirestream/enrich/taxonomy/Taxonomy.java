package io.wirestream.enrich.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A set of topics to tag stories with, read from a YAML (or JSON) file that users can replace; the default one ships
 * in this module ({@code io/wirestream/enrich/taxonomy/default-taxonomy.yaml}). Its {@link #version()} is the file's
 * {@code version} plus a hash of its content, so any edit changes what is stamped on output. Immutable.
 */
public final class Taxonomy {
    static final String DEFAULT_RESOURCE = "/io/wirestream/enrich/taxonomy/default-taxonomy.yaml";
    private static volatile Taxonomy defaults;

    private final String version;
    private final List<TopicDefinition> topics;
    private final List<String> slugs;

    private Taxonomy(String version, List<TopicDefinition> topics) {
        this.version = version;
        this.topics = List.copyOf(topics);
        this.slugs = this.topics.stream().map(TopicDefinition::slug).toList();
    }

    /** Reads and validates a taxonomy file; throws {@link TaxonomyException} with line-numbered errors. */
    public static Taxonomy load(Path file) {
        return parse(TaxonomyValidator.readUnchecked(file), file.toString());
    }

    /** The taxonomy that ships with Wirestream. */
    public static Taxonomy defaults() {
        Taxonomy t = defaults;
        if (t == null) {
            synchronized (Taxonomy.class) {
                t = defaults;
                if (t == null) {
                    try (InputStream in = Taxonomy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                        if (in == null) throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
                        defaults = t = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return t;
    }

    /** Parses taxonomy text; {@code source} names it in errors. */
    public static Taxonomy parse(String content, String source) {
        TaxonomyValidator.Result r = TaxonomyValidator.parse(content);
        if (!r.errors.isEmpty()) throw new TaxonomyException(source, r.errors);
        return new Taxonomy(r.version + "+" + hash(content), r.topics);
    }

    /** "2026.11.1+3f2a9c1b0d4e": the file's version and the first 12 hex digits of its SHA-256. */
    public String version() {
        return version;
    }

    public List<TopicDefinition> topics() {
        return topics;
    }

    public List<String> slugs() {
        return slugs;
    }

    public TopicDefinition topic(String slug) {
        for (TopicDefinition t : topics) if (t.slug().equals(slug)) return t;
        return null;
    }

    private static String hash(String content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

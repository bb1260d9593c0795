package io.wirestream.enrich.taxonomy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The IPTC Media Topic codes with their English labels and parents, from the label list derived from IPTC's
 * NewsCodes (CC BY 4.0) by {@code enrich/tools/build_iptc_labels.py}.
 */
public final class IptcVocabulary {
    private static final String RESOURCE = "/io/wirestream/enrich/taxonomy/iptc-mediatopics.tsv";
    private static volatile IptcVocabulary defaults;

    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, String> broader = new HashMap<>();

    private IptcVocabulary() {
        try (InputStream in = IptcVocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                labels.put(f[0], f[2]);
                if (!f[1].isEmpty()) broader.put(f[0], f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IptcVocabulary defaults() {
        IptcVocabulary v = defaults;
        if (v == null) {
            synchronized (IptcVocabulary.class) {
                v = defaults;
                if (v == null) defaults = v = new IptcVocabulary();
            }
        }
        return v;
    }

    public boolean contains(String qcode) {
        return labels.containsKey(qcode);
    }

    public String label(String qcode) {
        return labels.get(qcode);
    }

    /** The level-1 Media Topic above a code (itself when it is one), or null for an unknown code. */
    public String topLevel(String qcode) {
        String c = qcode;
        for (int guard = 0; guard < 10 && c != null; guard++) {
            String up = broader.get(c);
            if (up == null) return labels.containsKey(c) ? c : null;
            c = up;
        }
        return c;
    }
}

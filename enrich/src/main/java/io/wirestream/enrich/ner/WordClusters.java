package io.wirestream.enrich.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Distributional word clusters for the {@link NerTagger}'s features: each known word (lower case, digits as 0) has
 * a path in a binary cluster tree (a bit string, as Brown clusters have), and words whose neighbours look alike share
 * its prefixes. Built from unlabeled text by {@link WordClusterBuilder} ({@code word<TAB>bits} per line, {@code #}
 * lines are its provenance); a model trained with clusters carries them in its file (see {@link NerTagger}).
 */
public final class WordClusters {
    /** Prefix lengths that become features, shortest (coarsest) first; the last is the whole path. */
    static final int[] PREFIXES = {4, 8, 12, 99};

    /** word -> path, sorted (written into a model that uses them, so a model always carries its own clusters). */
    private final java.util.SortedMap<String, String> paths;
    /** Per word: the hash of each prefix in {@link #PREFIXES}. */
    private final Map<String, int[]> prefixHashes;

    WordClusters(Map<String, String> paths) {
        this.paths = new java.util.TreeMap<>(paths);
        prefixHashes = new HashMap<>(paths.size() * 2);
        for (Map.Entry<String, String> e : paths.entrySet()) {
            String bits = e.getValue();
            int[] h = new int[PREFIXES.length];
            for (int k = 0; k < PREFIXES.length; k++) {
                h[k] = bits.substring(0, Math.min(bits.length(), PREFIXES[k])).hashCode() * 31 + k;
            }
            prefixHashes.put(e.getKey(), h);
        }
    }

    /** Reads a file written by {@link WordClusterBuilder} ({@code word<TAB>bits} lines, gzip). */
    public static WordClusters load(java.nio.file.Path file) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in);
        }
    }

    static WordClusters read(InputStream raw) throws IOException {
        Map<String, String> paths = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            if (tab <= 0) throw new IOException("word clusters: expected word<TAB>bits, got '" + line + "'");
            paths.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return new WordClusters(paths);
    }

    /** The key a word is clustered under: lower case, every digit 0 ("1996" and "2008" alike). */
    static String key(String lower) {
        for (int i = 0; i < lower.length(); i++) {
            if (Character.isDigit(lower.charAt(i))) {
                char[] c = lower.toCharArray();
                for (int k = i; k < c.length; k++) if (Character.isDigit(c[k])) c[k] = '0';
                return new String(c);
            }
        }
        return lower;
    }

    /** Hashes of the word's cluster prefixes ({@link #PREFIXES}), or null for a word the clusters do not know. */
    int[] prefixes(String lower) {
        return prefixHashes.get(key(lower));
    }

    /** As stored in a model file: count, then word and path of each, in word order. */
    void write(java.io.DataOutputStream out) throws IOException {
        out.writeInt(paths.size());
        for (Map.Entry<String, String> e : paths.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    static WordClusters read(java.io.DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) throw new IOException("bad word cluster count " + n);
        Map<String, String> paths = new HashMap<>(n * 2);
        for (int k = 0; k < n; k++) paths.put(in.readUTF(), in.readUTF());
        return new WordClusters(paths);
    }

    public int size() {
        return prefixHashes.size();
    }
}

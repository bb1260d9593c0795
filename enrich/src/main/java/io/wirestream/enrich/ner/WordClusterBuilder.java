package io.wirestream.enrich.ner;

import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.enrich.text.Tokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Builds {@link WordClusters} from unlabeled text: every word seen at least {@code minCount} times is described by
 * the words at -2, -1, +1, +2 around it (counts over the {@code contexts} most frequent words and the sentence
 * edges, as square roots of relative frequencies, unit length: Hellinger geometry), and the words are split in two
 * by spherical 2-means again and again down to {@code depth} levels, so a word's path of left/right turns is its
 * cluster bit string, finer with every bit (the shape of Brown clusters, at a fraction of the cost). Deterministic:
 * the same text and seed give the same file. Only the text of the files is read (CoNLL tags are ignored).
 */
public final class WordClusterBuilder {
    /** Settings: CoNLL files and plain-text files to read, output file, seed and the sizes above. */
    public record Options(List<Path> conll, List<Path> text, Path out, long seed, int minCount, int contexts, int depth) {
    }

    private static final int ITERATIONS = 12;

    private WordClusterBuilder() {
    }

    /** word -> bit string, for every word seen at least {@code minCount} times. */
    static Map<String, String> build(List<TokenizedText> texts, long seed, int minCount, int contexts, int depth) {
        Map<String, Integer> counts = new HashMap<>();
        List<String[]> sentences = new ArrayList<>();
        for (TokenizedText t : texts) {
            int s = 0;
            while (s < t.size()) {
                int e = s;
                while (e < t.size() - 1 && !t.is(e, TokenizedText.SENT_END)) e++;
                String[] sent = new String[e - s + 1];
                for (int i = s; i <= e; i++) {
                    sent[i - s] = WordClusters.key(t.lower(i));
                    counts.merge(sent[i - s], 1, Integer::sum);
                }
                sentences.add(sent);
                s = e + 1;
            }
        }
        // words by frequency, ties by spelling: a stable order makes the result independent of hash order
        List<String> byFreq = new ArrayList<>(counts.keySet());
        byFreq.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> ctx = new HashMap<>();
        for (int k = 0; k < Math.min(contexts, byFreq.size()); k++) ctx.put(byFreq.get(k), k);
        int dimsPerSide = contexts + 1; // + sentence edge
        Map<String, Integer> vocab = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (String w : byFreq) {
            if (counts.get(w) < minCount) break;
            vocab.put(w, words.size());
            words.add(w);
        }
        int dims = 4 * dimsPerSide;
        List<TreeMap<Integer, Float>> raw = new ArrayList<>();
        for (int k = 0; k < words.size(); k++) raw.add(new TreeMap<>());
        int[] offsets = {-2, -1, 1, 2};
        for (String[] sent : sentences) {
            for (int i = 0; i < sent.length; i++) {
                Integer w = vocab.get(sent[i]);
                if (w == null) continue;
                for (int o = 0; o < offsets.length; o++) {
                    int j = i + offsets[o];
                    int c;
                    if (j < 0 || j >= sent.length) c = contexts; // sentence edge
                    else {
                        Integer x = ctx.get(sent[j]);
                        if (x == null) continue;
                        c = x;
                    }
                    raw.get(w).merge(o * dimsPerSide + c, 1f, Float::sum);
                }
            }
        }
        // a word none of whose neighbours is a context word has no vector: it gets no cluster
        List<String> kept = new ArrayList<>();
        List<TreeMap<Integer, Float>> keptRaw = new ArrayList<>();
        for (int k = 0; k < words.size(); k++) {
            if (raw.get(k).isEmpty()) continue;
            kept.add(words.get(k));
            keptRaw.add(raw.get(k));
        }
        words = kept;
        raw = keptRaw;
        int[][] idx = new int[words.size()][];
        float[][] val = new float[words.size()][];
        for (int k = 0; k < words.size(); k++) {
            TreeMap<Integer, Float> m = raw.get(k);
            idx[k] = new int[m.size()];
            val[k] = new float[m.size()];
            double norm = 0;
            int p = 0;
            for (Map.Entry<Integer, Float> e : m.entrySet()) {
                idx[k][p] = e.getKey();
                val[k][p] = (float) Math.sqrt(e.getValue() / counts.get(words.get(k)));
                norm += val[k][p] * (double) val[k][p];
                p++;
            }
            float inv = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
            for (int q = 0; q < p; q++) val[k][q] *= inv;
        }
        StringBuilder[] paths = new StringBuilder[words.size()];
        for (int k = 0; k < paths.length; k++) paths[k] = new StringBuilder();
        int[] all = new int[words.size()];
        for (int k = 0; k < all.length; k++) all[k] = k;
        split(all, idx, val, dims, paths, depth, new Random(seed));
        Map<String, String> out = new TreeMap<>();
        for (int k = 0; k < words.size(); k++) out.put(words.get(k), paths[k].toString());
        return out;
    }

    /** Splits the members in two, appends 0 or 1 to their paths, recurses while levels are left. */
    private static void split(int[] members, int[][] idx, float[][] val, int dims, StringBuilder[] paths, int levels,
            Random random) {
        if (levels == 0 || members.length < 4) return;
        float[][] centroid = new float[2][];
        // seeds: a random member and the member least like it
        int a = members[random.nextInt(members.length)];
        centroid[0] = dense(idx[a], val[a], dims);
        int b = a;
        float worst = Float.MAX_VALUE;
        for (int m : members) {
            float d = dot(idx[m], val[m], centroid[0]);
            if (d < worst) {
                worst = d;
                b = m;
            }
        }
        centroid[1] = dense(idx[b], val[b], dims);
        boolean[] right = new boolean[members.length];
        for (int it = 0; it < ITERATIONS; it++) {
            boolean changed = false;
            for (int p = 0; p < members.length; p++) {
                int m = members[p];
                boolean r = dot(idx[m], val[m], centroid[1]) > dot(idx[m], val[m], centroid[0]);
                changed |= r != right[p];
                right[p] = r;
            }
            if (it > 0 && !changed) break; // iteration 0 always recomputes the centroids
            float[][] sum = {new float[dims], new float[dims]};
            for (int p = 0; p < members.length; p++) {
                int m = members[p];
                float[] s = sum[right[p] ? 1 : 0];
                for (int q = 0; q < idx[m].length; q++) s[idx[m][q]] += val[m][q];
            }
            for (int c = 0; c < 2; c++) {
                double n = 0;
                for (float x : sum[c]) n += x * (double) x;
                if (n == 0) continue; // an empty side keeps its old centroid
                float inv = (float) (1 / Math.sqrt(n));
                for (int d = 0; d < dims; d++) sum[c][d] *= inv;
                centroid[c] = sum[c];
            }
        }
        int rights = 0;
        for (boolean r : right) if (r) rights++;
        if (rights == 0 || rights == members.length) return; // cannot be split: a leaf
        int[] left = new int[members.length - rights], rightMembers = new int[rights];
        int l = 0, r = 0;
        for (int p = 0; p < members.length; p++) {
            if (right[p]) {
                paths[members[p]].append('1');
                rightMembers[r++] = members[p];
            } else {
                paths[members[p]].append('0');
                left[l++] = members[p];
            }
        }
        split(left, idx, val, dims, paths, levels - 1, random);
        split(rightMembers, idx, val, dims, paths, levels - 1, random);
    }

    private static float[] dense(int[] idx, float[] val, int dims) {
        float[] d = new float[dims];
        for (int q = 0; q < idx.length; q++) d[idx[q]] = val[q];
        return d;
    }

    private static float dot(int[] idx, float[] val, float[] dense) {
        float s = 0;
        for (int q = 0; q < idx.length; q++) s += val[q] * dense[idx[q]];
        return s;
    }

    /** Reads the files, builds the clusters, writes {@code out} (gzip, provenance as # lines). */
    public static Map<String, String> run(Options o) throws IOException {
        List<TokenizedText> texts = new ArrayList<>();
        for (Path p : o.conll()) for (NerCorpus.Doc d : NerCorpus.read(p)) texts.add(d.tokens());
        for (Path p : o.text()) texts.add(Tokenizer.tokenize(Files.readString(p, StandardCharsets.UTF_8)));
        Map<String, String> clusters = build(texts, o.seed(), o.minCount(), o.contexts(), o.depth());
        try (OutputStream raw = Files.newOutputStream(o.out());
                Writer w = new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16), StandardCharsets.UTF_8)) {
            w.write("# wirestream word clusters: WordClusterBuilder seed=" + o.seed() + " minCount=" + o.minCount()
                    + " contexts=" + o.contexts() + " depth=" + o.depth() + "\n");
            for (Path p : o.conll()) w.write("# text of " + p.getFileName() + " sha256 " + NerTrainer.sha256(p) + "\n");
            for (Path p : o.text()) w.write("# text of " + p.getFileName() + " sha256 " + NerTrainer.sha256(p) + "\n");
            for (Map.Entry<String, String> e : clusters.entrySet()) w.write(e.getKey() + "\t" + e.getValue() + "\n");
        }
        return clusters;
    }

    /**
     * {@code WordClusterBuilder --conll FILE... [--text FILE...] --out clusters.tsv.gz [--seed N] [--min-count N]
     * [--contexts N] [--depth N]}.
     */
    public static void main(String[] args) throws IOException {
        List<Path> conll = new ArrayList<>(), text = new ArrayList<>();
        Path out = null;
        long seed = 1;
        int minCount = 3, contexts = 500, depth = 16;
        List<Path> target = null;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--conll" -> target = conll;
                case "--text" -> target = text;
                case "--out" -> { out = Path.of(args[++k]); target = null; }
                case "--seed" -> { seed = Long.parseLong(args[++k]); target = null; }
                case "--min-count" -> { minCount = Integer.parseInt(args[++k]); target = null; }
                case "--contexts" -> { contexts = Integer.parseInt(args[++k]); target = null; }
                case "--depth" -> { depth = Integer.parseInt(args[++k]); target = null; }
                default -> {
                    if (target == null) throw new IllegalArgumentException("unexpected argument " + args[k]);
                    target.add(Path.of(args[k]));
                }
            }
        }
        if (conll.isEmpty() && text.isEmpty() || out == null) {
            System.err.println("usage: WordClusterBuilder --conll FILE... [--text FILE...] --out clusters.tsv.gz "
                    + "[--seed N] [--min-count N] [--contexts N] [--depth N]");
            System.exit(2);
        }
        Map<String, String> c = run(new Options(conll, text, out, seed, minCount, contexts, depth));
        System.out.printf("wrote %s: %d words%n", out, c.size());
    }
}

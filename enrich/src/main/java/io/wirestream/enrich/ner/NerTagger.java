package io.wirestream.enrich.ner;

import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.entity.Mention;
import io.wirestream.schemas.Entity;
import io.wirestream.enrich.text.TokenizedText;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A linear-chain named-entity tagger: an averaged perceptron over hashed features ({@link NerFeatures}), BIO tags
 * over PER / ORG / LOC / MISC, Viterbi decoding per sentence with the BIO constraints (an I-X only after B-X or I-X),
 * so every span it returns is well formed. Trained by {@link NerTrainer}; the shipped model is the resource
 * {@value #RESOURCE}, loaded once per process by {@link #defaults()}. Immutable and thread-safe.
 */
public final class NerTagger {
    public static final String RESOURCE = "/io/wirestream/enrich/ner/ner-model.bin";
    /** Entity classes, in tag order: tag 1 + 2k is B-class k, 2 + 2k is I-class k, 0 is O. */
    public static final String[] CLASSES = {"PER", "ORG", "LOC", "MISC"};
    public static final int TAGS = 1 + 2 * CLASSES.length;
    private static final int MAGIC = 0x57534E52; // "WSNR"
    private static final int VERSION = 1;
    /** Version 2: as 1, then the word clusters the model was trained with (its features need them). */
    private static final int VERSION_WITH_CLUSTERS = 2;
    private static volatile NerTagger defaults;

    /**
     * A tagged span: tokens [from, to) of class {@link #CLASSES}[cls]; {@code margin} is how much better the best tag
     * sequence scores than the best one that tags any token of the span otherwise (the smallest max-marginal gap over
     * its tokens): small when the tagger hesitates.
     */
    public record Span(int from, int to, int cls, float margin) {
        public Span(int from, int to, int cls) {
            this(from, to, cls, Float.POSITIVE_INFINITY);
        }

        public String type() {
            return CLASSES[cls];
        }
    }

    final int bits;
    /** As trained, bucket * TAGS + tag; kept only by a tagger that may be written (the trainer's). */
    final float[] weights;
    /**
     * What decoding reads: per bucket, the weights of the 8 non-O tags minus the O weight (bucket * 8 + tag - 1).
     * Subtracting the O weight of every feature shifts all tags of a token by the same amount, so the best path is
     * the same; a row is 32 bytes, so one feature costs one cache line instead of one or two.
     */
    private final float[] relative;
    final float[] transitions; // (prev + 1) * TAGS + tag; prev = -1 is the sentence start
    private final NerFeatures features;

    NerTagger(int bits, float[] weights, float[] transitions, Gazetteer gazetteer) {
        this(bits, weights, transitions, gazetteer, null, true);
    }

    NerTagger(int bits, float[] weights, float[] transitions, Gazetteer gazetteer, WordClusters clusters) {
        this(bits, weights, transitions, gazetteer, clusters, true);
    }

    private NerTagger(int bits, float[] weights, float[] transitions, Gazetteer gazetteer, WordClusters clusters,
            boolean keepWeights) {
        this.bits = bits;
        this.weights = keepWeights ? weights : null;
        int buckets = 1 << bits;
        this.relative = new float[buckets * (TAGS - 1)];
        for (int b = 0; b < buckets; b++) {
            float o = weights[b * TAGS];
            for (int y = 1; y < TAGS; y++) relative[b * (TAGS - 1) + y - 1] = weights[b * TAGS + y] - o;
        }
        this.transitions = transitions;
        this.features = new NerFeatures(gazetteer, clusters);
    }

    /** System property naming a model file to use instead of the shipped one ({@value #NONE}: the rules alone). */
    public static final String MODEL_PROPERTY = "wirestream.ner.model";
    public static final String NONE = "none";

    /** Whether the annotator should run without the tagger ({@code -Dwirestream.ner.model=none}). */
    public static boolean disabled() {
        return NONE.equals(System.getProperty(MODEL_PROPERTY));
    }

    /**
     * The model that ships with Wirestream (with the bundled gazetteer), or the file named by
     * {@code -Dwirestream.ner.model=FILE}, loaded on first use and shared (once per process).
     */
    public static NerTagger defaults() {
        NerTagger t = defaults;
        if (t == null) {
            synchronized (NerTagger.class) {
                t = defaults;
                if (t == null) {
                    String file = System.getProperty(MODEL_PROPERTY);
                    if (file != null && !file.equals(NONE)) {
                        try {
                            defaults = t = load(Path.of(file), Gazetteer.defaults());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e.getMessage(), e);
                        }
                        return t;
                    }
                    try (InputStream in = NerTagger.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) throw new IllegalStateException("NER model resource " + RESOURCE + " is missing");
                        defaults = t = read(in, RESOURCE, Gazetteer.defaults());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return t;
    }

    /**
     * Loads a model file. A missing, unreadable or corrupt file is an {@link IOException} whose message names the file.
     */
    public static NerTagger load(Path file, Gazetteer gazetteer) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), gazetteer);
        } catch (NoSuchFileException e) {
            throw new IOException("NER model file " + file + " does not exist", e);
        }
    }

    static NerTagger read(InputStream raw, String name, Gazetteer gazetteer) throws IOException {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
            if (in.readInt() != MAGIC) throw new IOException("NER model file " + name + " is corrupt: not a Wirestream NER model");
            int version = in.readInt();
            if (version != VERSION && version != VERSION_WITH_CLUSTERS) {
                throw new IOException("NER model file " + name + " has version " + version + ", expected " + VERSION + " or "
                        + VERSION_WITH_CLUSTERS);
            }
            int bits = in.readInt();
            int tags = in.readInt();
            if (bits < 4 || bits > 26 || tags != TAGS) throw new IOException("NER model file " + name + " is corrupt: bad header");
            float[] trans = new float[(TAGS + 1) * TAGS];
            for (int k = 0; k < trans.length; k++) trans[k] = in.readFloat();
            float[] w = new float[(1 << bits) * TAGS];
            int count = in.readInt();
            if (count < 0 || count > w.length) throw new IOException("NER model file " + name + " is corrupt: bad weight count");
            int idx = -1;
            for (int k = 0; k < count; k++) {
                idx += readVarint(in) + 1;
                if (idx >= w.length) throw new IOException("NER model file " + name + " is corrupt: weight index out of range");
                w[idx] = in.readFloat();
            }
            WordClusters clusters = version == VERSION_WITH_CLUSTERS ? WordClusters.read(in) : null;
            if (in.readInt() != MAGIC) throw new IOException("NER model file " + name + " is corrupt: bad trailer");
            return new NerTagger(bits, w, trans, gazetteer, clusters, false);
        } catch (EOFException e) {
            throw new IOException("NER model file " + name + " is corrupt: truncated", e);
        } catch (ZipException e) {
            throw new IOException("NER model file " + name + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Writes the model (gzip, deterministic bytes: same weights, same file). */
    public void write(OutputStream raw) throws IOException {
        if (weights == null) throw new IllegalStateException("a loaded model is not written again; train one");
        GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        WordClusters clusters = features.clusters();
        out.writeInt(MAGIC);
        out.writeInt(clusters == null ? VERSION : VERSION_WITH_CLUSTERS);
        out.writeInt(bits);
        out.writeInt(TAGS);
        for (float f : transitions) out.writeFloat(f);
        int count = 0;
        for (float f : weights) if (f != 0f) count++;
        out.writeInt(count);
        int prev = -1;
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] == 0f) continue;
            writeVarint(out, k - prev - 1);
            out.writeFloat(weights[k]);
            prev = k;
        }
        if (clusters != null) clusters.write(out);
        out.writeInt(MAGIC);
        out.flush();
        gz.finish();
    }

    public void write(Path file) throws IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            write(o);
        }
    }

    private static void writeVarint(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw new IOException("bad varint");
    }

    /** Number of non-zero weights (for the manifest). */
    public int nonZeroWeights() {
        int c = 0;
        if (weights == null) {
            for (float f : relative) if (f != 0f) c++;
            return c;
        }
        for (float f : weights) if (f != 0f) c++;
        return c;
    }

    NerFeatures features() {
        return features;
    }

    /** Entity spans in the text, in order, never overlapping, never crossing a sentence end. */
    public List<Span> tag(TokenizedText t) {
        int[][] f = features.extract(t);
        float[] margins = new float[f.length];
        return spans(tags(t, f, margins), margins);
    }

    /** Entity spans, with the rules' mentions and resolved entities as features (see {@link NerFeatures}). */
    public List<Span> tag(TokenizedText t, List<Mention> rules, List<Entity> entities) {
        int[][] f = features.extract(t, rules, entities);
        float[] margins = new float[f.length];
        return spans(tags(t, f, margins), margins);
    }

    /**
     * The best tag sequence for pre-computed features, decoded sentence by sentence. Within a sentence, runs of
     * tokens without features (null rows: no name can touch them) are O, so only the runs between them are decoded,
     * entered from O and left into O: the same best path at a fraction of the cost.
     */
    int[] tags(TokenizedText t, int[][] feats) {
        return tags(t, feats, null);
    }

    /** As {@link #tags(TokenizedText, int[][])}, filling each token's max-marginal margin when {@code margins} is given. */
    int[] tags(TokenizedText t, int[][] feats, float[] margins) {
        int n = feats.length;
        if (margins != null) java.util.Arrays.fill(margins, Float.POSITIVE_INFINITY);
        int[] out = new int[n];
        float[] scores = new float[n * TAGS];
        scoreRelative(feats, scores, relative, bits);
        int s = 0;
        while (s < n) {
            int e = s;
            while (e < n - 1 && !t.is(e, TokenizedText.SENT_END)) e++;
            int a = s;
            while (a <= e) {
                if (feats[a] == null) {
                    a++;
                    continue;
                }
                int b = a;
                while (b <= e && feats[b] != null) b++;
                viterbi(scores, transitions, a, b, out, a == s ? -1 : 0, b <= e, margins);
                a = b;
            }
            s = e + 1;
        }
        return out;
    }

    /** Emission scores from the O-relative rows: O scores 0, the 8 others their sum (see {@link #relative}). */
    static void scoreRelative(int[][] feats, float[] scores, float[] rel, int bits) {
        int mask = (1 << bits) - 1;
        for (int i = 0; i < feats.length; i++) {
            int[] f = feats[i];
            if (f == null) continue; // a token no name can touch: O, never decoded
            float s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
            for (int h : f) {
                int b = (h & mask) << 3;
                s1 += rel[b];
                s2 += rel[b + 1];
                s3 += rel[b + 2];
                s4 += rel[b + 3];
                s5 += rel[b + 4];
                s6 += rel[b + 5];
                s7 += rel[b + 6];
                s8 += rel[b + 7];
            }
            int base = i * TAGS;
            scores[base + 1] = s1;
            scores[base + 2] = s2;
            scores[base + 3] = s3;
            scores[base + 4] = s4;
            scores[base + 5] = s5;
            scores[base + 6] = s6;
            scores[base + 7] = s7;
            scores[base + 8] = s8;
        }
    }

    static void score(int[][] feats, float[] scores, float[] w, float[] trans, int bits) {
        int mask = (1 << bits) - 1;
        for (int i = 0; i < feats.length; i++) {
            int base = i * TAGS;
            if (feats[i] == null) continue; // a token no name can touch: O, never decoded
            for (int f : feats[i]) {
                int b = (f & mask) * TAGS;
                for (int y = 0; y < TAGS; y++) scores[base + y] += w[b + y];
            }
        }
    }

    /** Whether tag {@code cur} may follow {@code prev} (-1: sentence start). */
    static boolean allowed(int prev, int cur) {
        if (cur == 0 || (cur & 1) == 1) return true; // O or B-X
        return prev == cur || prev == cur - 1; // I-X after B-X or I-X
    }

    static void viterbi(float[] scores, float[] trans, int from, int to, int[] out) {
        viterbi(scores, trans, from, to, out, -1, false, null);
    }

    private static final boolean[] ALLOWED = new boolean[(TAGS + 1) * TAGS];

    static {
        for (int p = -1; p < TAGS; p++) {
            for (int y = 0; y < TAGS; y++) ALLOWED[(p + 1) * TAGS + y] = allowed(p, y);
        }
    }

    /** Viterbi over tokens [from, to), after tag {@code prev} (-1: sentence start), followed by O when {@code thenO}. */
    static void viterbi(float[] scores, float[] trans, int from, int to, int[] out, int prev, boolean thenO, float[] margins) {
        int len = to - from;
        if (len <= 0) return;
        float[] delta = new float[len * TAGS];
        int[] back = new int[len * TAGS];
        for (int y = 0; y < TAGS; y++) {
            delta[y] = ALLOWED[(prev + 1) * TAGS + y] ? scores[from * TAGS + y] + trans[(prev + 1) * TAGS + y] : Float.NEGATIVE_INFINITY;
        }
        for (int i = 1; i < len; i++) {
            int sb = (from + i) * TAGS;
            int db = (i - 1) * TAGS;
            for (int y = 0; y < TAGS; y++) {
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                if (y == 0 || (y & 1) == 1) { // O and B-X follow any tag
                    for (int p = 0; p < TAGS; p++) {
                        float v = delta[db + p] + trans[(p + 1) * TAGS + y];
                        if (v > best) {
                            best = v;
                            arg = p;
                        }
                    }
                } else { // I-X follows only B-X (y - 1) or I-X (y), in that order as in the loop over all tags
                    float v = delta[db + y - 1] + trans[y * TAGS + y];
                    if (v > best) {
                        best = v;
                        arg = y - 1;
                    }
                    v = delta[db + y] + trans[(y + 1) * TAGS + y];
                    if (v > best) {
                        best = v;
                        arg = y;
                    }
                }
                delta[i * TAGS + y] = best + scores[sb + y];
                back[i * TAGS + y] = arg;
            }
        }
        int arg = 0;
        float best = Float.NEGATIVE_INFINITY;
        for (int y = 0; y < TAGS; y++) {
            float v = delta[(len - 1) * TAGS + y] + (thenO ? trans[(y + 1) * TAGS] : 0f);
            if (v > best) {
                best = v;
                arg = y;
            }
        }
        for (int i = len - 1; i >= 0; i--) {
            out[from + i] = arg;
            arg = back[i * TAGS + arg];
        }
        if (margins == null) return;
        boolean named = false; // a run tagged all O gives no span, so needs no margins
        for (int i = from; i < to && !named; i++) named = out[i] != 0;
        if (named) maxMarginals(scores, trans, from, len, delta, out, thenO, margins);
    }

    /**
     * Per token, the best path's score minus the best score of a path with another tag there (forward scores
     * {@code delta} plus a backward pass): the tagger's confidence in each tag it chose.
     */
    private static void maxMarginals(float[] scores, float[] trans, int from, int len, float[] delta, int[] out,
            boolean thenO, float[] margins) {
        float[] beta = new float[TAGS];
        float[] next = new float[TAGS];
        for (int y = 0; y < TAGS; y++) beta[y] = thenO ? trans[(y + 1) * TAGS] : 0f;
        for (int i = len - 1; i >= 0; i--) {
            int chosen = out[from + i];
            float best = delta[i * TAGS + chosen] + beta[chosen];
            float other = Float.NEGATIVE_INFINITY;
            for (int y = 0; y < TAGS; y++) {
                float v = delta[i * TAGS + y] + beta[y];
                if (y != chosen && v > other) other = v; // Math.max but for the sign of a zero: no NaN arises here
            }
            margins[from + i] = best - other;
            if (i == 0) break;
            int sb = (from + i) * TAGS;
            for (int p = 0; p < TAGS; p++) {
                // the tags allowed after p: O, every B-X, and the I-X of p's class when p is B-X or I-X of it
                int tb = (p + 1) * TAGS;
                float b = trans[tb] + scores[sb] + beta[0];
                for (int y = 1; y < TAGS; y += 2) {
                    float v = trans[tb + y] + scores[sb + y] + beta[y];
                    if (v > b) b = v;
                }
                int inside = p == 0 ? 0 : (p & 1) == 1 ? p + 1 : p;
                if (inside != 0) {
                    float v = trans[tb + inside] + scores[sb + inside] + beta[inside];
                    if (v > b) b = v;
                }
                next[p] = b;
            }
            float[] tmp = beta;
            beta = next;
            next = tmp;
        }
    }

    /** Spans of a BIO tag sequence (well formed by construction of the decoder). */
    static List<Span> spans(int[] tags) {
        return spans(tags, null);
    }

    /** Spans with their margins (the smallest token margin of each span; infinite without {@code margins}). */
    static List<Span> spans(int[] tags, float[] margins) {
        List<Span> out = new ArrayList<>();
        int i = 0;
        while (i < tags.length) {
            int y = tags[i];
            if (y == 0) {
                i++;
                continue;
            }
            int cls = (y - 1) / 2;
            int j = i + 1;
            while (j < tags.length && tags[j] == 2 + 2 * cls) j++;
            float margin = Float.POSITIVE_INFINITY;
            if (margins != null) for (int k = i; k < j; k++) margin = Math.min(margin, margins[k]);
            out.add(new Span(i, j, cls, margin));
            i = j;
        }
        return out;
    }
}

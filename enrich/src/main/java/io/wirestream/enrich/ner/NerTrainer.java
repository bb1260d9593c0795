package io.wirestream.enrich.ner;

import io.wirestream.enrich.entity.EntityRecognizer;
import io.wirestream.enrich.entity.EntityResolver;
import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.entity.Mention;
import io.wirestream.enrich.text.TokenizedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;

/**
 * Trains a {@link NerTagger}: averaged structured perceptron, Viterbi decoding per sentence, documents shuffled each
 * epoch by a seeded {@link Random}, so the same corpora, seed and epochs give the same model bytes. Dev files are
 * only measured (F1 printed after every epoch), never learnt from. Writes the model and a manifest (JSON) next to it.
 */
public final class NerTrainer {
    /** Training settings. */
    public record Options(List<Path> corpora, List<Path> dev, Path out, long seed, int epochs, int bits, Path clusters) {
        /** Without word clusters (as the shipped model). */
        public Options(List<Path> corpora, List<Path> dev, Path out, long seed, int epochs, int bits) {
            this(corpora, dev, out, seed, epochs, bits, null);
        }
    }

    /** Entity-level scores of one dev file: micro and per class, precision / recall / F1. */
    public record Scores(Map<String, double[]> byClass, double[] micro) {
        public String line() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "micro %.3f", micro[2]));
            for (Map.Entry<String, double[]> e : byClass.entrySet()) {
                sb.append(String.format(Locale.ROOT, " %s %.3f", e.getKey(), e.getValue()[2]));
            }
            return sb.toString();
        }
    }

    private final PrintWriter log;

    /** Progress (corpora, dev F1 per epoch, the file written) goes to {@code log}. */
    public NerTrainer(PrintWriter log) {
        this.log = log;
    }

    /** Trains, writes the model and its manifest, returns the tagger. */
    public NerTagger train(Options o, Gazetteer gazetteer) throws IOException {
        WordClusters clusters = o.clusters() == null ? null : WordClusters.load(o.clusters());
        NerFeatures features = new NerFeatures(gazetteer, clusters);
        EntityRecognizer recognizer = new EntityRecognizer(gazetteer);
        EntityResolver resolver = new EntityResolver(gazetteer);
        java.util.function.Function<TokenizedText, int[][]> extract = t -> {
            List<Mention> rules = recognizer.recognize(t);
            return features.extract(t, rules, resolver.resolve(t, rules, null), false);
        };
        java.util.function.Function<TokenizedText, int[][]> extractDev = t -> {
            List<Mention> rules = recognizer.recognize(t);
            return features.extract(t, rules, resolver.resolve(t, rules, null), true); // as the annotator does
        };
        List<NerCorpus.Doc> docs = new ArrayList<>();
        for (Path p : o.corpora()) {
            List<NerCorpus.Doc> d = NerCorpus.read(p);
            log.printf("corpus %s: %d documents%n", p.getFileName(), d.size());
            docs.addAll(d);
        }
        List<int[][]> feats = new ArrayList<>(docs.size());
        for (NerCorpus.Doc d : docs) feats.add(extract.apply(d.tokens()));
        Map<Path, List<NerCorpus.Doc>> dev = new LinkedHashMap<>();
        Map<Path, List<int[][]>> devFeats = new LinkedHashMap<>();
        for (Path p : o.dev()) {
            List<NerCorpus.Doc> d = NerCorpus.read(p);
            dev.put(p, d);
            List<int[][]> f = new ArrayList<>();
            for (NerCorpus.Doc x : d) f.add(extractDev.apply(x.tokens()));
            devFeats.put(p, f);
        }
        int tags = NerTagger.TAGS;
        int size = (1 << o.bits()) * tags;
        float[] w = new float[size];
        double[] acc = new double[size]; // sum of c * update, for averaging
        float[] tw = new float[(tags + 1) * tags];
        double[] tacc = new double[tw.length];
        Random random = new Random(o.seed());
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < docs.size(); k++) order.add(k);
        long c = 1;
        int mask = (1 << o.bits()) - 1;
        Map<Path, Scores> lastScores = new LinkedHashMap<>();
        NerTagger averaged = null;
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
            Collections.shuffle(order, random);
            int errors = 0, tokens = 0;
            for (int di : order) {
                NerCorpus.Doc d = docs.get(di);
                int[][] f = feats.get(di);
                TokenizedText t = d.tokens();
                int n = f.length;
                float[] scores = new float[n * tags];
                NerTagger.score(f, scores, w, tw, o.bits());
                int[] pred = new int[n];
                int s = 0;
                while (s < n) {
                    int e = s;
                    while (e < n - 1 && !t.is(e, TokenizedText.SENT_END)) e++;
                    NerTagger.viterbi(scores, tw, s, e + 1, pred);
                    boolean wrong = false;
                    for (int i = s; i <= e; i++) if (pred[i] != d.gold()[i]) wrong = true;
                    tokens += e + 1 - s;
                    if (wrong) {
                        for (int i = s; i <= e; i++) {
                            int g = d.gold()[i], p = pred[i];
                            int gp = i == s ? -1 : d.gold()[i - 1], pp = i == s ? -1 : pred[i - 1];
                            if (g != p) {
                                errors++;
                                for (int h : f[i]) {
                                    int b = (h & mask) * tags;
                                    w[b + g] += 1;
                                    acc[b + g] += c;
                                    w[b + p] -= 1;
                                    acc[b + p] -= c;
                                }
                            }
                            if (g != p || gp != pp) {
                                tw[(gp + 1) * tags + g] += 1;
                                tacc[(gp + 1) * tags + g] += c;
                                tw[(pp + 1) * tags + p] -= 1;
                                tacc[(pp + 1) * tags + p] -= c;
                            }
                        }
                    }
                    c++;
                    s = e + 1;
                }
            }
            averaged = new NerTagger(o.bits(), average(w, acc, c), average(tw, tacc, c), gazetteer, clusters);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d: token errors %.4f", epoch,
                    errors / (double) Math.max(1, tokens)));
            for (Map.Entry<Path, List<NerCorpus.Doc>> e : dev.entrySet()) {
                Scores sc = evaluate(averaged, e.getValue(), devFeats.get(e.getKey()));
                lastScores.put(e.getKey(), sc);
                line.append(" | ").append(e.getKey().getFileName()).append(' ').append(sc.line());
            }
            log.println(line);
            log.flush();
        }
        if (o.out() != null && averaged != null) {
            averaged.write(o.out());
            writeManifest(o, averaged, lastScores);
            log.printf("wrote %s (%d bytes, %d non-zero weights)%n", o.out(), Files.size(o.out()), averaged.nonZeroWeights());
            log.flush();
        }
        return averaged;
    }

    private static float[] average(float[] w, double[] acc, long c) {
        float[] out = new float[w.length];
        for (int k = 0; k < w.length; k++) {
            if (w[k] == 0f && acc[k] == 0d) continue;
            float v = (float) (w[k] - acc[k] / c);
            out[k] = Math.abs(v) < 1e-3f ? 0f : v;
        }
        return out;
    }

    /** Entity-level precision / recall / F1 of the tagger on documents (exact character span and class). */
    public static Scores evaluate(NerTagger tagger, List<NerCorpus.Doc> docs, List<int[][]> feats) {
        int k = NerTagger.CLASSES.length;
        long[] tp = new long[k], fp = new long[k], fn = new long[k];
        for (int di = 0; di < docs.size(); di++) {
            NerCorpus.Doc d = docs.get(di);
            int[][] f = feats == null ? tagger.features().extract(d.tokens()) : feats.get(di);
            int[] pred = tagger.tags(d.tokens(), f);
            Set<String> p = new HashSet<>();
            for (NerTagger.Span s : NerTagger.spans(pred)) {
                p.add(d.tokens().start(s.from()) + ":" + d.tokens().end(s.to() - 1) + ":" + s.type());
            }
            for (String s : p) {
                int cls = classOf(s);
                if (d.goldSpans().contains(s)) tp[cls]++;
                else fp[cls]++;
            }
            for (String s : d.goldSpans()) if (!p.contains(s)) fn[classOf(s)]++;
        }
        Map<String, double[]> by = new LinkedHashMap<>();
        long stp = 0, sfp = 0, sfn = 0;
        for (int x = 0; x < k; x++) {
            by.put(NerTagger.CLASSES[x], prf(tp[x], fp[x], fn[x]));
            stp += tp[x];
            sfp += fp[x];
            sfn += fn[x];
        }
        return new Scores(by, prf(stp, sfp, sfn));
    }

    private static int classOf(String span) {
        String c = span.substring(span.lastIndexOf(':') + 1);
        for (int x = 0; x < NerTagger.CLASSES.length; x++) if (NerTagger.CLASSES[x].equals(c)) return x;
        throw new IllegalArgumentException(span);
    }

    private static double[] prf(long tp, long fp, long fn) {
        double p = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        double r = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
        return new double[] {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
    }

    private void writeManifest(Options o, NerTagger model, Map<Path, Scores> scores) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"format\": \"wirestream-ner averaged perceptron v1\",\n  \"corpora\": [");
        for (int k = 0; k < o.corpora().size(); k++) {
            Path p = o.corpora().get(k);
            sb.append(k == 0 ? "\n" : ",\n").append("    {\"name\": \"").append(p.getFileName()).append("\", \"sha256\": \"")
                    .append(sha256(p)).append("\"}");
        }
        sb.append("\n  ],\n  \"seed\": ").append(o.seed()).append(",\n  \"epochs\": ").append(o.epochs())
                .append(",\n  \"hashBits\": ").append(o.bits()).append(",\n  \"nonZeroWeights\": ").append(model.nonZeroWeights())
                .append(",\n  \"modelSha256\": \"").append(sha256(o.out())).append("\"")
                .append(o.clusters() == null ? "" : ",\n  \"wordClusters\": {\"name\": \"" + o.clusters().getFileName()
                        + "\", \"sha256\": \"" + sha256(o.clusters()) + "\", \"note\": \"built by WordClusterBuilder (provenance: "
                        + "the file's # lines); stored in the model file\"}")
                .append(",\n  \"features\": \"").append(NerFeatures.DESCRIPTION)
                .append(o.clusters() == null ? "" : "; " + NerFeatures.CLUSTER_DESCRIPTION).append("\",\n  \"devScores\": {");
        int k = 0;
        for (Map.Entry<Path, Scores> e : scores.entrySet()) {
            sb.append(k++ == 0 ? "\n" : ",\n").append("    \"").append(e.getKey().getFileName()).append("\": {\"micro\": ")
                    .append(String.format(Locale.ROOT, "%.4f", e.getValue().micro()[2]));
            for (Map.Entry<String, double[]> c : e.getValue().byClass().entrySet()) {
                sb.append(", \"").append(c.getKey()).append("\": ").append(String.format(Locale.ROOT, "%.4f", c.getValue()[2]));
            }
            sb.append('}');
        }
        sb.append("\n  },\n  \"devScoresNote\": \"tagger alone, entity-level F1 after the last epoch; dev files measured only, never trained on\"\n}\n");
        Files.writeString(manifestPath(o.out()), sb.toString(), StandardCharsets.UTF_8);
    }

    /** {@code model.bin} -> {@code model.manifest.json}. */
    public static Path manifestPath(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".manifest.json");
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) md.update(buf, 0, r);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code NerTrainer --corpus FILE... [--dev FILE...] --out model.bin [--seed N] [--epochs N] [--bits N]
     * [--clusters word-clusters.tsv.gz]}.
     */
    public static void main(String[] args) throws IOException {
        List<Path> corpora = new ArrayList<>(), dev = new ArrayList<>();
        Path out = null, clusters = null;
        long seed = 1;
        int epochs = 10, bits = 20;
        List<Path> target = null;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--corpus" -> target = corpora;
                case "--dev" -> target = dev;
                case "--out" -> { out = Path.of(args[++k]); target = null; }
                case "--seed" -> { seed = Long.parseLong(args[++k]); target = null; }
                case "--epochs" -> { epochs = Integer.parseInt(args[++k]); target = null; }
                case "--bits" -> { bits = Integer.parseInt(args[++k]); target = null; }
                case "--clusters" -> { clusters = Path.of(args[++k]); target = null; }
                default -> {
                    if (target == null) throw new IllegalArgumentException("unexpected argument " + args[k]);
                    target.add(Path.of(args[k]));
                }
            }
        }
        if (corpora.isEmpty() || out == null) {
            System.err.println("usage: NerTrainer --corpus FILE... [--dev FILE...] --out model.bin [--seed N] [--epochs N] [--bits N] "
                    + "[--clusters FILE]");
            System.exit(2);
        }
        new NerTrainer(new PrintWriter(System.out, true)).train(new Options(corpora, dev, out, seed, epochs, bits, clusters),
                Gazetteer.defaults());
    }
}

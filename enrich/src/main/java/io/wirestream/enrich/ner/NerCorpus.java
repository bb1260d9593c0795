package io.wirestream.enrich.ner;

import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.enrich.text.Tokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A CoNLL file ({@code token<TAB>tag}, BIO over PER/ORG/LOC/MISC, a blank line after every sentence) read as
 * documents the way {@code conll2docs.py} lays them out (8 sentences per document, tokens joined by a space,
 * sentences by a newline) and re-tokenized with the annotator's {@link Tokenizer}, so the tagger trains on exactly
 * the tokens it sees at run time. Gold tags move to the run-time tokens by character offsets.
 */
public final class NerCorpus {
    public static final int SENTENCES_PER_DOC = 8;

    /** One document: its text and tokens, the gold tag of every token, and the gold spans as "start:end:CLASS". */
    public record Doc(String text, TokenizedText tokens, int[] gold, Set<String> goldSpans) {
    }

    private NerCorpus() {
    }

    public static List<Doc> read(Path file) throws IOException {
        List<List<String[]>> sentences = new ArrayList<>();
        List<String[]> cur = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    if (!cur.isEmpty()) sentences.add(cur);
                    cur = new ArrayList<>();
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                if (tab <= 0) throw new IOException(file + ":" + no + ": expected token<TAB>tag");
                String tag = line.substring(tab + 1).trim();
                if (tagIndex(tag) < 0) throw new IOException(file + ":" + no + ": unknown tag '" + tag + "'");
                cur.add(new String[] {line.substring(0, tab), tag});
            }
        }
        if (!cur.isEmpty()) sentences.add(cur);
        List<Doc> docs = new ArrayList<>();
        for (int s = 0; s < sentences.size(); s += SENTENCES_PER_DOC) {
            docs.add(doc(sentences.subList(s, Math.min(sentences.size(), s + SENTENCES_PER_DOC))));
        }
        return docs;
    }

    static int tagIndex(String tag) {
        if (tag.equals("O")) return 0;
        if (tag.length() < 3 || tag.charAt(1) != '-') return -1;
        for (int k = 0; k < NerTagger.CLASSES.length; k++) {
            if (tag.substring(2).equals(NerTagger.CLASSES[k])) {
                if (tag.charAt(0) == 'B') return 1 + 2 * k;
                if (tag.charAt(0) == 'I') return 2 + 2 * k;
            }
        }
        return -1;
    }

    /** A document from CoNLL sentences (each a list of {token, tag}). */
    static Doc doc(List<List<String[]>> sentences) {
        StringBuilder sb = new StringBuilder();
        List<int[]> gold = new ArrayList<>(); // start, end, tag
        for (int si = 0; si < sentences.size(); si++) {
            if (si > 0) sb.append('\n');
            List<String[]> sent = sentences.get(si);
            for (int ti = 0; ti < sent.size(); ti++) {
                if (ti > 0) sb.append(' ');
                int start = sb.length();
                sb.append(sent.get(ti)[0]);
                gold.add(new int[] {start, sb.length(), tagIndex(sent.get(ti)[1])});
            }
            gold.add(null); // sentence break
        }
        String text = sb.toString();
        // gold spans (conlleval chunks: a B- or a change of class starts a new one)
        Set<String> spans = new HashSet<>();
        int curStart = -1, curEnd = -1, curCls = -1;
        for (int[] g : gold) {
            int tag = g == null ? 0 : g[2];
            int cls = tag == 0 ? -1 : (tag - 1) / 2;
            boolean begin = tag != 0 && ((tag & 1) == 1 || cls != curCls);
            if (curCls >= 0 && (g == null || tag == 0 || begin)) {
                spans.add(curStart + ":" + curEnd + ":" + NerTagger.CLASSES[curCls]);
                curCls = -1;
            }
            if (g == null || tag == 0) continue;
            if (curCls < 0) {
                curStart = g[0];
                curCls = cls;
            }
            curEnd = g[1];
        }
        TokenizedText t = Tokenizer.tokenize(text);
        int[] tags = new int[t.size()];
        int gi = 0;
        List<int[]> goldTokens = new ArrayList<>();
        for (int[] g : gold) if (g != null) goldTokens.add(g);
        for (int i = 0; i < t.size(); i++) {
            int s = t.start(i);
            while (gi < goldTokens.size() && goldTokens.get(gi)[1] <= s) gi++;
            if (gi >= goldTokens.size()) break;
            int[] g = goldTokens.get(gi);
            if (g[2] == 0) continue;
            tags[i] = s == g[0] ? g[2] : 2 + 2 * ((g[2] - 1) / 2); // later pieces of a split gold token continue it
        }
        // repair: an I-X that does not follow its class starts it
        for (int i = 0; i < tags.length; i++) {
            int y = tags[i];
            if (y != 0 && (y & 1) == 0 && (i == 0 || (tags[i - 1] != y && tags[i - 1] != y - 1))) tags[i] = y - 1;
        }
        return new Doc(text, t, tags, spans);
    }
}

package io.wirestream.enrich.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A multi-pattern matcher over token sequences: a trie whose edges are whole tokens, so one walk from a token finds
 * the longest phrase starting there in O(phrase length) hash look-ups, whatever the number of patterns.
 *
 * @param <V> the payload stored at the end of each phrase
 */
public final class TokenTrie<V> {
    /** Which form of a token is used as the key. */
    public enum Key {
        /** The token as written. */
        EXACT,
        /** Lower-cased. */
        LOWER
    }

    private static final class Node<V> {
        Map<String, Node<V>> next;
        List<V> values;
    }

    /** A match: tokens [from, to) and the payloads stored for that phrase. */
    public record Match<V>(int from, int to, List<V> values) {
        public V first() {
            return values.get(0);
        }
    }

    /** Bits of 2^19 set for the hashes of the root keys: most tokens start no phrase, and a miss here avoids a
     *  cache-missing probe of the (large) root map. Never a false negative, so results are unchanged. */
    private static final int FILTER_BITS = 19;
    private static final int FILTER_MASK = (1 << FILTER_BITS) - 1;
    private final long[] rootFilter = new long[1 << (FILTER_BITS - 6)];
    private final Node<V> root = new Node<>();
    private final Key key;
    private int phrases;

    public TokenTrie(Key key) {
        this.key = key;
    }

    /** Adds a phrase given as its tokens (already in the form the key uses). */
    public void add(List<String> tokens, V value) {
        if (tokens.isEmpty()) return;
        Node<V> node = root;
        mark(tokens.get(0));
        for (String t : tokens) {
            if (node.next == null) node.next = new HashMap<>(4);
            node = node.next.computeIfAbsent(t, k -> new Node<>());
        }
        if (node.values == null) {
            node.values = new ArrayList<>(1);
            phrases++;
        }
        if (!node.values.contains(value)) node.values.add(value);
    }

    /** Adds a phrase, tokenized with {@link Tokenizer} (and lower-cased for {@link Key#LOWER}). */
    public void add(String phrase, V value) {
        add(keys(phrase), value);
    }

    /** The keys of a phrase in this trie's form. */
    public List<String> keys(String phrase) {
        TokenizedText t = Tokenizer.tokenize(phrase);
        List<String> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) out.add(key == Key.LOWER ? t.lower(i) : t.token(i));
        return out;
    }

    public int size() {
        return phrases;
    }

    /** Longest phrase starting at token {@code from} and ending at or before {@code limit}, or null. */
    public Match<V> longest(TokenizedText text, int from, int limit) {
        if (from < limit && !mayStart(keyOf(text, from))
                && !(key == Key.EXACT && text.is(from, TokenizedText.ALL_CAPS))) {
            return null;
        }
        Node<V> node = root;
        Match<V> best = null;
        for (int i = from; i < limit; i++) {
            if (node.next == null) break;
            Node<V> n = node.next.get(keyOf(text, i));
            if (n == null && key == Key.EXACT && text.is(i, TokenizedText.ALL_CAPS)) {
                n = node.next.get(titleCase(text.token(i))); // "MOSCOW" -> "Moscow"
            }
            if (n == null) break;
            node = n;
            if (node.values != null) best = new Match<>(from, i + 1, Collections.unmodifiableList(node.values));
        }
        return best;
    }

    /** Longest phrase starting at {@code from} over pre-computed keys (e.g. stemmed tokens), or null. */
    public Match<V> longest(String[] keys, int from, int limit) {
        if (from < limit && keys[from] != null && !mayStart(keys[from])) return null;
        Node<V> node = root;
        Match<V> best = null;
        for (int i = from; i < limit; i++) {
            if (node.next == null || keys[i] == null) break;
            node = node.next.get(keys[i]);
            if (node == null) break;
            if (node.values != null) best = new Match<>(from, i + 1, Collections.unmodifiableList(node.values));
        }
        return best;
    }

    /** Every phrase occurrence, scanning left to right and taking the longest match at each position (no overlaps). */
    public void scan(TokenizedText text, Consumer<Match<V>> out) {
        int n = text.size();
        int i = 0;
        while (i < n) {
            Match<V> m = longest(text, i, n);
            if (m != null) {
                out.accept(m);
                i = m.to();
            } else {
                i++;
            }
        }
    }

    /** Every phrase occurrence, overlapping ones included (all lengths at every start). */
    public void scanAll(TokenizedText text, Consumer<Match<V>> out) {
        int n = text.size();
        for (int from = 0; from < n; from++) {
            if (!mayStart(keyOf(text, from))) continue;
            Node<V> node = root;
            for (int i = from; i < n; i++) {
                if (node.next == null) break;
                node = node.next.get(keyOf(text, i));
                if (node == null) break;
                if (node.values != null) out.accept(new Match<>(from, i + 1, Collections.unmodifiableList(node.values)));
            }
        }
    }

    private void mark(String rootKey) {
        int b = filterBit(rootKey);
        rootFilter[b >>> 6] |= 1L << b;
    }

    /** False when no phrase starts with this key (true may still be a miss). */
    private boolean mayStart(String rootKey) {
        int b = filterBit(rootKey);
        return (rootFilter[b >>> 6] & (1L << b)) != 0;
    }

    private static int filterBit(String s) {
        int h = s.hashCode();
        return (h ^ (h >>> FILTER_BITS)) & FILTER_MASK;
    }

    private String keyOf(TokenizedText text, int i) {
        return key == Key.LOWER ? text.lower(i) : text.token(i);
    }

    static String titleCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean startOfWord = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(startOfWord ? c : Character.toLowerCase(c));
            startOfWord = !Character.isLetter(c);
        }
        return b.toString();
    }
}

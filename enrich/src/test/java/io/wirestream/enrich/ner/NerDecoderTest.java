package io.wirestream.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The decoder (Viterbi + max-marginals) against the straightforward loops over every tag pair it replaced. */
class NerDecoderTest {

    private static final int TAGS = NerTagger.TAGS;

    @Test
    void decodingGivesTheSameTagsAndMarginsAsTheLoopOverEveryTagPair() {
        SplittableRandom random = new SplittableRandom(14);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(12);
            float[] scores = new float[n * TAGS];
            float[] trans = new float[(TAGS + 1) * TAGS];
            // small integers make ties (the first best predecessor must win, as before); some impossible scores
            boolean ties = round % 2 == 0;
            for (int k = 0; k < scores.length; k++) {
                scores[k] = k % TAGS == 0 ? 0f : random.nextInt(20) == 0 ? Float.NEGATIVE_INFINITY
                    : ties ? random.nextInt(5) - 2 : (float) random.nextGaussian() * 10;
            }
            for (int k = 0; k < trans.length; k++) {
                trans[k] = ties ? random.nextInt(3) - 1 : (float) random.nextGaussian() * 5;
            }
            int from = random.nextInt(n);
            int to = from + 1 + random.nextInt(n - from);
            int prev = random.nextBoolean() ? -1 : 0;
            boolean thenO = random.nextBoolean();
            int[] out = new int[n];
            float[] margins = new float[n];
            java.util.Arrays.fill(margins, Float.POSITIVE_INFINITY); // as tags() does
            int[] expectedOut = new int[n];
            float[] expectedMargins = new float[n];
            NerTagger.viterbi(scores, trans, from, to, out, prev, thenO, margins);
            reference(scores, trans, from, to, expectedOut, prev, thenO, expectedMargins);
            assertThat(out).as("round %d", round).isEqualTo(expectedOut);
            for (int i = 0; i < n; i++) {
                // the sign of a zero aside (Math.max before, a comparison now), the margins are the same floats
                assertThat(margins[i] + 0f).as("round %d token %d", round, i).isEqualTo(expectedMargins[i] + 0f);
            }
        }
    }

    /** The decoder as first written: every (previous, current) pair checked against the BIO rules, Math.max. */
    private static void reference(float[] scores, float[] trans, int from, int to, int[] out, int prev, boolean thenO,
                                  float[] margins) {
        int len = to - from;
        float[] delta = new float[len * TAGS];
        int[] back = new int[len * TAGS];
        for (int y = 0; y < TAGS; y++) {
            delta[y] = NerTagger.allowed(prev, y) ? scores[from * TAGS + y] + trans[(prev + 1) * TAGS + y] : Float.NEGATIVE_INFINITY;
        }
        for (int i = 1; i < len; i++) {
            int sb = (from + i) * TAGS;
            for (int y = 0; y < TAGS; y++) {
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                for (int p = 0; p < TAGS; p++) {
                    if (!NerTagger.allowed(p, y)) continue;
                    float v = delta[(i - 1) * TAGS + p] + trans[(p + 1) * TAGS + y];
                    if (v > best) {
                        best = v;
                        arg = p;
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
        java.util.Arrays.fill(margins, Float.POSITIVE_INFINITY);
        boolean named = false;
        for (int i = from; i < to && !named; i++) named = out[i] != 0;
        if (!named) return;
        float[] beta = new float[TAGS];
        float[] next = new float[TAGS];
        for (int y = 0; y < TAGS; y++) beta[y] = thenO ? trans[(y + 1) * TAGS] : 0f;
        for (int i = len - 1; i >= 0; i--) {
            int chosen = out[from + i];
            float b0 = delta[i * TAGS + chosen] + beta[chosen];
            float other = Float.NEGATIVE_INFINITY;
            for (int y = 0; y < TAGS; y++) {
                if (y != chosen) other = Math.max(other, delta[i * TAGS + y] + beta[y]);
            }
            margins[from + i] = b0 - other;
            if (i == 0) break;
            int sb = (from + i) * TAGS;
            for (int p = 0; p < TAGS; p++) {
                float b = Float.NEGATIVE_INFINITY;
                for (int y = 0; y < TAGS; y++) {
                    if (!NerTagger.allowed(p, y)) continue;
                    b = Math.max(b, trans[(p + 1) * TAGS + y] + scores[sb + y] + beta[y]);
                }
                next[p] = b;
            }
            float[] tmp = beta;
            beta = next;
            next = tmp;
        }
    }
}

package io.wirestream.enrich.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * LSH banding: a signature of {@code bands * rows} values is cut into {@code bands} bands; two signatures that agree
 * on every row of at least one band share a bucket. With Jaccard similarity {@code s} the chance of sharing a bucket
 * is {@code 1 - (1 - s^rows)^bands}: for 32 bands of 4 rows it is 0.5 at {@code s} = 0.42 and over 0.999 from
 * {@code s} = 0.7, so every near-duplicate is a candidate while unrelated stories almost never meet.
 * This class only names the buckets ({@link #bucketKeys}); where the bucket members live is {@link ClusterStore}'s
 * business. Immutable.
 */
public final class LshIndex {

    private final int bands;
    private final int rows;

    public LshIndex(int bands, int rows) {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be positive");
        }
        this.bands = bands;
        this.rows = rows;
    }

    public int signatureLength() {
        return bands * rows;
    }

    /** One bucket key per band: {@code "<band>:<hash of the band's rows, hex>"}. */
    public List<String> bucketKeys(int[] signature) {
        if (signature.length != bands * rows) {
            throw new IllegalArgumentException("signature of " + signature.length + " values, expected " + bands * rows);
        }
        List<String> keys = new ArrayList<>(bands);
        for (int band = 0; band < bands; band++) {
            long h = 0xcbf29ce484222325L;
            for (int r = 0; r < rows; r++) {
                h = (h ^ signature[band * rows + r]) * 0x100000001b3L;
                h ^= h >>> 29;
            }
            keys.add(band + ":" + Long.toHexString(h));
        }
        return keys;
    }

    /** Probability that two signatures with Jaccard similarity {@code s} share at least one bucket. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }
}

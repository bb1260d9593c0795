package io.wirestream.ingest.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * SHA-256 (hex) of the normalised headline and body: Unicode NFC, whitespace runs collapsed to one space, trimmed,
 * headline and body joined by a newline. Two copies with equal hashes are exact duplicates whatever their wrapping.
 */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(String headline, String body) {
        String text = normalise(headline) + "\n" + normalise(body);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    static String normalise(String s) {
        if (s == null) {
            return "";
        }
        return Whitespace.collapse(Normalizer.normalize(s, Normalizer.Form.NFC));
    }
}

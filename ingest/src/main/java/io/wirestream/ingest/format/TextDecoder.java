package io.wirestream.ingest.format;

import io.wirestream.schemas.ParseWarning;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding wire text. {@link #decode} is strict: undecodable bytes are a {@link ParseException} at their byte offset,
 * never replacement characters. {@link #lenient} is what the 8-bit wire formats use (see ingest/README.md, "Leniency"):
 * valid UTF-8 is UTF-8, anything else is read as Windows-1252 with a {@code charset-fallback} warning, so no byte
 * sequence is ever rejected and no headline turns into mojibake.
 */
public final class TextDecoder {

    /** Warning kind: the bytes were not in the charset expected or declared; read as the format's legacy default. */
    public static final String CHARSET_FALLBACK = "charset-fallback";
    /** Warning kind: Latin-1 / Windows-1252 was declared over bytes that are valid multi-byte UTF-8; read as UTF-8. */
    public static final String CHARSET_MISLABEL = "charset-mislabel";

    /** Windows-1252 0x80-0x9F; the five bytes it leaves undefined keep their ISO-8859-1 (C1) meaning. */
    private static final char[] CP1252_HIGH = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178'};

    private TextDecoder() {
    }

    /** Decoded text, the charset it was read as, and the warning when that was not the expected one (else null). */
    public record Decoded(String text, Charset charset, ParseWarning warning) {
    }

    /**
     * Lenient decoding for the 8-bit wire formats: a UTF-8 BOM or valid UTF-8 is UTF-8; a declared charset (HTTP
     * header, {@code --charset}) is used when the bytes decode with it, except that Latin-1 / Windows-1252 declared over
     * valid multi-byte UTF-8 is read as UTF-8 ({@code charset-mislabel}); anything else is Windows-1252
     * ({@code charset-fallback}). Never throws.
     */
    public static Decoded lenient(byte[] bytes, int from, Charset declared) {
        int start = from;
        if (bytes.length - start >= 3 && (bytes[start] & 0xFF) == 0xEF && (bytes[start + 1] & 0xFF) == 0xBB && (bytes[start + 2] & 0xFF) == 0xBF) {
            start += 3;
            declared = declared == null || isLatin(declared) ? StandardCharsets.UTF_8 : declared;
        }
        int bad = invalidUtf8At(bytes, start);
        if (declared != null && !StandardCharsets.UTF_8.equals(declared)) {
            if (isLatin(declared)) {
                if (bad < 0 && hasMultiByte(bytes, start)) {
                    return new Decoded(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                            new ParseWarning(CHARSET_MISLABEL, declared.name() + " declared, but the bytes are valid UTF-8 with multi-byte characters: read as UTF-8"));
                }
                return new Decoded(windows1252(bytes, start), WINDOWS_1252, null);
            }
            try {
                return new Decoded(decode(bytes, start, declared, null), declared, null);
            } catch (ParseException e) {
                if (bad < 0) {
                    return new Decoded(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                            new ParseWarning(CHARSET_FALLBACK, "not " + declared.name() + " as declared (" + e.reason() + ", offset " + e.offset() + "): read as UTF-8"));
                }
                return new Decoded(windows1252(bytes, start), WINDOWS_1252,
                        new ParseWarning(CHARSET_FALLBACK, "not " + declared.name() + " as declared (" + e.reason() + ", offset " + e.offset() + "): read as Windows-1252"));
            }
        }
        if (bad < 0) {
            return new Decoded(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8), StandardCharsets.UTF_8, null);
        }
        return new Decoded(windows1252(bytes, start), WINDOWS_1252, new ParseWarning(CHARSET_FALLBACK, String.format(
                "not valid UTF-8 (byte 0x%02X at offset %d): read as Windows-1252", bytes[bad] & 0xFF, bad)));
    }

    public static Decoded lenient(byte[] bytes, Charset declared) {
        return lenient(bytes, 0, declared);
    }

    /** Windows-1252 as every browser reads it: ISO-8859-1 plus the printable 0x80-0x9F range. Never fails. */
    public static String windows1252(byte[] bytes, int from) {
        char[] out = new char[Math.max(0, bytes.length - from)];
        for (int i = from; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            out[i - from] = b >= 0x80 && b < 0xA0 ? CP1252_HIGH[b - 0x80] : (char) b;
        }
        return new String(out);
    }

    /** ISO-8859-1 and Windows-1252 under any of their names (and US-ASCII, a subset both extend). */
    public static boolean isLatin(Charset cs) {
        String n = cs.name();
        return n.equals("ISO-8859-1") || n.equals("windows-1252") || n.equals("US-ASCII");
    }

    /** The offset of the first byte that is not valid UTF-8 (overlong forms and surrogates included), else -1. */
    public static int invalidUtf8At(byte[] b, int from) {
        int i = from;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                if (c == 0xE0) {
                    min2 = 0xA0;
                } else if (c == 0xED) {
                    max2 = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                if (c == 0xF0) {
                    min2 = 0x90;
                } else if (c == 0xF4) {
                    max2 = 0x8F;
                }
            } else {
                return i;
            }
            if (i + len > n) {
                return i;
            }
            int c2 = b[i + 1] & 0xFF;
            if (c2 < min2 || c2 > max2) {
                return i;
            }
            for (int k = 2; k < len; k++) {
                int ck = b[i + k] & 0xFF;
                if (ck < 0x80 || ck > 0xBF) {
                    return i;
                }
            }
            i += len;
        }
        return -1;
    }

    private static boolean hasMultiByte(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /** Windows-1252 when the JDK has it (it always has on the platforms we run), else ISO-8859-1. */
    public static final Charset WINDOWS_1252 = Charset.isSupported("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;

    /** Decodes {@code bytes[from..]} with {@code charset}, dropping a leading UTF-8 BOM. */
    public static String decode(byte[] bytes, int from, Charset charset, String format) throws ParseException {
        int start = from;
        if (StandardCharsets.UTF_8.equals(charset) && bytes.length - start >= 3
                && (bytes[start] & 0xFF) == 0xEF && (bytes[start + 1] & 0xFF) == 0xBB && (bytes[start + 2] & 0xFF) == 0xBF) {
            start += 3;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, (long) ((bytes.length - start) * (double) decoder.maxCharsPerByte()) + 16));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw ParseException.atOffset(format, "undecodable bytes for charset " + charset.name() + " (byte 0x"
                    + String.format("%02X", bytes[Math.min(at, bytes.length - 1)] & 0xFF) + ")", at);
        }
        out.flip();
        return out.toString();
    }

    public static String decode(byte[] bytes, Charset charset, String format) throws ParseException {
        return decode(bytes, 0, charset, format);
    }

    /** Looks a charset up by name; an unknown or unsupported name is a parse error. */
    public static Charset charset(String name, String format) throws ParseException {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            throw ParseException.atOffset(format, "unsupported charset '" + name + "'", 0);
        }
    }

    /** Decoding as the exception-free check used by sniffers. */
    static boolean decodes(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

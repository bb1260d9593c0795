package io.wirestream.ingest.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict decoding: undecodable bytes are a {@link ParseException} at their byte offset, never replacement characters. */
public final class TextDecoder {

    private TextDecoder() {
    }

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

package io.wirestream.ingest.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TextDecoderTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final String SAMPLE = "M\u00fcller \u00a3 \u20ac \u2013\u00a0\u201cquoted\u201d";

    @Test
    void validUtf8IsUtf8WithoutAWarning() {
        TextDecoder.Decoded d = TextDecoder.lenient(SAMPLE.getBytes(StandardCharsets.UTF_8), null);
        assertThat(d.text()).isEqualTo(SAMPLE);
        assertThat(d.warning()).isNull();
    }

    @Test
    void anythingElseIsWindows1252WithTheFirstBadByte() {
        TextDecoder.Decoded d = TextDecoder.lenient(SAMPLE.getBytes(CP1252), null);
        assertThat(d.text()).isEqualTo(SAMPLE);
        assertThat(d.warning().getKind()).isEqualTo("charset-fallback");
        assertThat(d.warning().getMessage()).contains("byte 0xFC at offset 1");
    }

    @Test
    void theFiveBytesWindows1252LeavesUndefinedKeepTheirLatin1Meaning() {
        byte[] b = {(byte) 0x81, (byte) 0x8D, (byte) 0x8F, (byte) 0x90, (byte) 0x9D, (byte) 0x80};
        assertThat(TextDecoder.windows1252(b, 0)).isEqualTo("\u0081\u008D\u008F\u0090\u009D\u20AC");
    }

    @Test
    void latin1DeclaredOverMultiByteUtf8IsAMislabel() {
        TextDecoder.Decoded d = TextDecoder.lenient(SAMPLE.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(d.text()).isEqualTo(SAMPLE);
        assertThat(d.warning().getKind()).isEqualTo("charset-mislabel");
        // declared Latin-1 over real Latin-1 bytes is read as Windows-1252, silently
        TextDecoder.Decoded real = TextDecoder.lenient(SAMPLE.getBytes(CP1252), StandardCharsets.ISO_8859_1);
        assertThat(real.text()).isEqualTo(SAMPLE);
        assertThat(real.warning()).isNull();
    }

    @Test
    void aDeclaredCharsetTheBytesDoNotMatchFallsBack() {
        TextDecoder.Decoded d = TextDecoder.lenient(SAMPLE.getBytes(CP1252), StandardCharsets.US_ASCII);
        assertThat(d.text()).isEqualTo(SAMPLE); // US-ASCII counts as Latin: Windows-1252
        TextDecoder.Decoded utf16 = TextDecoder.lenient("ab\u00fc".getBytes(CP1252), StandardCharsets.UTF_16BE);
        assertThat(utf16.warning().getKind()).isEqualTo("charset-fallback");
    }

    @Test
    void overlongFormsSurrogatesAndTruncatedSequencesAreNotUtf8() {
        assertThat(TextDecoder.invalidUtf8At(new byte[] {'a', (byte) 0xC0, (byte) 0xAF}, 0)).isEqualTo(1);
        assertThat(TextDecoder.invalidUtf8At(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0)).isZero();
        assertThat(TextDecoder.invalidUtf8At(new byte[] {(byte) 0xE2, (byte) 0x82}, 0)).isZero();
        assertThat(TextDecoder.invalidUtf8At(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0)).isZero();
        assertThat(TextDecoder.invalidUtf8At("\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(-1);
    }
}

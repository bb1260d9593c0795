package io.wirestream.ingest.format;

import io.wirestream.ingest.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatSnifferTest {

    private final FormatSniffer sniffer = FormatSniffer.defaults();

    @ParameterizedTest
    @CsvSource({
            "anpa-1312, ap-japan-russia-1stld.anpa",
            "iptc-7901, dpa-1st-lead.txt",
            "nitf, ap-japan-russia-doctype.xml",
            "nitf, dpa-embargoed-latin1.xml",
            "newsml-g2, reuters-newsitem.xml",
            "newsml-g2, newsmessage-itemset.xml",
            "ninjs, ninjs1-text.json",
            "ninjs, ninjs2-items.json",
            "rss, example-world.rss",
            "atom, example-world.atom",
            "plain-text, tokyo-headline-byline.txt"})
    void eachFixtureIsSniffedAsItsFormat(String format, String name) throws ParseException {
        byte[] bytes = Fixtures.bytes(format, name);
        assertThat(sniffer.sniff(bytes)).get().extracting(WireFormatParser::name).isEqualTo(format);
        assertThat(sniffer.parse(bytes, Fixtures.context(name), null).format()).isEqualTo(format);
    }

    @Test
    void seedIsSniffedAsPlainText() {
        assertThat(sniffer.sniff(Fixtures.seed("000_22ebd5df95e2d1f5.txt"))).get().extracting(WireFormatParser::name).isEqualTo("plain-text");
    }

    @Test
    void forcedFormatOverridesSniffingAndAcceptsAliases() throws ParseException {
        byte[] text = "<p>not xml enough</p>\n\nsecond".getBytes(StandardCharsets.UTF_8);
        assertThat(sniffer.parse(text, Fixtures.context("x"), "text").format()).isEqualTo("plain-text");
        assertThatThrownBy(() -> sniffer.parse(text, Fixtures.context("x"), "docx"))
                .isInstanceOf(UnknownFormatException.class).hasMessageContaining("unknown format 'docx'");
    }

    @Test
    void binaryBytesAreAnUnknownFormat() {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
        assertThatThrownBy(() -> sniffer.parse(binary, Fixtures.context("x.png"), null)).isInstanceOf(UnknownFormatException.class);
    }

    @Test
    void inputOverTheCapIsRejectedBeforeParsing() {
        FormatSniffer small = FormatSniffer.defaults(100);
        assertThatThrownBy(() -> small.parse(new byte[101], Fixtures.context("big"), null))
                .isInstanceOfSatisfying(InputTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(100));
    }

    @Test
    void takeKeysGiveVersionsAndKillStatus() {
        assertThat(TakeKey.version("1stLd-Writethru")).isEqualTo(2);
        assertThat(TakeKey.version("2ndLd-Writethru")).isEqualTo(3);
        assertThat(TakeKey.version("Writethru")).isEqualTo(2);
        assertThat(TakeKey.version("1ST LEAD")).isEqualTo(2);
        assertThat(TakeKey.version("1stAdd")).isEqualTo(1);
        assertThat(TakeKey.version(null)).isEqualTo(1);
        assertThat(TakeKey.status("KILL")).isEqualTo(io.wirestream.schemas.PubStatus.CANCELED);
        assertThat(TakeKey.status("ELIMINATION")).isEqualTo(io.wirestream.schemas.PubStatus.CANCELED);
        assertThat(TakeKey.status("WITHHOLD")).isEqualTo(io.wirestream.schemas.PubStatus.WITHHELD);
        assertThat(TakeKey.status("1stLd-Writethru")).isEqualTo(io.wirestream.schemas.PubStatus.USABLE);
    }

    @Test
    void timestampsInTheWireFormsAreRead() {
        assertThat(TimestampReader.read("20180731T134700-0400")).hasToString("2018-07-31T17:47:00Z");
        assertThat(TimestampReader.read("20180731T134700Z")).hasToString("2018-07-31T13:47:00Z");
        assertThat(TimestampReader.read("20180731")).hasToString("2018-07-31T00:00:00Z");
        assertThat(TimestampReader.read("2018-07-31T18:30:00+09:00")).hasToString("2018-07-31T09:30:00Z");
        assertThat(TimestampReader.read("Tue, 31 Jul 2018 13:47:00 EDT")).hasToString("2018-07-31T17:47:00Z");
        assertThat(TimestampReader.read("Tue, 31 Jul 2018 15:02:00 GMT")).hasToString("2018-07-31T15:02:00Z");
        assertThat(TimestampReader.read("31 Jul 2018 15:02 +0200")).hasToString("2018-07-31T13:02:00Z");
        assertThat(TimestampReader.read("yesterday")).isNull();
    }
}

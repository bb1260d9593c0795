package io.wirestream.ingest.format;

import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.ingest.testutil.Golden;
import io.wirestream.schemas.ParseWarning;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The variants real agencies send (ingest/README.md, "Leniency"), one fixture of our own each, parsed the way every
 * source parses (sniffed): they parse, say what was odd in {@code warnings}, and never turn a headline into mojibake.
 */
class LeniencyFixturesTest {

    private static final String NBSP = "\u00A0";
    private final FormatSniffer sniffer = FormatSniffer.defaults();

    private ParseResult parse(String folder, String name) throws ParseException {
        return sniffer.parse(Fixtures.bytes(folder, name), Fixtures.context(name), null);
    }

    private static List<String> kinds(RawArticle a) {
        return a.getWarnings().stream().map(ParseWarning::getKind).toList();
    }

    /** Müller, £, €, en dash and a no-break space survive every 8-bit path: legacy fallback, declared, mislabelled. */
    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
            "anpa-1312, ap-selector-prefix-cp1252.anpa, anpa-1312, charset-fallback",
            "anpa-1312, kyodo-no-syn-originator.anpa, anpa-1312, ",
            "iptc-7901, sda-del-fill-latin1.txt, iptc-7901, charset-fallback",
            "iptc-7901, dpa-eil-bel.txt, iptc-7901, ",
            "iptc-7901, dpa-stripped-controls.txt, iptc-7901, ",
            "plain-text, cp1252-headline.txt, plain-text, charset-fallback",
            "nitf, mislabelled-latin1-no-docid.xml, nitf, charset-mislabel",
            "nitf, windows-1252-declared.xml, nitf, ",
            "rss, mislabelled-latin1.rss, rss, charset-mislabel"})
    void charsetsNeverGiveAMojibakeHeadline(String folder, String name, String format, String charsetWarning) throws ParseException {
        ParseResult result = parse(folder, name);
        assertThat(result.format()).isEqualTo(format);
        RawArticle a = result.articles().get(0);
        assertThat(a.getHeadline()).contains("M\u00fcller", "\u00A3", "\u20AC", "\u2013").doesNotContain("\u00C3", "\u00C2", "\uFFFD");
        // the no-break space stays (ANPA, 7901) or becomes a space where paragraphs are whitespace-collapsed; never "\u00C2\u00A0"
        assertThat(a.getBody()).containsPattern("[ " + NBSP + "][\u00A3\u20AC]?\\d").doesNotContain("\u00C2", "\u00C3");
        if (charsetWarning == null) {
            assertThat(kinds(a)).doesNotContain("charset-fallback", "charset-mislabel");
        } else {
            assertThat(kinds(a)).contains(charsetWarning);
        }
        Golden.assertMatches(getClass(), folder + "/" + name, result.articles());
    }

    @Test
    void apSelectorPrefixAndWritethru() throws ParseException {
        RawArticle a = parse("anpa-1312", "ap-selector-prefix-cp1252.anpa").articles().get(0);
        assertThat(a.getAttributes()).containsEntry("selector", "asian").containsEntry("priority", "f").containsEntry("category", "l")
                .containsEntry("takeKey", "1stLd-Writethru");
        assertThat(a.getVersion()).isEqualTo(2);
        assertThat(a.getUrgency()).isEqualTo(1);
        assertThat(a.getStoryId()).isEqualTo("AP:Germany-Bank:12-06");
        assertThat(a.getByline()).isEqualTo("ANNA SCHMIDT");
        assertThat(a.getDateline()).isEqualTo("FRANKFURT, Germany");
        assertThat(kinds(a)).containsExactly("charset-fallback", "derived-id");
    }

    @Test
    void kyodoHeaderWithoutSynSynWithOriginatorAndEtxTrailerEotOnOneLine() throws ParseException {
        RawArticle a = parse("anpa-1312", "kyodo-no-syn-originator.anpa").articles().get(0);
        assertThat(a.getSource()).isEqualTo("KYODO");
        assertThat(a.getStoryId()).isEqualTo("KYODO:Baseball-Ohtani:06-12");
        assertThat(a.getHeadline()).isEqualTo("Baseball: M\u00fcller signs with Fighters for \u00A35m \u2013 \u20AC5.8m");
        assertThat(a.getDateline()).isEqualTo("SAPPORO, Japan");
        assertThat(a.getBody()).startsWith("German slugger").endsWith("spring camp in February.").doesNotContain("==Kyodo");
        assertThat(a.getAttributes()).containsEntry("trailer", "KSP-14:05-06-12-26").containsEntry("category", "sp");
        assertThat(kinds(a)).containsExactly("missing-framing", "header-nonstandard", "header-nonstandard", "derived-id");
    }

    @Test
    void oneBadAnpaStoryRejectsOnlyItselfWithItsIndex() throws ParseException {
        ParseResult result = parse("anpa-1312", "three-stories-one-bad.anpa");
        assertThat(result.articles()).extracting(RawArticle::getStoryId)
                .containsExactly("AP:Weather-Outlook:12-06", "AP:Holiday-Advisory:12-06");
        assertThat(result.articles().get(0).getVersion()).isEqualTo(2); // Correction
        assertThat(result.articles().get(1).getAttributes()).containsEntry("advisory", "true");
        assertThat(result.failures()).hasSize(1);
        assertThat(result.failures().get(0).index()).isEqualTo(1);
        assertThat(result.failures().get(0).error().reason()).startsWith("story 2 of 3: no STX");
        assertThat(result.failures().get(0).error().line()).isPositive();
        Golden.assertMatches(getClass(), "anpa-1312/three-stories-one-bad.anpa", result.articles());
    }

    @Test
    void sdaDelFillLatin1UrgentMarker() throws ParseException {
        RawArticle a = parse("iptc-7901", "sda-del-fill-latin1.txt").articles().get(0);
        assertThat(a.getUrgency()).isEqualTo(2); // URGENT raises header priority 3
        assertThat(a.getAttributes()).containsEntry("marker", "URGENT").containsEntry("category", "ec").containsEntry("signOff", "(SDA\\/ab)");
        assertThat(a.getVersionCreated()).hasToString("2026-12-06T12:23:00Z"); // French month "déc"
        assertThat(a.getDateline()).isEqualTo("Zurich");
    }

    @Test
    void dpaEilWithBelCharacters() throws ParseException {
        RawArticle a = parse("iptc-7901", "dpa-eil-bel.txt").articles().get(0);
        assertThat(a.getUrgency()).isEqualTo(2);
        assertThat(a.getSource()).isEqualTo("dpa");
        assertThat(a.getAttributes()).containsEntry("marker", "Eil");
        assertThat(kinds(a)).contains("control-characters", "derived-id");
        assertThat(a.getStoryId()).isEqualTo("dpa:Wirtschaft/Banken/Deutschland:2026-12-06");
    }

    @Test
    void dpaWithItsControlCharactersStrippedStillParses() throws ParseException {
        RawArticle a = parse("iptc-7901", "dpa-stripped-controls.txt").articles().get(0);
        assertThat(a.getVersion()).isEqualTo(3); // 2ND LEAD
        assertThat(a.getByline()).isEqualTo("Anna Schmidt, dpa");
        assertThat(a.getSlugline()).isEqualTo("business/Germany/banks");
        assertThat(a.getVersionCreated()).hasToString("2026-12-06T11:37:00Z");
        assertThat(a.getAttributes()).containsEntry("signOff", "dpa as xy");
        assertThat(kinds(a)).contains("missing-framing");
    }

    @Test
    void iptc7901MarkersMapToVersionAndUrgencyAndAnEmptyStoryFailsAlone() throws ParseException {
        ParseResult result = parse("iptc-7901", "five-stories-one-empty.txt");
        assertThat(result.articles()).hasSize(4);
        assertThat(result.articles()).extracting(RawArticle::getVersion).containsExactly(2, 2, 1, 2);
        assertThat(result.articles()).extracting(RawArticle::getUrgency).containsExactly(3, 4, 2, 3);
        assertThat(result.articles().get(3).getEditorialNote()).startsWith("Berichtigung:");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.error().reason()).startsWith("story 2 of 5: no headline and no text");
        });
        Golden.assertMatches(getClass(), "iptc-7901/five-stories-one-empty.txt", result.articles());
    }

    @Test
    void aapZczcTelexFraming() throws ParseException {
        RawArticle a = parse("plain-text", "aap-zczc.txt").articles().get(0);
        assertThat(a.getSource()).isEqualTo("AAP");
        assertThat(a.getHeadline()).isEqualTo("Muller quits bank after loss");
        assertThat(a.getSlugline()).isEqualTo("Banks_BC1");
        assertThat(a.getDateline()).isEqualTo("SYDNEY");
        assertThat(a.getBody()).startsWith("A bank chief has resigned").doesNotContain("ZCZC", "%A", "#Banks");
        Golden.assertMatches(getClass(), "plain-text/aap-zczc.txt", List.of(a));
    }

    @Test
    void aapRacingSohUsFilesAreNotAnpaButPlainText() throws ParseException {
        byte[] racing = ("\u0001RACE: RANDWICK\u001F3\u001FN\u001FN\u001FNSW\u001FSaturday\r\n\r\n1. FAST HORSE: 58 (J Smith) $3.00 fav.\r\n"
                + "2. SLOW HORSE: 56 (A Jones).\r\n   AAP RESULTS").getBytes(StandardCharsets.US_ASCII);
        ParseResult result = sniffer.parse(racing, Fixtures.context("RR_RANDWICK_3.tst"), null);
        assertThat(result.format()).isEqualTo("plain-text");
        RawArticle a = result.articles().get(0);
        assertThat(a.getHeadline()).isEqualTo("RANDWICK 3");
        assertThat(a.getHeadlineDerived()).isTrue();
        assertThat(kinds(a)).contains("foreign-framing");
    }

    @Test
    void killInA7901MultiStoryFileKeepsItsStatus() throws ParseException {
        String text = "\u0001dpa0501 3 p 20\nPolitik/\n\u0002KILL =\nStory withdrawn =\n\nPlease do not use.\n\u0003061400 Dec 26\n\u0004";
        RawArticle a = sniffer.parse(text.getBytes(StandardCharsets.UTF_8), Fixtures.context("k.txt"), null).articles().get(0);
        assertThat(a.getPubStatus()).isEqualTo(PubStatus.CANCELED);
    }
    @Test
    void anpaAddTakesInTheSameFileContinueTheirStory() throws ParseException {
        ParseResult result = parse("anpa-1312", "story-with-an-add.anpa");
        RawArticle a = result.articles().get(0);
        assertThat(result.articles()).hasSize(1);
        assertThat(a.getStoryId()).isEqualTo("AP:Budget-Debate:12-06");
        assertThat(a.getBody()).isEqualTo("Lawmakers opened the budget debate on Sunday.\n\nThe vote is expected on Friday.\n\n"
                + "WASHINGTON: The Senate will take up its own version next week.");
        assertThat(a.getAttributes()).containsEntry("adds", "1");
        assertThat(a.getContentHash()).isEqualTo(io.wirestream.ingest.format.ContentHash.of(a.getHeadline(), a.getBody()));
        Golden.assertMatches(getClass(), "anpa-1312/story-with-an-add.anpa", result.articles());
    }
}

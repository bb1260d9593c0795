package io.wirestream.ingest.format.nitf;

import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.ingest.testutil.Golden;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NitfParserTest {

    private final NitfParser parser = new NitfParser();

    private RawArticle parse(String name) throws ParseException {
        List<RawArticle> articles = parser.parse(Fixtures.bytes("nitf", name), Fixtures.context(name));
        assertThat(articles).hasSize(1);
        return articles.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ap-japan-russia-doctype.xml", "ap-japan-russia-canceled.xml", "dpa-embargoed-latin1.xml"})
    void fixturesMatchTheirGoldenOutput(String name) throws ParseException {
        Golden.assertMatches(getClass(), name, List.of(parse(name)));
    }

    @Test
    void fileDeclaringADoctypeParsesWithoutLoadingTheDtd() throws ParseException {
        RawArticle a = parse("ap-japan-russia-doctype.xml");

        assertThat(a.getStoryId()).isEqualTo("urn:publicid:ap.org:2018-07-31:japan-russia");
        assertThat(a.getSource()).isEqualTo("AP");
        assertThat(a.getVersion()).isEqualTo(2);
        assertThat(a.getUrgency()).isEqualTo(3);
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2018-07-31T17:47:00Z"));
        assertThat(a.getEmbargoed()).isNull();
        assertThat(a.getHeadline()).isEqualTo("Russia voices concern over Japan's Aegis Ashore plan");
        assertThat(a.getByline()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(a.getAttributes()).containsEntry("bylineTitle", "Associated Press Writers").containsEntry("subheadline", "Two-plus-two talks held in Moscow");
        assertThat(a.getDateline()).isEqualTo("MOSCOW");
        assertThat(a.getCaption()).endsWith("(AP Photo)");
        assertThat(a.getBody().split("\n\n")).hasSize(3);
        assertThat(a.getBody()).startsWith("Russia expressed concerns about Japan\u2019s plan").doesNotContain("AP Photo");
        assertThat(a.getEditorialNote()).isEqualTo("Updates with Lavrov comments, Onodera quote.");
        assertThat(a.getSubjects()).containsExactly("Aegis Ashore", "missile defense", "subj:11001000", "subj:11002000");
        assertThat(a.getLanguage()).isEqualTo("en");
    }

    @Test
    void canceledManagementStatusIsAKillForTheSameDocId() throws ParseException {
        RawArticle kill = parse("ap-japan-russia-canceled.xml");
        assertThat(kill.getPubStatus()).isEqualTo(PubStatus.CANCELED);
        assertThat(kill.getStoryId()).isEqualTo(parse("ap-japan-russia-doctype.xml").getStoryId());
        assertThat(kill.getVersion()).isEqualTo(3);
    }

    @Test
    void embargoedLatin1FileDecodesByItsXmlDeclarationAndKeepsTheReleaseAsEmbargo() throws ParseException {
        RawArticle a = parse("dpa-embargoed-latin1.xml");
        assertThat(a.getHeadline()).isEqualTo("M\u00fcnchen pr\u00e4sentiert neues Verkehrskonzept");
        assertThat(a.getEmbargoed()).isEqualTo(Instant.parse("2018-08-01T00:00:00Z"));
        assertThat(a.getPubStatus()).isEqualTo(PubStatus.USABLE);
    }

    @Test
    void malformedXmlIsRejectedWithLineAndColumn() {
        byte[] bytes = "<nitf>\n<head>\n<docdata></head></nitf>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("bad.xml")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isPositive();
                });
    }

    @Test
    void withoutDocIdAndWithoutTextItIsNoStory() {
        byte[] bytes = "<nitf><head><docdata/></head><body/></nitf>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("noid.xml")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.path()).isEqualTo("/nitf/body");
                    assertThat(e.reason()).contains("no hedline and no body.content text");
                });
    }

    @Test
    void withoutDocIdOrDuKeyTheIdIsDerivedFromTheHeadlineAndDate() throws ParseException {
        // AP's agate / table NITF carries neither doc-id nor du-key
        byte[] bytes = ("<nitf><head><title>t</title><docdata><doc.copyright holder=\"AP\"/><date.issue norm=\"20260105T101500Z\"/></docdata>"
                + "</head><body><body.head><hedline><hl1>NBA Standings</hl1></hedline></body.head>"
                + "<body.content><table><tr><td>Boston</td><td>30</td></tr></table></body.content></body></nitf>").getBytes(StandardCharsets.UTF_8);
        RawArticle a = parser.parse(bytes, Fixtures.context("agate.xml")).get(0);
        assertThat(a.getStoryId()).isEqualTo("AP:nba-standings:2026-01-05");
        assertThat(a.getWarnings()).extracting(w -> w.getKind()).containsExactly("derived-id");
        RawArticle sameViaHttp = parser.parse(bytes, Fixtures.context("http")).get(0);
        assertThat(sameViaHttp.getStoryId()).isEqualTo(a.getStoryId());
    }

    @Test
    void withoutHeadOrDocdataTheIdIsDerivedFromTheHeadline() throws ParseException {
        byte[] bytes = "<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head></body></nitf>".getBytes(StandardCharsets.UTF_8);
        RawArticle a = parser.parse(bytes, Fixtures.context("nohead.xml")).get(0);
        assertThat(a.getStoryId()).isEqualTo("wirestream:h");
        assertThat(a.getWarnings()).extracting(w -> w.getKind()).contains("derived-id");
    }

}

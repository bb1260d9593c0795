package io.wirestream.ingest.format.newsml1;

import io.wirestream.ingest.format.FormatSniffer;
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

class NewsMl1ParserTest {

    private final NewsMl1Parser parser = new NewsMl1Parser();

    private List<RawArticle> parse(String name) throws ParseException {
        return parser.parse(Fixtures.bytes("newsml-1", name), Fixtures.context(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"afp-embargoed-xhtml.xml", "ansa-two-items-nitf.xml", "afp-kill.xml", "photo-caption.xml"})
    void fixturesMatchTheirGoldenOutput(String name) throws ParseException {
        Golden.assertMatches(getClass(), name, parse(name));
    }

    @Test
    void newsItemGivesStableIdRevisionEmbargoNewsLinesAndXhtmlBody() throws ParseException {
        RawArticle a = parse("afp-embargoed-xhtml.xml").get(0);

        assertThat(a.getStoryId()).isEqualTo("urn:newsml:example-agency.com:20260115:TX-SGE-ABC12");
        assertThat(a.getAttributes()).containsEntry("publicIdentifier", "urn:newsml:example-agency.com:20260115:TX-SGE-ABC12:2N");
        assertThat(a.getVersion()).isEqualTo(2);
        assertThat(a.getPubStatus()).isEqualTo(PubStatus.USABLE);
        assertThat(a.getEmbargoed()).isEqualTo(Instant.parse("2026-01-15T12:00:00Z"));
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2026-01-15T09:25:00Z"));
        assertThat(a.getHeadline()).isEqualTo("Delegates agree draft text at climate talks");
        assertThat(a.getByline()).isEqualTo("Jane Example");
        assertThat(a.getDateline()).isEqualTo("GENEVA, Jan 15");
        assertThat(a.getSource()).isEqualTo("Example Agency");
        assertThat(a.getLanguage()).isEqualTo("en");
        assertThat(a.getUrgency()).isEqualTo(3);
        assertThat(a.getSubjects()).containsExactly("subj:06000000");
        assertThat(a.getBody()).startsWith("Delegates at the climate talks").contains("\n\nThe text still has to be adopted");
        assertThat(a.getBody()).doesNotContain("<").doesNotContain("Delegates agree draft text at climate talks");
    }

    @Test
    void severalNewsItemsGiveOneArticleEachWithNitfOrPlainTextBodiesInLatin1() throws ParseException {
        List<RawArticle> articles = parse("ansa-two-items-nitf.xml");

        assertThat(articles).extracting(RawArticle::getStoryId)
                .containsExactly("urn:newsml:example.it:20260210:ZCZC1234", "urn:newsml:example.it:20260210:ZCZC1240");
        assertThat(articles.get(0).getBody()).isEqualTo("La neve è caduta su Roma nella notte: il sindaco ha chiuso le scuole.\n\n"
                + "Disagi anche sulle strade del Lazio.");
        assertThat(articles.get(0).getVersionCreated()).isEqualTo(Instant.parse("2026-02-10T13:10:00Z"));
        assertThat(articles.get(1).getBody()).isEqualTo("Piazza Affari apre in rialzo dello 0,8%.\n\nBene i titoli bancari.");
        assertThat(articles.get(1).getHeadline()).isEqualTo("Borsa: Milano apre in rialzo");
    }

    @Test
    void canceledStatusIsAKillOfTheSameStoryId() throws ParseException {
        RawArticle kill = parse("afp-kill.xml").get(0);

        assertThat(kill.getPubStatus()).isEqualTo(PubStatus.CANCELED);
        assertThat(kill.getStoryId()).isEqualTo("urn:newsml:example-agency.com:20260115:TX-SGE-ABC12");
        assertThat(kill.getVersion()).isEqualTo(3);
        assertThat(kill.getAttributes()).containsEntry("instruction", "Kill");
    }

    @Test
    void withheldStatusWithoutAnyComponentIsStillANotice() throws ParseException {
        String xml = "<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>x.com</ProviderId><DateId>20260101</DateId>"
                + "<NewsItemId>A1</NewsItemId><RevisionId>4</RevisionId></NewsIdentifier></Identification>"
                + "<NewsManagement><Status FormalName='Withheld'/></NewsManagement></NewsItem></NewsML>";
        RawArticle a = parser.parse(xml.getBytes(StandardCharsets.UTF_8), Fixtures.context("w.xml")).get(0);
        assertThat(a.getPubStatus()).isEqualTo(PubStatus.WITHHELD);
        assertThat(a.getVersion()).isEqualTo(4);
    }

    @Test
    void aPictureWithACaptionIsAStoryWhoseTextIsTheCaption() throws ParseException {
        RawArticle a = parse("photo-caption.xml").get(0);

        assertThat(a.getBody()).isEqualTo("A fishing boat returns to the harbour at dawn.");
        assertThat(a.getWarnings()).anySatisfy(w -> assertThat(w.getKind()).isEqualTo("media-item"));
    }

    @Test
    void aBadNewsItemRejectsOnlyItselfAndTheOtherSaysWhich() throws ParseException {
        String xml = "<NewsML><NewsItem><NewsComponent/></NewsItem><NewsItem><Identification><NewsIdentifier>"
                + "<PublicIdentifier>urn:newsml:x.com:20260101:B2:3</PublicIdentifier></NewsIdentifier></Identification>"
                + "<NewsComponent><NewsLines><HeadLine>Fine</HeadLine></NewsLines></NewsComponent></NewsItem></NewsML>";
        List<RawArticle> articles = parser.parse(xml.getBytes(StandardCharsets.UTF_8), Fixtures.context("two.xml"));

        assertThat(articles).hasSize(1);
        assertThat(articles.get(0).getStoryId()).isEqualTo("urn:newsml:x.com:20260101:B2");
        assertThat(articles.get(0).getVersion()).isEqualTo(3);
        assertThat(articles.get(0).getWarnings()).anySatisfy(w -> {
            assertThat(w.getKind()).isEqualTo("story-rejected");
            assertThat(w.getMessage()).contains("story 0 of 2").contains("/NewsML/NewsItem[1]/Identification");
        });
    }

    @Test
    void anExternalEntityIsRefusedNotLoaded() {
        String xml = "<?xml version='1.0'?><!DOCTYPE NewsML [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><NewsML>&x;</NewsML>";
        assertThatThrownBy(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8), Fixtures.context("xxe.xml")))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason()).contains("external entity"));
    }

    @Test
    void theSnifferPicksNewsMl1ForANewsMlRootAndKnowsItsAliases() {
        FormatSniffer sniffer = FormatSniffer.defaults();
        assertThat(sniffer.sniff(Fixtures.bytes("newsml-1", "afp-embargoed-xhtml.xml"))).get()
                .extracting(p -> p.name()).isEqualTo(NewsMl1Parser.NAME);
        assertThat(sniffer.byName("newsml1")).get().extracting(p -> p.name()).isEqualTo(NewsMl1Parser.NAME);
        assertThat(sniffer.byName("newsml-1.2")).get().extracting(p -> p.name()).isEqualTo(NewsMl1Parser.NAME);
    }
}

package io.wirestream.ingest.format.newsml;

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

class NewsMlG2ParserTest {

    private final NewsMlG2Parser parser = new NewsMlG2Parser();

    private List<RawArticle> parse(String name) throws ParseException {
        return parser.parse(Fixtures.bytes("newsml-g2", name), Fixtures.context(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reuters-newsitem.xml", "newsmessage-itemset.xml", "tt-replace-no-version-swe.xml",
            "stt-remove-signal-no-zone.xml", "ansa-photo-icls-relative-ns.xml", "nitf-inline-unbound-xsi-embargo.xml"})
    void fixturesMatchTheirGoldenOutput(String name) throws ParseException {
        Golden.assertMatches(getClass(), name, parse(name));
    }

    @Test
    void newsItemGivesGuidVersionMetaAndInlineXhtmlBody() throws ParseException {
        RawArticle a = parse("reuters-newsitem.xml").get(0);

        assertThat(a.getStoryId()).isEqualTo("urn:newsml:example.com:20180731:japan-russia-talks");
        assertThat(a.getVersion()).isEqualTo(3);
        assertThat(a.getSource()).isEqualTo("Example News");
        assertThat(a.getEmbargoed()).isEqualTo(Instant.parse("2018-07-31T18:00:00Z"));
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2018-07-31T17:47:00Z"));
        assertThat(a.getUrgency()).isEqualTo(4);
        assertThat(a.getLanguage()).isEqualTo("en");
        assertThat(a.getSubjects()).containsExactly("medtop:11000000", "medtop:20000638");
        assertThat(a.getAttributes()).containsEntry("signals", "sig:update");
        assertThat(a.getEditorialNote()).isEqualTo("Updates with Onodera quote in paragraph 3.");
        assertThat(a.getByline()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(a.getDateline()).isEqualTo("MOSCOW, July 31");
        assertThat(a.getCaption()).startsWith("Japan's Defence Minister");
        assertThat(a.getBody().split("\n\n")).hasSize(3);
        assertThat(a.getBody()).doesNotContain("Russia raises missile-defence concerns");
    }

    @Test
    void itemSetGivesOneArticlePerItemWithSignalVersionAndCancellation() throws ParseException {
        List<RawArticle> articles = parse("newsmessage-itemset.xml");

        assertThat(articles).extracting(RawArticle::getStoryId)
                .containsExactly("urn:newsml:example.com:20180731:aegis-cost", "urn:newsml:example.com:20180730:kuril-drill");
        RawArticle correction = articles.get(0);
        assertThat(correction.getVersion()).isEqualTo(2);
        assertThat(correction.getAttributes()).containsEntry("signals", "sig:correction");
        assertThat(correction.getSource()).isEqualTo("EXAMPLE");
        assertThat(correction.getByline()).isEqualTo("Dai Nagata");
        assertThat(correction.getVersionCreated()).isEqualTo(Instant.parse("2018-07-31T09:30:00Z"));
        assertThat(correction.getBody().split("\n\n")).hasSize(2);
        RawArticle canceled = articles.get(1);
        assertThat(canceled.getPubStatus()).isEqualTo(PubStatus.CANCELED);
        assertThat(canceled.getVersion()).isEqualTo(2);
    }

    @Test
    void itemWithoutGuidIsRejectedWithItsPath() {
        byte[] bytes = "<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/' version='1'/>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("x.xml")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).contains("guid");
                    assertThat(e.path()).isEqualTo("/newsItem");
                });
    }

    private static List<String> kinds(RawArticle a) {
        return a.getWarnings().stream().map(w -> w.getKind()).toList();
    }

    @Test
    void ttReplaceWithoutVersionIsAnUpdateAndTtnitfGivesParagraphsAndAnIso639Dash2LangIsMapped() throws ParseException {
        RawArticle a = parse("tt-replace-no-version-swe.xml").get(0);

        assertThat(a.getVersion()).isEqualTo(2);
        assertThat(a.getLanguage()).isEqualTo("sv");
        assertThat(a.getDateline()).isEqualTo("Kiruna");
        assertThat(a.getBody()).isEqualTo("T\u00e5gtrafiken till Kiruna \u00e4r f\u00f6rsenad efter kraftigt sn\u00f6fall.\n\n"
                + "\u2013 Vi r\u00e4knar med att trafiken g\u00e5r som vanligt i kv\u00e4ll, s\u00e4ger en talesperson.\n\n"
                + "Plogbilar ute\n\nPlogbilar har varit ute sedan tidig morgon.");
        assertThat(kinds(a)).containsExactlyInAnyOrder("no-version", "non-bcp47-language");
    }

    @Test
    void anAgencyRemoveSignalIsAKillAndATimeWithoutZoneIsUtc() throws ParseException {
        RawArticle a = parse("stt-remove-signal-no-zone.xml").get(0);

        assertThat(a.getPubStatus()).isEqualTo(PubStatus.CANCELED);
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2026-03-02T00:31:02Z"));
        assertThat(kinds(a)).containsExactlyInAnyOrder("kill-by-agency-signal", "timestamp-without-zone");
    }

    @Test
    void aPictureWithACaptionIsAStoryAndABadSiblingRejectsOnlyItself() throws ParseException {
        List<RawArticle> articles = parse("ansa-photo-icls-relative-ns.xml");

        assertThat(articles).hasSize(1);
        RawArticle a = articles.get(0);
        assertThat(a.getBody()).startsWith("Turisti in piazza San Marco");
        assertThat(a.getCaption()).isEqualTo(a.getBody());
        assertThat(a.getAttributes()).containsEntry("itemClass", "ninat:picture");
        assertThat(kinds(a)).containsExactlyInAnyOrder("deprecated-item-class-scheme", "malformed-embedded-json", "media-item",
                "relative-namespace-uri", "story-rejected");
        assertThat(a.getWarnings()).filteredOn(w -> w.getKind().equals("story-rejected"))
                .singleElement().satisfies(w -> assertThat(w.getMessage()).contains("story 1 of 2").contains("no guid"));
    }

    @Test
    void anInlineNitfBodyWithAnUndeclaredXsiPrefixParsesWithItsEmbargo() throws ParseException {
        RawArticle a = parse("nitf-inline-unbound-xsi-embargo.xml").get(0);

        assertThat(a.getHeadline()).isEqualTo("Central bank holds rates");
        assertThat(a.getByline()).isEqualTo("Jane Example");
        assertThat(a.getDateline()).isEqualTo("Washington");
        assertThat(a.getBody()).isEqualTo("The central bank kept its key rate unchanged on Wednesday.\n\nMarkets had expected the decision.");
        assertThat(a.getEmbargoed()).isEqualTo(Instant.parse("2026-03-05T12:00:00Z"));
        assertThat(a.getSource()).isEqualTo("EXAMPLE");
        assertThat(kinds(a)).containsExactly("undeclared-namespace-prefix");
    }

    @Test
    void anItemWithNoTextAtAllIsRejectedAsNoStoryText() {
        byte[] bytes = ("<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/' guid='g' version='1'><itemMeta>"
                + "<itemClass qcode='ninat:video'/><pubStatus qcode='stat:usable'/></itemMeta></newsItem>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("x.xml")))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason()).startsWith("no story text"));
    }
}

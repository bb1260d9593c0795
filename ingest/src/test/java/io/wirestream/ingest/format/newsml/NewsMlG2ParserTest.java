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
    @ValueSource(strings = {"reuters-newsitem.xml", "newsmessage-itemset.xml"})
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
}

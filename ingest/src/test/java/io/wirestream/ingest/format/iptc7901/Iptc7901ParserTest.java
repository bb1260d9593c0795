package io.wirestream.ingest.format.iptc7901;

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

class Iptc7901ParserTest {

    private final Iptc7901Parser parser = new Iptc7901Parser();

    private RawArticle parse(String name) throws ParseException {
        List<RawArticle> articles = parser.parse(Fixtures.bytes("iptc-7901", name), Fixtures.context(name));
        assertThat(articles).hasSize(1);
        return articles.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dpa-basic.txt", "dpa-1st-lead.txt", "dpa-kill.txt"})
    void fixturesMatchTheirGoldenOutput(String name) throws ParseException {
        Golden.assertMatches(getClass(), name, List.of(parse(name)));
    }

    @Test
    void headerGivesSourcePriorityCategoryAndWordCount() throws ParseException {
        RawArticle a = parse("dpa-basic.txt");

        assertThat(a.getSource()).isEqualTo("dpa");
        assertThat(a.getUrgency()).isEqualTo(4);
        assertThat(a.getAttributes()).containsEntry("number", "0198").containsEntry("category", "p").containsEntry("wordCount", "180");
        assertThat(a.getSlugline()).isEqualTo("Politics/Japan/Russia");
        assertThat(a.getHeadline()).isEqualTo("Japan and Russia hold two-plus-two talks");
        assertThat(a.getDateline()).isEqualTo("Moscow");
        assertThat(a.getBody()).isEqualTo("The foreign and defence ministers of Japan and Russia met in Moscow on Tuesday.\n\n"
                + "It is the first such meeting held in Russia.");
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2018-07-31T09:12:00Z"));
        assertThat(a.getVersion()).isEqualTo(1);
    }

    @Test
    void leadMarkerOnTheStxLineMovesTheHeadlineToTheNextLineAndBumpsTheVersion() throws ParseException {
        RawArticle lead = parse("dpa-1st-lead.txt");

        assertThat(lead.getAttributes()).containsEntry("marker", "1ST LEAD");
        assertThat(lead.getHeadline()).isEqualTo("Russia warns Japan over US missile shield");
        assertThat(lead.getByline()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(lead.getVersion()).isEqualTo(2);
        assertThat(lead.getStoryId()).isEqualTo(parse("dpa-basic.txt").getStoryId()).isEqualTo("dpa:Politics/Japan/Russia:2018-07-31");
        assertThat(lead.getBody()).contains("Gr\u00f6\u00dfere Pl\u00e4ne").doesNotContain("* * * *", "not for publication", "Editorial contact");
        assertThat(lead.getEditorialNote()).isEqualTo("Editorial contact: Berlin desk, +49-30-285231472");
        assertThat(lead.getAttributes()).containsEntry("signOff", "dpa nag kid");
    }

    @Test
    void killMarkerIsACanceledNoticeForTheSameStory() throws ParseException {
        RawArticle kill = parse("dpa-kill.txt");
        assertThat(kill.getPubStatus()).isEqualTo(PubStatus.CANCELED);
        assertThat(kill.getStoryId()).isEqualTo("dpa:Politics/Japan/Russia:2018-07-31");
    }

    @Test
    void headerOutOfSpecIsReadWithAWarning() throws ParseException {
        byte[] bytes = "\u0001dpa0001 9 p 10\nSlug\n\u0002Headline\n\u0003".getBytes(StandardCharsets.UTF_8);
        RawArticle a = parser.parse(bytes, Fixtures.context("x.txt")).get(0);
        assertThat(a.getHeadline()).isEqualTo("Headline");
        assertThat(a.getUrgency()).isNull();
        assertThat(a.getWarnings()).extracting(w -> w.getKind()).contains("header-nonstandard", "derived-id");
    }

    @Test
    void sohWithoutAHeaderOrStxIsNot7901() {
        byte[] bytes = "\u0001hello world\nno text markers here".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.sniff(bytes)).isZero();
        assertThatThrownBy(() -> parser.parse("just some prose\n".getBytes(StandardCharsets.UTF_8), Fixtures.context("x.txt")))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason()).contains("not IPTC 7901"));
    }
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> v{1}, urgency {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "EXTRA, 1, 3", "1ST LEAD, 2, 4", "2ND LEAD, 3, 4", "REFILE, 2, 4", "CORRECTION, 2, 4", "URGENT, 1, 2",
            "EILT, 1, 2", "(Eil), 1, 2", "(Berichtigung: Name korrigiert), 2, 4", "FLASH, 1, 1"})
    void markersMapToVersionAndUrgency(String marker, int version, int urgency) throws ParseException {
        String text = "\u0001dpa0600 4 pl 30\nPolitik/\n\u0002" + marker + "\nKanzler tritt zur\u00fcck =\n\nBerlin (dpa) - Text.\n\u0003061500 Dez 26\n\u0004";
        RawArticle a = parser.parse(text.getBytes(StandardCharsets.UTF_8), Fixtures.context("m.txt")).get(0);
        assertThat(a.getHeadline()).isEqualTo("Kanzler tritt zur\u00fcck");
        assertThat(a.getVersion()).isEqualTo(version);
        assertThat(a.getUrgency()).isEqualTo(urgency);
        assertThat(a.getBody()).isEqualTo("Text.");
    }
}

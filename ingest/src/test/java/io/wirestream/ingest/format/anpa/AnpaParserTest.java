package io.wirestream.ingest.format.anpa;

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
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnpaParserTest {

    private final AnpaParser parser = new AnpaParser();

    private RawArticle parse(String name) throws ParseException {
        List<RawArticle> articles = parser.parse(Fixtures.bytes("anpa-1312", name), Fixtures.context(name));
        assertThat(articles).hasSize(1);
        return articles.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ap-japan-russia.anpa", "ap-japan-russia-1stld.anpa", "ap-japan-russia-kill.anpa"})
    void fixturesMatchTheirGoldenOutput(String name) throws ParseException {
        Golden.assertMatches(getClass(), name, List.of(parse(name)));
    }

    @Test
    void firstLeadWritethruIsVersionTwoOfTheSameStory() throws ParseException {
        RawArticle first = parse("ap-japan-russia.anpa");
        RawArticle lead = parse("ap-japan-russia-1stld.anpa");

        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(lead.getVersion()).isEqualTo(2);
        assertThat(lead.getStoryId()).isEqualTo(first.getStoryId()).isEqualTo("AP:Japan-Russia:07-31");
        assertThat(lead.getAttributes()).containsEntry("takeKey", "1stLd-Writethru").containsEntry("cycle", "BC")
                .containsEntry("service", "a").containsEntry("sequence", "0467").containsEntry("category", "i")
                .containsEntry("wordCount", "523");
    }

    @Test
    void headerLinesGiveHeadlineBylineAndEditorsNoteAndTabParagraphsTheBody() throws ParseException {
        RawArticle a = parse("ap-japan-russia-1stld.anpa");

        assertThat(a.getHeadline()).isEqualTo("Russia voices concern over Japan's Aegis Ashore plan");
        assertThat(a.getByline()).isEqualTo("DAI NAGATA and TAKASHI KIDA");
        assertThat(a.getEditorialNote()).isEqualTo("Updates with Lavrov comments, Onodera quote. Adds photos. With AP Photos.");
        assertThat(a.getDateline()).isEqualTo("MOSCOW");
        assertThat(a.getUrgency()).isEqualTo(3);
        assertThat(a.getSource()).isEqualTo("AP");
        assertThat(a.getSlugline()).isEqualTo("Japan-Russia");
        assertThat(a.getBody().split("\n\n")).hasSize(4);
        assertThat(a.getBody()).startsWith("Russia expressed concerns").contains("missile defense network, which")
                .contains("Caf\u00e9 Pushkin").doesNotContain("AP-NY");
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2018-07-31T17:47:00Z"));
    }

    @Test
    void killTakeKeyIsACanceledNoticeForTheSameStory() throws ParseException {
        RawArticle kill = parse("ap-japan-russia-kill.anpa");

        assertThat(kill.getPubStatus()).isEqualTo(PubStatus.CANCELED);
        assertThat(kill.getStoryId()).isEqualTo("AP:Japan-Russia:07-31");
        assertThat(kill.getEditorialNote()).startsWith("Kill BC-Japan-Russia.");
    }

    @Test
    void missingEtxParsesWithATruncationWarning() throws ParseException {
        byte[] full = Fixtures.bytes("anpa-1312", "ap-japan-russia.anpa");
        byte[] truncated = Arrays.copyOf(full, full.length - 10);
        RawArticle a = parser.parse(truncated, Fixtures.context("t.anpa")).get(0);
        assertThat(a.getWarnings()).anySatisfy(w -> {
            assertThat(w.getKind()).isEqualTo("missing-framing");
            assertThat(w.getMessage()).contains("no ETX");
        });
    }

    @Test
    void headerWithoutSlugIsRejectedAtTheHeader() {
        byte[] bytes = "\u0016\u0016\u0001a0001 r\u0002\tText\u0003".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("h.anpa")))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.offset()).isEqualTo(3));
    }
}

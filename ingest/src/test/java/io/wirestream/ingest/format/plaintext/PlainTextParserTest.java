package io.wirestream.ingest.format.plaintext;

import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.ingest.testutil.Golden;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTextParserTest {

    private static final String SEED = "000_22ebd5df95e2d1f5.txt";
    private final PlainTextParser parser = new PlainTextParser();

    @Test
    void seedArticleSplitsIntoCaptionDatelineBodyAndTrailingByline() throws ParseException {
        List<RawArticle> articles = parser.parse(Fixtures.seed(SEED), Fixtures.context(SEED));

        assertThat(articles).hasSize(1);
        RawArticle a = articles.get(0);
        assertThat(a.getCaption()).isEqualTo("Japanese Defense Minister Itsunori Onodera, left, shakes hands with his Russian "
                + "counterpart, Sergei Shoigu, second from right, as Russian Foreign Minister Sergey Lavrov, right, and Japanese "
                + "Foreign Minister Taro Kono leave a news conference after their meeting in Moscow on July 31. (AP Photo)");
        assertThat(a.getAttributes()).containsEntry("captionLabel", "Photo/Illutration");
        assertThat(a.getDateline()).isEqualTo("MOSCOW");
        assertThat(a.getByline()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(a.getBody())
                .startsWith("Russia expressed concerns about Japan\u2019s plan to deploy the Aegis Ashore ballistic missile defense system")
                .endsWith("ships from the Russian Pacific fleet.")
                .doesNotContain("Photo/Illutration", "(AP Photo)", "MOSCOW--", "This article was written by");
        assertThat(a.getBody().split("\n\n")).hasSize(13);
        assertThat(a.getHeadlineDerived()).isTrue();
        assertThat(a.getHeadline()).isEqualTo("Russia expressed concerns about Japan\u2019s plan to deploy the Aegis Ashore ballistic missile defense\u2026");
        assertThat(a.getStoryId()).matches("wirestream:russia-expressed-concerns-about-japan-s-plan-to-deploy-the-[0-9a-f]{16}");
        assertThat(a.getWarnings()).extracting(w -> w.getKind()).containsExactly("derived-id");
        assertThat(a.getVersion()).isEqualTo(1);
        assertThat(a.getFormat()).isEqualTo("plain-text");
        assertThat(a.getPubStatus()).isEqualTo(PubStatus.USABLE);
        assertThat(a.getReceived()).isEqualTo(Fixtures.RECEIVED);
        assertThat(a.getContentHash()).hasSize(64).matches("[0-9a-f]+");
        Golden.assertMatches(getClass(), "seed-" + SEED, articles);
    }

    @Test
    void headlineAndByLineAtTheTopAreKeptAndTheApDatelineIsStripped() throws ParseException {
        List<RawArticle> articles = parser.parse(Fixtures.bytes("plain-text", "tokyo-headline-byline.txt"),
                Fixtures.context("tokyo-headline-byline.txt"));

        RawArticle a = articles.get(0);
        assertThat(a.getHeadline()).isEqualTo("Japan eyes second Aegis Ashore site in the north");
        assertThat(a.getHeadlineDerived()).isFalse();
        assertThat(a.getByline()).isEqualTo("Takashi Kida");
        assertThat(a.getDateline()).isEqualTo("TOKYO");
        assertThat(a.getAttributes()).containsEntry("datelineSource", "AP");
        assertThat(a.getBody()).startsWith("Japan is considering a second Aegis Ashore site in Akita Prefecture, officials said");
        Golden.assertMatches(getClass(), "tokyo-headline-byline", articles);
    }

    @Test
    void anAapLikeHeaderOfSeparatorsAloneIsReadAsPlainTextNotACrash() throws ParseException {
        // found by ParserRobustnessTest: SOH, then unit separators and nothing else on the line
        byte[] copy = "\u0001\u001F\u001F\nThe race was run in heavy rain and the favourite won by two lengths.\n"
            .getBytes(StandardCharsets.UTF_8);

        List<RawArticle> read = parser.parse(copy, Fixtures.context("aap-race.txt"));

        assertThat(read).hasSize(1);
        assertThat(read.get(0).getBody()).contains("heavy rain");
        assertThat(read.get(0).getSlugline()).isNull();
    }

    @Test
    void theSameCopyGetsTheSameIdFromTheHotFolderStdinAndHttp() throws ParseException {
        String viaFolder = parser.parse(Fixtures.seed(SEED), Fixtures.context("/watch/" + SEED)).get(0).getStoryId();
        String viaStdin = parser.parse(Fixtures.seed(SEED), Fixtures.context("stdin")).get(0).getStoryId();
        String viaHttp = parser.parse(Fixtures.seed(SEED), Fixtures.context("http")).get(0).getStoryId();
        String renamed = parser.parse(Fixtures.seed(SEED), Fixtures.context("copy-of-the-story.txt")).get(0).getStoryId();
        assertThat(viaFolder).isEqualTo(viaStdin).isEqualTo(viaHttp).isEqualTo(renamed);
    }

    @Test
    void anExplicitIdFromTheTransportWinsOverTheDerivedOne() throws ParseException {
        var result = io.wirestream.ingest.format.FormatSniffer.defaults().parse(Fixtures.seed(SEED),
                Fixtures.context("http").withStoryId("urn:agency:42"), null);
        RawArticle a = result.articles().get(0);
        assertThat(a.getStoryId()).isEqualTo("urn:agency:42");
        assertThat(a.getWarnings()).extracting(w -> w.getKind()).doesNotContain("derived-id");
        assertThat(a.getAttributes().get("copyStoryId")).startsWith("wirestream:russia-expressed-concerns");
    }

    @Test
    void sameFileGivesSameStoryIdAndHash() throws ParseException {
        RawArticle first = parser.parse(Fixtures.seed(SEED), Fixtures.context("/in/" + SEED)).get(0);
        RawArticle again = parser.parse(Fixtures.seed(SEED), Fixtures.context("/done/" + SEED)).get(0);
        assertThat(again.getStoryId()).isEqualTo(first.getStoryId());
        assertThat(again.getVersion()).isEqualTo(first.getVersion());
        assertThat(again.getContentHash()).isEqualTo(first.getContentHash());
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsWindows1252WithAWarning() throws ParseException {
        byte[] bytes = "Caf\u00e9 society\n\nA \u20ac5 \u2013 fee".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        RawArticle a = parser.parse(bytes, Fixtures.context("latin1.txt")).get(0);
        assertThat(a.getHeadline()).isEqualTo("Caf\u00e9 society");
        assertThat(a.getBody()).isEqualTo("A \u20ac5 \u2013 fee");
        assertThat(a.getWarnings()).anySatisfy(w -> {
            assertThat(w.getKind()).isEqualTo("charset-fallback");
            assertThat(w.getMessage()).contains("offset 3");
        });
    }

    @Test
    void controlCharactersAreRemovedWithAWarningNamingTheirLine() throws ParseException {
        byte[] bytes = "Headline\n\nBody \u0007 text".getBytes(StandardCharsets.UTF_8);
        RawArticle a = parser.parse(bytes, Fixtures.context("bell.txt")).get(0);
        assertThat(a.getBody()).isEqualTo("Body text");
        assertThat(a.getWarnings()).anySatisfy(w -> {
            assertThat(w.getKind()).isEqualTo("control-characters");
            assertThat(w.getMessage()).contains("U+0007", "line 3");
        });
    }
}

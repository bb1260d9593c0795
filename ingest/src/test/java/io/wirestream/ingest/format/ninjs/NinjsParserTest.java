package io.wirestream.ingest.format.ninjs;

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

class NinjsParserTest {

    private final NinjsParser parser = new NinjsParser();

    private List<RawArticle> parse(String name) throws ParseException {
        return parser.parse(Fixtures.bytes("ninjs", name), Fixtures.context(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ninjs1-text.json", "ninjs2-items.json", "ninjs3-camelcase.json", "ap-api-envelope-version0.json",
            "superdesk-guid-array.json"})
    void fixturesMatchTheirGoldenOutput(String name) throws ParseException {
        Golden.assertMatches(getClass(), name, parse(name));
    }

    @Test
    void ninjs1FieldsMapOntoTheArticle() throws ParseException {
        RawArticle a = parse("ninjs1-text.json").get(0);

        assertThat(a.getStoryId()).isEqualTo("http://example.com/2018/07/31/japan-russia-talks");
        assertThat(a.getVersion()).isEqualTo(2);
        assertThat(a.getEmbargoed()).isEqualTo(Instant.parse("2018-07-31T18:00:00Z"));
        assertThat(a.getUrgency()).isEqualTo(3);
        assertThat(a.getByline()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(a.getDateline()).isEqualTo("MOSCOW");
        assertThat(a.getSlugline()).isEqualTo("Japan-Russia");
        assertThat(a.getSource()).isEqualTo("Example News");
        assertThat(a.getBody()).isEqualTo("Russia expressed concerns about Japan\u2019s plan to deploy the Aegis Ashore system.\n\n"
                + "\"It does not constitute a threat to Russia,\" Onodera said.");
        assertThat(a.getSubjects()).containsExactly("medtop:11000000", "http://cv.iptc.org/newscodes/mediatopic/20000638");
        assertThat(a.getAttributes()).containsEntry("ninjsVersion", "1");
    }

    @Test
    void ninjs2ArrayGivesMainHeadlinePlainBodyAndWithheldNotice() throws ParseException {
        List<RawArticle> articles = parse("ninjs2-items.json");

        RawArticle a = articles.get(0);
        assertThat(a.getHeadline()).isEqualTo("Japan to spend 466.4 billion yen on Aegis Ashore");
        assertThat(a.getBody()).startsWith("Japan plans to spend").doesNotContain("Ignored");
        assertThat(a.getByline()).isEqualTo("Dai Nagata");
        assertThat(a.getSource()).isEqualTo("Example Wire");
        assertThat(a.getAttributes()).containsEntry("ninjsVersion", "2");
        RawArticle withheld = articles.get(1);
        assertThat(withheld.getPubStatus()).isEqualTo(PubStatus.WITHHELD);
        assertThat(withheld.getVersion()).isEqualTo(4);
    }

    @Test
    void invalidJsonIsRejectedWithLineAndColumn() {
        byte[] bytes = "{\n  \"uri\": \"x\",\n  \"headline\": }".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("x.json")))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void aStoryWithoutIdInAnArrayRejectsOnlyItselfAndItsSiblingsSayWhich() throws Exception {
        byte[] bytes = "[{\"uri\":\"a\",\"headline\":\"h\"},{\"headline\":\"h\"}]".getBytes(StandardCharsets.UTF_8);
        var articles = parser.parse(bytes, Fixtures.context("x.json"));
        assertThat(articles).extracting(a -> a.getStoryId()).containsExactly("a");
        assertThat(articles.get(0).getWarnings()).anySatisfy(w -> {
            assertThat(w.getKind()).isEqualTo("story-rejected");
            assertThat(w.getMessage()).contains("story 1 of 2").contains("/1/uri");
        });
    }

    @Test
    void anArrayOfOnlyBadStoriesIsRejectedWithTheFirstOnesIndexAndPointer() {
        byte[] bytes = "[{\"headline\":\"h\"},{\"headline\":\"h\"}]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("x.json")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.path()).isEqualTo("/0/uri");
                    assertThat(e.reason()).startsWith("story 0 of 2: missing uri");
                });
    }

    @Test
    void anUnclosedArrayIsRejectedWithoutJacksonInternalsInTheMessage() {
        byte[] bytes = "[{\"uri\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("x.json")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo("invalid JSON: Unexpected end-of-input: expected close marker for Array "
                            + "(start marker at line 1, column 1)");
                    assertThat(e.getMessage()).doesNotContain("Source", "REDACTED", "StreamReadFeature");
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(13);
                });
    }

    @Test
    void aTooLongNumberIsRejectedWithoutJacksonInternalsInTheMessage() {
        byte[] bytes = ("{\"uri\":\"x\",\"version\":" + "9".repeat(150) + "}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("x.json")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).startsWith("invalid JSON: Number value length").endsWith("exceeds the maximum allowed (100)");
                    assertThat(e.getMessage()).doesNotContain("StreamReadConstraints", "`");
                });
    }

    @Test
    void contentAfterTheDocumentMakesTheFileMalformedInsteadOfBeingIgnored() {
        byte[] bytes = "{\"uri\":\"x\",\"headline\":\"h\"}\n{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(bytes, Fixtures.context("x.json")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).startsWith("invalid JSON: Trailing token");
                    assertThat(e.line()).isEqualTo(2);
                });
    }

    @Test
    void ninjs3CamelCasePropertiesAreRead() throws ParseException {
        RawArticle a = parse("ninjs3-camelcase.json").get(0);

        assertThat(a.getAttributes()).containsEntry("ninjsVersion", "3").containsEntry("altId.originaltransmissionreference", "b2c4-77");
        assertThat(a.getVersion()).isEqualTo(2);
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2026-03-01T08:30:00Z"));
        assertThat(a.getEmbargoed()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(a.getSource()).isEqualTo("Example Agency");
        assertThat(a.getByline()).isEqualTo("Karin Exempel");
        assertThat(a.getBody()).isEqualTo("Hamnen byggs ut f\u00f6r f\u00e4rjor\n\nStockholm\n\nHamnen ska byggas ut f\u00f6r de nya f\u00e4rjorna.\n\nArbetet b\u00f6rjar i maj.");
    }

    @Test
    void anApiEnvelopeIsUnwrappedAndVersionZeroIsReadAsOneWithWarnings() throws ParseException {
        RawArticle a = parse("ap-api-envelope-version0.json").get(0);

        assertThat(a.getStoryId()).isEqualTo("https://api.example.org/media/v/content/abc123?qt=Qx1");
        assertThat(a.getVersion()).isEqualTo(1);
        assertThat(a.getHeadline()).isEqualTo("City council approves new bike lanes");
        assertThat(a.getAttributes()).containsEntry("altId.itemid", "abc123")
                .containsEntry("description_summary", "The city council approved 12 miles of new bike lanes on Monday.");
        assertThat(a.getWarnings()).extracting(w -> w.getKind())
                .containsExactlyInAnyOrder("version-not-positive", "body-by-reference", "api-envelope");
    }

    @Test
    void superdeskGuidIsTheIdAndAnItemWithoutAnyIdRejectsOnlyItself() throws ParseException {
        List<RawArticle> articles = parse("superdesk-guid-array.json");

        assertThat(articles).hasSize(1);
        RawArticle a = articles.get(0);
        assertThat(a.getStoryId()).isEqualTo("urn:newsml:sd.example.org:2026-01-18T09:26:52:0f1e");
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2026-01-18T09:31:58Z"));
        assertThat(a.getAttributes()).containsEntry("priority", "6");
        assertThat(a.getWarnings()).extracting(w -> w.getKind()).containsExactly("id-from-guid", "story-rejected");
        assertThat(a.getWarnings().get(1).getMessage()).contains("story 1 of 2").contains("(at /1/uri)");
    }
}

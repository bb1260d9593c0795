package io.wirestream.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.ConnectRecords;
import io.wirestream.sink.testutil.NinjsValidator;

class NinjsMapperTest {

    private final ConnectRecords records = new ConnectRecords("news.enriched");

    @AfterEach
    void close() throws Exception {
        records.close();
    }

    @Test
    void theSeedStoryIsValidNinjsWithSubjectsPeopleOrganisationsAndPlaces() {
        ObjectNode ninjs = NinjsMapper.toNinjs(ArticleChange.of(records.record(Articles.seed("AP/seed 1", 2), 0)));

        assertThat(NinjsValidator.errors(ninjs)).isEmpty();
        assertThat(ninjs.get("uri").asText()).isEqualTo("urn:wirestream:story:AP%2Fseed%201");
        assertThat(ninjs.get("version").asText()).isEqualTo("2");
        assertThat(ninjs.get("pubstatus").asText()).isEqualTo("usable");
        assertThat(ninjs.get("by").asText()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(ninjs.get("located").asText()).isEqualTo("MOSCOW");
        assertThat(ninjs.at("/headlines/0/value").asText()).contains("Aegis Ashore");
        assertThat(ninjs.at("/bodies/0/value").asText()).startsWith("Russia expressed concerns");
        assertThat(ninjs.at("/subjects/0/uri").asText()).isEqualTo("http://cv.iptc.org/newscodes/mediatopic/20000150");
        assertThat(ninjs.at("/subjects/0/literal").asText()).isEqualTo("missile-defense");
        assertThat(ninjs.at("/people/0/name").asText()).isEqualTo("Itsunori Onodera");
        assertThat(ninjs.at("/people/0/rel").asText()).isEqualTo("Defense Minister");
        assertThat(ninjs.at("/organisations/0/literal").asText()).isEqualTo("org:lockheed-martin");
        assertThat(ninjs.at("/places/0/name").asText()).isEqualTo("Japan");
    }

    @Test
    void theClusterAndTheStoryDuplicatedAreAltIds() {
        io.wirestream.schemas.EnrichedArticle copy = Articles.seed("http-2", 1);
        copy.setClusterId("file-1");
        copy.setDuplicateOf("file-1");
        ObjectNode ninjs = NinjsMapper.toNinjs(ArticleChange.of(records.record(copy, 0)));
        ObjectNode alone = NinjsMapper.toNinjs(ArticleChange.of(records.record(Articles.seed("s", 1), 1)));

        assertThat(NinjsValidator.errors(ninjs)).isEmpty();
        assertThat(ninjs.get("altids").toString()).isEqualTo(
                "[{\"role\":\"storyid\",\"value\":\"http-2\"},{\"role\":\"clusterid\",\"value\":\"file-1\"},"
                + "{\"role\":\"duplicateof\",\"value\":\"file-1\"}]");
        assertThat(alone.get("altids")).hasSize(1);
    }

    @Test
    void aKillNoticeIsWrittenCanceled() {
        ObjectNode ninjs = NinjsMapper.toNinjs(ArticleChange.of(records.record(Articles.kill("s1", 3), 0)));

        assertThat(NinjsValidator.errors(ninjs)).isEmpty();
        assertThat(ninjs.get("pubstatus").asText()).isEqualTo("canceled");
        assertThat(ninjs.get("version").asText()).isEqualTo("3");
    }

    @Test
    void aWithheldKillNoticeIsWrittenCanceledToo() {
        ObjectNode ninjs = NinjsMapper.toNinjs(ArticleChange.of(records.record(
                Articles.enriched("s1", 2, io.wirestream.schemas.PubStatus.WITHHELD, "KILL", "Withdrawn."), 0)));

        assertThat(NinjsValidator.errors(ninjs)).isEmpty();
        assertThat(ninjs.get("pubstatus").asText()).isEqualTo("canceled");
    }

    @Test
    void aTombstoneIsACanceledNoticeWithTheUriOnly() {
        ObjectNode ninjs = NinjsMapper.toNinjs(ArticleChange.of(records.tombstone("s1", 0)));

        assertThat(NinjsValidator.errors(ninjs)).isEmpty();
        assertThat(ninjs.toString()).isEqualTo("{\"uri\":\"urn:wirestream:story:s1\",\"type\":\"text\",\"pubstatus\":\"canceled\"}");
    }

    @Test
    void anObjectMissingItsUriIsInvalid() {
        ObjectNode ninjs = NinjsMapper.toNinjs(ArticleChange.of(records.record(Articles.seed("s1", 1), 0)));
        ninjs.remove("uri");

        assertThat(NinjsValidator.errors(ninjs)).isNotEmpty();
    }

    @Test
    void theStreamedLineIsByteForByteTheTreeMappersLine() {
        io.wirestream.schemas.EnrichedArticle copy = Articles.seed("http-2", 2);
        copy.setClusterId("file-1");
        copy.setDuplicateOf("file-1");
        io.wirestream.schemas.EnrichedArticle bare = Articles.enriched("AP/bare+1 é", 2, io.wirestream.schemas.PubStatus.USABLE,
                "Zoë's 😀 \"quoted\" \\ headline \u2028", " \u2003 ");
        bare.getArticle().setCaption(null);
        bare.getArticle().setByline(null);
        bare.getArticle().setSubjects(java.util.List.of());
        bare.getArticle().setEmbargoed(java.time.Instant.parse("2018-08-02T00:00:00Z"));
        bare.getArticle().setVersionCreated(null);
        bare.setTaxonomyVersion("");
        bare.setEntities(java.util.List.of());
        bare.setTopics(java.util.List.of());
        java.util.List<org.apache.kafka.connect.sink.SinkRecord> all = java.util.List.of(
                records.record(Articles.seed("AP/seed 1", 2), 0), records.record(Articles.large("large", 1), 1),
                records.record(Articles.kill("k", 3), 2), records.record(copy, 3), records.record(bare, 4),
                records.tombstone("gone/1 2", 5));
        for (org.apache.kafka.connect.sink.SinkRecord r : all) {
            ArticleChange change = ArticleChange.of(r);
            assertThat(new String(NinjsMapper.line(change), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(TreeNinjsMapper.line(change), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(NinjsMapper.line(change)).isEqualTo(TreeNinjsMapper.line(change));
        }
    }

    @Test
    void theWordCountIsTheRegularExpressionsCount() {
        for (String text : new String[] {"", " ", "a", " a b ", "a\u2003b", "\u2003a b\u2003", "a \u2003 b", "\u001Ca\u001F",
                "a\n\n\tb", "a\u00A0b", "😀 x", "\u0085a b", "a\u000Bb\fc\rd", "\u3000", "x\u3000 y"}) {
            assertThat(NinjsMapper.wordCount(text)).as("'%s'", text).isEqualTo(TreeNinjsMapper.wordCount(text));
        }
        char[] alphabet = {'a', 'b', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u2003', '\u00A0', '\u001C', '\u0085', '\u3000'};
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            char[] text = new char[random.nextInt(10)];
            for (int c = 0; c < text.length; c++) {
                text[c] = alphabet[random.nextInt(alphabet.length)];
            }
            String s = new String(text);
            assertThat(NinjsMapper.wordCount(s)).as("'%s'", s).isEqualTo(TreeNinjsMapper.wordCount(s));
        }
    }
}

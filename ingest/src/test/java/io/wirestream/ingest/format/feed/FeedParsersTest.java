package io.wirestream.ingest.format.feed;

import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.ingest.testutil.Golden;
import io.wirestream.schemas.RawArticle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedParsersTest {

    @Test
    void rssItemsBecomeArticlesKeyedByGuidOrLink() throws ParseException {
        List<RawArticle> articles = new RssParser().parse(Fixtures.bytes("rss", "example-world.rss"), Fixtures.context("https://news.example.com/world.rss"));

        assertThat(articles).hasSize(2);
        RawArticle a = articles.get(0);
        assertThat(a.getStoryId()).isEqualTo("example-news-20180731-japan-russia");
        assertThat(a.getFormat()).isEqualTo("rss");
        assertThat(a.getSource()).isEqualTo("Example News - World");
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2018-07-31T17:47:00Z"));
        assertThat(a.getByline()).isEqualTo("Dai Nagata");
        assertThat(a.getSubjects()).containsExactly("Politics", "Defense");
        assertThat(a.getBody()).isEqualTo("Russia expressed concerns about Japan\u2019s plan to deploy the Aegis Ashore system.\n\n"
                + "Onodera said it was \"purely defensive.\"");
        assertThat(a.getAttributes()).containsEntry("summary", "Russia raised concerns about Aegis Ashore at two-plus-two talks.");
        RawArticle b = articles.get(1);
        assertThat(b.getStoryId()).isEqualTo("https://news.example.com/world/2018/07/31/northern-territories");
        assertThat(b.getBody()).isEqualTo("A Japanese study team will visit the Northern Territories from Aug. 16 to 20.");
        Golden.assertMatches(getClass(), "example-world.rss", articles);
    }

    @Test
    void atomEntriesBecomeArticlesWithAuthorsAndXhtmlContent() throws ParseException {
        List<RawArticle> articles = new AtomParser().parse(Fixtures.bytes("atom", "example-world.atom"), Fixtures.context("https://news.example.com/world.atom"));

        assertThat(articles).hasSize(2);
        RawArticle a = articles.get(0);
        assertThat(a.getStoryId()).isEqualTo("tag:news.example.com,2018-07-31:japan-russia");
        assertThat(a.getFormat()).isEqualTo("atom");
        assertThat(a.getByline()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(a.getVersionCreated()).isEqualTo(Instant.parse("2018-07-31T17:05:00Z"));
        assertThat(a.getAttributes()).containsEntry("published", "2018-07-31T13:47:00-04:00");
        assertThat(a.getBody()).isEqualTo("Russia expressed concerns about Japan's plan.\n\nOnodera said it was purely defensive.");
        assertThat(a.getLanguage()).isEqualTo("en");
        assertThat(articles.get(1).getBody()).isEqualTo("A Japanese study team will visit the islands from Aug. 16 to 20.\n\n"
                + "Joint economic activities are on the agenda.");
        Golden.assertMatches(getClass(), "example-world.atom", articles);
    }

    @Test
    void feedWithoutItemsParsesToNothing() throws ParseException {
        byte[] bytes = "<rss version='2.0'><channel><title>Empty</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
        assertThat(new RssParser().parse(bytes, Fixtures.context("e.rss"))).isEmpty();
    }
}

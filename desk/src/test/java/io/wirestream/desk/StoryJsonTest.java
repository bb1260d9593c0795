package io.wirestream.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.schemas.EnrichedArticle;

class StoryJsonTest {

    @Test
    void aStoryIsNinjsWithSpansAndAKillIsCanceled() {
        EnrichedArticle story = Stories.story("s/1", 2, "AP", "<script>x</script>", "missile-defense", "loc:iso3166:JP");
        ObjectNode n = StoryJson.toNinjs(story);
        assertThat(n.path("uri").asText()).isEqualTo("urn:wirestream:story:s%2F1");
        assertThat(n.path("version").asText()).isEqualTo("2");
        assertThat(n.path("pubstatus").asText()).isEqualTo("usable");
        assertThat(n.path("headlines").get(0).path("value").asText()).isEqualTo("<script>x</script>");
        assertThat(n.path("wirestream").path("entities").get(0).path("mentions").get(0).path("end").asInt()).isEqualTo(5);
        assertThat(n.path("wirestream").path("topics").get(0).path("evidence").get(0).path("spans")).hasSize(1);
        assertThat(StoryJson.toNinjs(Stories.kill("s/1", 3, "AP")).path("pubstatus").asText()).isEqualTo("canceled");
    }

    @Test
    void filtersMatchTopicEntityAndSourceAndKillsPassTopicAndEntity() {
        EnrichedArticle story = Stories.story("s", 1, "AP", "h", "missile-defense", "loc:iso3166:JP");
        assertThat(StoryJson.matches(story, "missile-defense", "loc:iso3166:JP", "ap")).isTrue();
        assertThat(StoryJson.matches(story, "economy", null, null)).isFalse();
        assertThat(StoryJson.matches(story, null, "loc:iso3166:US", null)).isFalse();
        assertThat(StoryJson.matches(story, null, null, "Reuters")).isFalse();
        assertThat(StoryJson.matches(Stories.kill("s", 2, "AP"), "missile-defense", "loc:iso3166:JP", "AP")).isTrue();
        assertThat(StoryJson.matches(Stories.kill("s", 2, "AP"), null, null, "Reuters")).isFalse();
    }

    @Test
    void theDeskBindsLoopbackWithoutTokenOrCorsByDefault() {
        DeskConfig c = DeskConfig.defaults(Map.of(), "http://registry");
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.token()).isNull();
        assertThat(c.corsOrigin()).isNull();
    }
}

package io.wirestream.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.schemas.EnrichedArticle;

/** The desk lists one entry per event: a cluster under its newest story, with its size and sources. */
class ClustersTest {

    private static EnrichedArticle inCluster(String id, String source, String clusterId, String duplicateOf) {
        EnrichedArticle e = Stories.story(id, 1, source, "h " + id, "missile-defense", "loc:iso3166:JP");
        e.setClusterId(clusterId);
        e.setDuplicateOf(duplicateOf);
        return e;
    }

    @Test
    void aClusterIsListedOnceUnderItsNewestStoryWithItsSources() {
        EnrichedArticle asahi = inCluster("asahi-1", "Asahi Shimbun", "asahi-1", null);
        EnrichedArticle other = inCluster("other", "AP", null, null);
        EnrichedArticle copy = inCluster("asahi-http", "Asahi Shimbun", "asahi-1", "asahi-1");
        EnrichedArticle kyodo = inCluster("kyodo-9", "Kyodo", "asahi-1", null);
        EnrichedArticle tass = inCluster("tass-4", "TASS", "asahi-1", null);
        List<EnrichedArticle> known = List.of(asahi, other, copy, kyodo, tass); // arrival order
        List<EnrichedArticle> newestFirst = List.of(tass, kyodo, copy, other, asahi);

        List<Clusters.Grouped> listed = Clusters.group(newestFirst, known, 50);

        assertThat(listed).extracting(g -> g.lead().getArticle().getStoryId()).containsExactly("tass-4", "other");
        Clusters.View cluster = listed.get(0).cluster();
        assertThat(cluster.size()).isEqualTo(4);
        assertThat(cluster.duplicates()).isEqualTo(1);
        assertThat(cluster.sources()).containsExactly("TASS", "Kyodo", "Asahi Shimbun");
        assertThat(listed.get(1).cluster().size()).isEqualTo(1);

        ObjectNode json = StoryJson.toNinjs(tass, cluster);
        assertThat(json.path("wirestream").path("clusterId").asText()).isEqualTo("asahi-1");
        assertThat(json.path("wirestream").path("cluster").path("size").asInt()).isEqualTo(4);
        assertThat(json.path("wirestream").path("cluster").path("sources")).hasSize(3);
        assertThat(json.path("wirestream").path("cluster").path("stories").get(0).asText()).isEqualTo("tass-4");
        assertThat(StoryJson.toNinjs(copy).path("wirestream").path("duplicateOf").asText()).isEqualTo("asahi-1");
        assertThat(StoryJson.toNinjs(asahi).path("wirestream").has("duplicateOf")).isFalse();
    }

    @Test
    void theLimitCountsClustersNotStories() {
        List<EnrichedArticle> known = List.of(inCluster("a", "X", "a", null), inCluster("b", "Y", "a", null),
            inCluster("c", "Z", "c", null));
        assertThat(Clusters.group(List.of(known.get(2), known.get(1), known.get(0)), known, 2))
            .extracting(g -> g.lead().getArticle().getStoryId()).containsExactly("c", "b");
    }
}

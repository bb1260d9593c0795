package io.wirestream.desk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.schemas.EnrichedArticle;

/**
 * One story per event on the desk: stories that enrich put in the same cluster ({@code clusterId}, issue 15) are
 * listed once, under their newest story, with how many stories and sources the cluster has; near-duplicate copies
 * ({@code duplicateOf}) are folded into it. A story without a clusterId (enriched before clustering existed, or a kill)
 * is a cluster of its own.
 */
public final class Clusters {

    private Clusters() {
    }

    /** A cluster as the desk shows it: its stories newest first, their distinct sources, how many are copies. */
    public record View(String id, List<EnrichedArticle> stories) {

        public int size() {
            return stories.size();
        }

        public List<String> sources() {
            Set<String> sources = new LinkedHashSet<>();
            for (EnrichedArticle e : stories) {
                if (e.getArticle().getSource() != null) {
                    sources.add(e.getArticle().getSource());
                }
            }
            return List.copyOf(sources);
        }

        public int duplicates() {
            return (int) stories.stream().filter(e -> e.getDuplicateOf() != null).count();
        }

        /** {@code {id, size, sources: [...], duplicates, stories: [storyId, ...]}} */
        public ObjectNode toJson(ObjectNode into) {
            into.put("id", id).put("size", size()).put("duplicates", duplicates());
            ArrayNode s = into.putArray("sources");
            sources().forEach(s::add);
            ArrayNode ids = into.putArray("stories");
            stories.forEach(e -> ids.add(e.getArticle().getStoryId()));
            return into;
        }
    }

    /** A listed story with its cluster. */
    public record Grouped(EnrichedArticle lead, View cluster) {
    }

    /** The cluster key of a story: its clusterId, else its own id. */
    public static String key(EnrichedArticle e) {
        return e.getClusterId() != null ? e.getClusterId() : e.getArticle().getStoryId();
    }

    /** Every cluster of {@code known} (in arrival order, oldest first), its stories newest first. */
    public static Map<String, View> index(List<EnrichedArticle> known) {
        Map<String, List<EnrichedArticle>> members = new HashMap<>();
        for (int i = known.size() - 1; i >= 0; i--) {
            EnrichedArticle e = known.get(i);
            members.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e);
        }
        Map<String, View> views = new HashMap<>();
        members.forEach((id, stories) -> views.put(id, new View(id, List.copyOf(stories))));
        return views;
    }

    /** The cluster of {@code story} among {@code known} (arrival order). */
    public static View of(EnrichedArticle story, List<EnrichedArticle> known) {
        View view = index(known).get(key(story));
        return view != null ? view : new View(key(story), List.of(story));
    }

    /**
     * {@code matches} (newest first) with each cluster listed once, under its newest matching story, up to
     * {@code limit} entries.
     */
    public static List<Grouped> group(List<EnrichedArticle> matches, List<EnrichedArticle> known, int limit) {
        Map<String, View> views = index(known);
        Set<String> listed = new HashSet<>();
        List<Grouped> out = new ArrayList<>();
        for (EnrichedArticle e : matches) {
            if (out.size() >= limit) {
                break;
            }
            String key = key(e);
            if (listed.add(key)) {
                out.add(new Grouped(e, views.getOrDefault(key, new View(key, List.of(e)))));
            }
        }
        return out;
    }
}

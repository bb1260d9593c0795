package io.wirestream.enrich.topology;

import io.wirestream.enrich.cluster.ClusterAssigner;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import java.util.Comparator;
import java.util.List;

/**
 * What the cluster index reads of an enriched story: headline and body, source, {@code enrichedAt}, entity ids by
 * salience. One definition for both stages: the enrich stage prints the story from it, and the cluster stage falls
 * back to it for a staged record that carries no print (written by an older enrich).
 */
final class ClusterStory {

    private ClusterStory() {
    }

    static ClusterAssigner.Story of(EnrichedArticle out) {
        RawArticle raw = out.getArticle();
        List<String> entityIds = out.getEntities().stream()
            .sorted(Comparator.comparingDouble(Entity::getSalience).reversed())
            .map(Entity::getId).toList();
        String text = (raw.getHeadline() == null ? "" : raw.getHeadline()) + "\n" + (raw.getBody() == null ? "" : raw.getBody());
        return new ClusterAssigner.Story(raw.getStoryId(), raw.getSource(), out.getEnrichedAt().toEpochMilli(), text, entityIds);
    }
}

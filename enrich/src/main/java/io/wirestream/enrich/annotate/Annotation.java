package io.wirestream.enrich.annotate;

import io.wirestream.schemas.Amount;
import io.wirestream.schemas.DateMention;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.TopicTag;
import java.util.List;

/**
 * What the {@link Annotator} found in one story, as the Avro types of {@code EnrichedArticle}: entities (most salient
 * first), topics (best first), money and quantities, dates. All spans index into the story's body.
 */
public record Annotation(List<Entity> entities, List<TopicTag> topics, List<Amount> amounts, List<DateMention> dates) {
    public Annotation {
        entities = List.copyOf(entities);
        topics = List.copyOf(topics);
        amounts = List.copyOf(amounts);
        dates = List.copyOf(dates);
    }
}

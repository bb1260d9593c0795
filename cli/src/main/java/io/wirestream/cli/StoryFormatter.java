package io.wirestream.cli;

import io.wirestream.schemas.Amount;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a story as a few readable lines: what an editor wants to see at a glance. */
public final class StoryFormatter {

    private static final List<String> TYPE_ORDER =
        List.of("PERSON", "ORGANIZATION", "LOCATION", "NATIONALITY", "EVENT", "PRODUCT");

    private StoryFormatter() {
    }

    public static String format(EnrichedArticle story) {
        RawArticle raw = story.getArticle();
        StringBuilder out = new StringBuilder();
        out.append(headlineLine(raw)).append('\n');
        if (raw.getPubStatus() != PubStatus.USABLE) {
            out.append("  ").append(raw.getPubStatus()).append(": story withdrawn\n");
            return out.toString();
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        TYPE_ORDER.forEach(t -> byType.put(t, new ArrayList<>()));
        for (Entity entity : story.getEntities()) {
            String label = entity.getRoles().isEmpty()
                ? entity.getName()
                : entity.getName() + " (" + String.join(", ", entity.getRoles()) + ")";
            byType.computeIfAbsent(entity.getType(), t -> new ArrayList<>()).add(label);
        }
        byType.forEach((type, names) -> {
            if (!names.isEmpty()) {
                out.append(String.format(Locale.ROOT, "  %-13s %s%n", plural(type), String.join("; ", names)));
            }
        });
        if (!story.getAmounts().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  %-13s %s%n", "amounts",
                story.getAmounts().stream().map(Amount::getSpan).map(s -> s.getText()).collect(Collectors.joining("; "))));
        }
        if (!story.getTopics().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  %-13s %s%n", "topics", story.getTopics().stream()
                .map(StoryFormatter::topic).collect(Collectors.joining(", "))));
        }
        return out.toString();
    }

    public static String headlineLine(RawArticle raw) {
        String headline = raw.getHeadline() == null ? "(no headline)" : raw.getHeadline();
        return String.format(Locale.ROOT, "%s%s  [%s v%d, %s]", headline, raw.getHeadlineDerived() ? " (derived)" : "",
            raw.getStoryId(), raw.getVersion(), raw.getFormat());
    }

    private static String topic(TopicTag tag) {
        return String.format(Locale.ROOT, "%s %.2f", tag.getCode(), tag.getScore());
    }

    private static String plural(String type) {
        return switch (type) {
            case "PERSON" -> "people";
            case "ORGANIZATION" -> "organizations";
            case "LOCATION" -> "places";
            case "NATIONALITY" -> "nationalities";
            case "EVENT" -> "events";
            case "PRODUCT" -> "products";
            default -> type.toLowerCase(Locale.ROOT);
        };
    }
}

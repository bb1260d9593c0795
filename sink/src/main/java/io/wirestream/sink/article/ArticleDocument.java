package io.wirestream.sink.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The parts of an {@code EnrichedArticle} (or a bare {@code RawArticle}) that the sinks write, read from the Connect
 * {@link Struct} the converter produced, plus the whole record ({@code value}; {@link #documentJson()} is its JSON). Reads fields by name, so it works with any
 * compatible version of the schema; a missing required field is a {@link DataException} naming the field.
 */
public record ArticleDocument(
        String storyId,
        int version,
        String pubStatus,
        String source,
        String format,
        String language,
        Integer urgency,
        String headline,
        String slugline,
        String byline,
        String dateline,
        String caption,
        String body,
        String editorialNote,
        List<String> subjects,
        Instant received,
        Instant versionCreated,
        Instant embargoed,
        Instant enrichedAt,
        String enricherVersion,
        String taxonomyVersion,
        String clusterId,
        String duplicateOf,
        List<EntityTag> entities,
        List<TopicTag> topics,
        Struct value) {

    /** An entity of the story; {@code mentionCount} is the number of mention spans. */
    public record EntityTag(String id, String name, String type, List<String> roles, String linkedTo, double salience,
                            int mentionCount) { }

    /** A taxonomy topic of the story. */
    public record TopicTag(String code, String label, String iptc, double score) { }

    /**
     * The whole record as JSON ({@link ConnectJsonMapper}), written on each call: only the PostgreSQL sink needs it,
     * once per row, so a document that is never stored is never built.
     */
    public String documentJson() {
        return ConnectJsonMapper.toJsonString(value.schema(), value);
    }

    /** True for a kill notice: pubStatus WITHHELD or CANCELED. */
    public boolean isKill() {
        return "WITHHELD".equals(pubStatus) || "CANCELED".equals(pubStatus);
    }

    /** Reads a record value; {@code value} must be a Struct shaped like EnrichedArticle or RawArticle. */
    public static ArticleDocument from(Object value) {
        if (!(value instanceof Struct root)) {
            throw new DataException("Expected an EnrichedArticle struct, got "
                    + (value == null ? "null" : value.getClass().getName()) + " (is the value converter the AvroConverter?)");
        }
        Struct article = has(root, "article") ? root.getStruct("article") : root;
        if (article == null) {
            throw new DataException("EnrichedArticle has a null 'article'");
        }
        String storyId = required(article, "storyId");
        Object version = article.get("version");
        if (!(version instanceof Number)) {
            throw new DataException("Story " + storyId + " has no version");
        }
        List<EntityTag> entities = new ArrayList<>();
        Set<String> entityIds = new LinkedHashSet<>();
        for (Struct e : structs(root, "entities")) {
            String id = required(e, "id");
            if (entityIds.add(id)) {
                List<?> mentions = has(e, "mentions") ? e.getArray("mentions") : List.of();
                entities.add(new EntityTag(id, required(e, "name"), required(e, "type"), strings(e, "roles"),
                        string(e, "linkedTo"), number(e, "salience"), mentions == null ? 0 : mentions.size()));
            }
        }
        List<TopicTag> topics = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Struct t : structs(root, "topics")) {
            String code = required(t, "code");
            if (codes.add(code)) {
                topics.add(new TopicTag(code, required(t, "label"), string(t, "iptc"), number(t, "score")));
            }
        }
        Object pubStatus = has(article, "pubStatus") ? article.get("pubStatus") : null;
        return new ArticleDocument(
                storyId,
                ((Number) version).intValue(),
                pubStatus == null ? "USABLE" : pubStatus.toString().toUpperCase(Locale.ROOT),
                string(article, "source"),
                string(article, "format"),
                string(article, "language"),
                has(article, "urgency") && article.get("urgency") != null ? ((Number) article.get("urgency")).intValue() : null,
                string(article, "headline"),
                string(article, "slugline"),
                string(article, "byline"),
                string(article, "dateline"),
                string(article, "caption"),
                string(article, "body"),
                string(article, "editorialNote"),
                strings(article, "subjects"),
                instant(article, "received"),
                instant(article, "versionCreated"),
                instant(article, "embargoed"),
                instant(root, "enrichedAt"),
                string(root, "enricherVersion"),
                string(root, "taxonomyVersion"),
                string(root, "clusterId"),
                string(root, "duplicateOf"),
                List.copyOf(entities),
                List.copyOf(topics),
                root);
    }

    private static boolean has(Struct s, String field) {
        return s.schema().field(field) != null;
    }

    private static String required(Struct s, String field) {
        String v = string(s, field);
        if (v == null) {
            throw new DataException("Field '" + field + "' of " + s.schema().name() + " is missing or null");
        }
        return v;
    }

    private static String string(Struct s, String field) {
        Field f = s.schema().field(field);
        Object v = f == null ? null : s.get(f);
        return v == null ? null : v.toString();
    }

    private static double number(Struct s, String field) {
        Field f = s.schema().field(field);
        Object v = f == null ? null : s.get(f);
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    private static Instant instant(Struct s, String field) {
        Field f = s.schema().field(field);
        Object v = f == null ? null : s.get(f);
        if (v instanceof java.util.Date d) {
            return Instant.ofEpochMilli(d.getTime());
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        return null;
    }

    private static List<String> strings(Struct s, String field) {
        Field f = s.schema().field(field);
        List<?> v = f == null ? null : s.getArray(field);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(v.size());
        for (Object o : v) {
            if (o != null) {
                out.add(o.toString());
            }
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static List<Struct> structs(Struct s, String field) {
        Field f = s.schema().field(field);
        List<?> v = f == null ? null : s.getArray(field);
        if (v == null) {
            return List.of();
        }
        for (Object o : v) {
            if (!(o instanceof Struct)) {
                throw new DataException("Field '" + field + "' must hold structs");
            }
        }
        return (List<Struct>) v;
    }
}

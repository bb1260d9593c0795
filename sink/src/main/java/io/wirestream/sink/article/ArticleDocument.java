package io.wirestream.sink.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
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
        RootFields rf = ROOT_FIELDS.of(root.schema());
        Struct article = rf.article == null ? root
                : rf.article.schema().type() == Schema.Type.STRUCT ? (Struct) root.get(rf.article) : root.getStruct("article");
        if (article == null) {
            throw new DataException("EnrichedArticle has a null 'article'");
        }
        ArticleFields af = ARTICLE_FIELDS.of(article.schema());
        String storyId = required(article, af.storyId, "storyId");
        Object version = af.version == null ? article.get("version") : article.get(af.version); // no field: DataException
        if (!(version instanceof Number)) {
            throw new DataException("Story " + storyId + " has no version");
        }
        List<EntityTag> entities = new ArrayList<>();
        Set<String> entityIds = new LinkedHashSet<>();
        for (Struct e : structs(root, rf.entities, "entities")) {
            EntityFields ef = ENTITY_FIELDS.of(e.schema());
            String id = required(e, ef.id, "id");
            if (entityIds.add(id)) {
                List<?> mentions = ef.mentions == null ? List.of() : array(e, ef.mentions, "mentions");
                entities.add(new EntityTag(id, required(e, ef.name, "name"), required(e, ef.type, "type"),
                        strings(e, ef.roles, "roles"), string(e, ef.linkedTo), number(e, ef.salience),
                        mentions == null ? 0 : mentions.size()));
            }
        }
        List<TopicTag> topics = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Struct t : structs(root, rf.topics, "topics")) {
            TopicFields tf = TOPIC_FIELDS.of(t.schema());
            String code = required(t, tf.code, "code");
            if (codes.add(code)) {
                topics.add(new TopicTag(code, required(t, tf.label, "label"), string(t, tf.iptc), number(t, tf.score)));
            }
        }
        Object pubStatus = af.pubStatus == null ? null : article.get(af.pubStatus);
        Object urgency = af.urgency == null ? null : article.get(af.urgency);
        return new ArticleDocument(
                storyId,
                ((Number) version).intValue(),
                pubStatus == null ? "USABLE" : pubStatus.toString().toUpperCase(Locale.ROOT),
                string(article, af.source),
                string(article, af.format),
                string(article, af.language),
                urgency != null ? ((Number) urgency).intValue() : null,
                string(article, af.headline),
                string(article, af.slugline),
                string(article, af.byline),
                string(article, af.dateline),
                string(article, af.caption),
                string(article, af.body),
                string(article, af.editorialNote),
                strings(article, af.subjects, "subjects"),
                instant(article, af.received),
                instant(article, af.versionCreated),
                instant(article, af.embargoed),
                instant(root, rf.enrichedAt),
                string(root, rf.enricherVersion),
                string(root, rf.taxonomyVersion),
                string(root, rf.clusterId),
                string(root, rf.duplicateOf),
                List.copyOf(entities),
                List.copyOf(topics),
                root);
    }

    // The fields read, resolved by name once per schema rather than once per record (null: the schema has no such field).

    private record RootFields(Field article, Field entities, Field topics, Field enrichedAt, Field enricherVersion,
                              Field taxonomyVersion, Field clusterId, Field duplicateOf) {
        RootFields(Schema s) {
            this(s.field("article"), s.field("entities"), s.field("topics"), s.field("enrichedAt"), s.field("enricherVersion"),
                    s.field("taxonomyVersion"), s.field("clusterId"), s.field("duplicateOf"));
        }
    }

    private record ArticleFields(Field storyId, Field version, Field pubStatus, Field source, Field format, Field language,
                                 Field urgency, Field headline, Field slugline, Field byline, Field dateline, Field caption,
                                 Field body, Field editorialNote, Field subjects, Field received, Field versionCreated,
                                 Field embargoed) {
        ArticleFields(Schema s) {
            this(s.field("storyId"), s.field("version"), s.field("pubStatus"), s.field("source"), s.field("format"),
                    s.field("language"), s.field("urgency"), s.field("headline"), s.field("slugline"), s.field("byline"),
                    s.field("dateline"), s.field("caption"), s.field("body"), s.field("editorialNote"), s.field("subjects"),
                    s.field("received"), s.field("versionCreated"), s.field("embargoed"));
        }
    }

    private record EntityFields(Field id, Field name, Field type, Field roles, Field linkedTo, Field salience, Field mentions) {
        EntityFields(Schema s) {
            this(s.field("id"), s.field("name"), s.field("type"), s.field("roles"), s.field("linkedTo"), s.field("salience"),
                    s.field("mentions"));
        }
    }

    private record TopicFields(Field code, Field label, Field iptc, Field score) {
        TopicFields(Schema s) {
            this(s.field("code"), s.field("label"), s.field("iptc"), s.field("score"));
        }
    }

    private static final PerSchema<RootFields> ROOT_FIELDS = new PerSchema<>(RootFields::new);
    private static final PerSchema<ArticleFields> ARTICLE_FIELDS = new PerSchema<>(ArticleFields::new);
    private static final PerSchema<EntityFields> ENTITY_FIELDS = new PerSchema<>(EntityFields::new);
    private static final PerSchema<TopicFields> TOPIC_FIELDS = new PerSchema<>(TopicFields::new);

    /**
     * The fields of the last schema seen (by identity: schema equality is a deep comparison). A task sees the same
     * schema instance, the converter's, for record after record; another schema just replaces the entry.
     */
    private static final class PerSchema<T> {
        private record Entry<T>(Schema schema, T fields) { }

        private final Function<Schema, T> resolve;
        private volatile Entry<T> last;

        PerSchema(Function<Schema, T> resolve) {
            this.resolve = resolve;
        }

        T of(Schema schema) {
            Entry<T> e = last;
            if (e == null || e.schema() != schema) {
                e = new Entry<>(schema, resolve.apply(schema));
                last = e;
            }
            return e.fields();
        }
    }

    private static String required(Struct s, Field f, String field) {
        String v = string(s, f);
        if (v == null) {
            throw new DataException("Field '" + field + "' of " + s.schema().name() + " is missing or null");
        }
        return v;
    }

    private static String string(Struct s, Field f) {
        Object v = f == null ? null : s.get(f);
        return v == null ? null : v.toString();
    }

    private static double number(Struct s, Field f) {
        Object v = f == null ? null : s.get(f);
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    private static Instant instant(Struct s, Field f) {
        Object v = f == null ? null : s.get(f);
        if (v instanceof java.util.Date d) {
            return Instant.ofEpochMilli(d.getTime());
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        return null;
    }

    /** The array in the field ({@link Struct#getArray}: a DataException when the field is not an array). */
    private static List<?> array(Struct s, Field f, String field) {
        return f.schema().type() == Schema.Type.ARRAY ? (List<?>) s.get(f) : s.getArray(field);
    }

    private static List<String> strings(Struct s, Field f, String field) {
        List<?> v = f == null ? null : array(s, f, field);
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
    private static List<Struct> structs(Struct s, Field f, String field) {
        List<?> v = f == null ? null : array(s, f, field);
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

package io.wirestream.sink.jsonl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.article.ArticleDocument;
import io.wirestream.sink.article.ConnectJsonMapper;

/**
 * Maps an article change to an IPTC ninjs 2.x object: {@code uri} (a {@code urn:wirestream:story:} URN of the story
 * id), {@code version}, {@code pubstatus}, {@code headlines}, {@code bodies}, {@code by}, {@code located}, ...;
 * taxonomy topics and the provider's subject codes become {@code subjects} (IPTC Media Topic URIs where the topic
 * has one), PERSON entities {@code people}, ORGANIZATION entities {@code organisations}, LOCATION entities
 * {@code places}, other entity types {@code subjects}. A kill notice (pubStatus WITHHELD or CANCELED; enrich passes
 * kills on as WITHHELD) is written with {@code "pubstatus": "canceled"}: the story is withdrawn; a tombstone becomes
 * {@code {"uri": ..., "pubstatus": "canceled"}}.
 *
 * <p>The JSON is streamed ({@link #write}), not built as a tree: the task needs only the line's bytes.
 */
public final class NinjsMapper {

    public static final String URI_PREFIX = "urn:wirestream:story:";
    private static final String MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NinjsMapper() {
    }

    public static String uri(String storyId) {
        return URI_PREFIX + URLEncoder.encode(storyId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The line (UTF-8, without its newline) that the JSON Lines sink writes for the change. */
    public static byte[] line(ArticleChange change) {
        return ConnectJsonMapper.writeString(g -> write(g, change)).getBytes(StandardCharsets.UTF_8);
    }

    /** The ninjs object as a tree (the line, parsed): for tests and tools; the sink writes {@link #line}. */
    public static ObjectNode toNinjs(ArticleChange change) {
        try {
            return (ObjectNode) MAPPER.readTree(line(change));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the change's ninjs object. */
    public static void write(JsonGenerator g, ArticleChange change) throws IOException {
        if (change instanceof ArticleChange.Delete delete) {
            g.writeStartObject();
            g.writeStringField("uri", uri(delete.storyId()));
            g.writeStringField("type", "text");
            g.writeStringField("pubstatus", "canceled");
            g.writeEndObject();
            return;
        }
        write(g, change instanceof ArticleChange.Upsert u ? u.document() : ((ArticleChange.Kill) change).document());
    }

    /** Writes the story's ninjs object. */
    public static void write(JsonGenerator g, ArticleDocument d) throws IOException {
        g.writeStartObject();
        g.writeStringField("uri", uri(d.storyId()));
        g.writeStringField("type", "text");
        g.writeStringField("version", Integer.toString(d.version()));
        Instant created = d.versionCreated() != null ? d.versionCreated() : d.received();
        if (created != null) {
            g.writeStringField("versioncreated", created.toString());
        }
        if (d.embargoed() != null) {
            g.writeStringField("embargoed", d.embargoed().toString());
        }
        g.writeStringField("pubstatus", d.isKill() ? "canceled" : d.pubStatus().toLowerCase(Locale.ROOT));
        if (d.urgency() != null) {
            g.writeNumberField("urgency", d.urgency());
        }
        writeIfPresent(g, "language", d.language());
        writeIfPresent(g, "ednote", d.editorialNote());
        writeIfPresent(g, "slugline", d.slugline());
        writeIfPresent(g, "by", d.byline());
        writeIfPresent(g, "located", d.dateline());
        if (d.headline() != null) {
            g.writeArrayFieldStart("headlines");
            g.writeStartObject();
            g.writeStringField("value", d.headline());
            g.writeEndObject();
            g.writeEndArray();
        }
        if (d.caption() != null) {
            g.writeArrayFieldStart("descriptions");
            g.writeStartObject();
            g.writeStringField("role", "caption");
            g.writeStringField("value", d.caption());
            g.writeEndObject();
            g.writeEndArray();
        }
        if (d.body() != null) {
            g.writeArrayFieldStart("bodies");
            g.writeStartObject();
            g.writeStringField("contenttype", "text/plain");
            g.writeNumberField("charcount", d.body().length());
            g.writeNumberField("wordcount", wordCount(d.body()));
            g.writeStringField("value", d.body());
            g.writeEndObject();
            g.writeEndArray();
        }
        if (d.source() != null) {
            g.writeArrayFieldStart("infosources");
            g.writeStartObject();
            g.writeStringField("name", d.source());
            g.writeStringField("role", "source");
            g.writeEndObject();
            g.writeEndArray();
        }
        writeSubjects(g, d);
        writeEntities(g, "people", d.entities(), "PERSON");
        writeEntities(g, "organisations", d.entities(), "ORGANIZATION");
        writeEntities(g, "places", d.entities(), "LOCATION");
        g.writeArrayFieldStart("altids");
        writeAltId(g, "storyid", d.storyId());
        // one story per event (issue 15): the cluster, and the story this one is a near-duplicate copy of
        if (d.clusterId() != null) {
            writeAltId(g, "clusterid", d.clusterId());
        }
        if (d.duplicateOf() != null) {
            writeAltId(g, "duplicateof", d.duplicateOf());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Taxonomy topics, then the provider's subject codes, then the entities of other types than people, organisations, places. */
    private static void writeSubjects(JsonGenerator g, ArticleDocument d) throws IOException {
        boolean others = false;
        for (ArticleDocument.EntityTag entity : d.entities()) {
            others |= !isNamedType(entity.type());
        }
        if (d.topics().isEmpty() && d.subjects().isEmpty() && !others) {
            return;
        }
        g.writeArrayFieldStart("subjects");
        String creator = d.taxonomyVersion() == null ? "wirestream" : "wirestream taxonomy " + d.taxonomyVersion();
        for (ArticleDocument.TopicTag topic : d.topics()) {
            g.writeStartObject();
            g.writeStringField("name", topic.label());
            if (topic.iptc() != null && topic.iptc().startsWith("medtop:")) {
                g.writeStringField("uri", MEDIATOPIC + topic.iptc().substring("medtop:".length()));
            }
            g.writeStringField("literal", topic.code());
            g.writeStringField("creator", creator);
            g.writeEndObject();
        }
        for (String code : d.subjects()) {
            g.writeStartObject();
            g.writeStringField("literal", code);
            g.writeStringField("creator", "provider");
            g.writeEndObject();
        }
        for (ArticleDocument.EntityTag entity : d.entities()) {
            if (!isNamedType(entity.type())) {
                writeEntity(g, entity);
            }
        }
        g.writeEndArray();
    }

    private static boolean isNamedType(String type) {
        return switch (type) {
            case "PERSON", "ORGANIZATION", "LOCATION" -> true;
            default -> false;
        };
    }

    /** The entities of one type as an array, if there are any. */
    private static void writeEntities(JsonGenerator g, String field, List<ArticleDocument.EntityTag> entities, String type)
            throws IOException {
        boolean started = false;
        for (ArticleDocument.EntityTag entity : entities) {
            if (entity.type().equals(type)) {
                if (!started) {
                    g.writeArrayFieldStart(field);
                    started = true;
                }
                writeEntity(g, entity);
            }
        }
        if (started) {
            g.writeEndArray();
        }
    }

    private static void writeEntity(JsonGenerator g, ArticleDocument.EntityTag entity) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", entity.name());
        g.writeStringField("literal", entity.id());
        if (!entity.roles().isEmpty()) {
            g.writeStringField("rel", String.join(", ", entity.roles()));
        }
        g.writeEndObject();
    }

    private static void writeAltId(JsonGenerator g, String role, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", role);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /**
     * Words of the text: what {@code text.strip().split("\\s+").length} counted (0 for a blank text), without the
     * regular expression and its strings. After strip() the text starts and ends with a non-whitespace character, so
     * its words are one more than its runs of {@code \s} ({@code [ \t\n\x0B\f\r]}, which strip() also removes).
     */
    static int wordCount(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return 0;
        }
        int words = 1;
        boolean inSpace = false;
        for (int i = start; i < end; i++) {
            boolean space = isRegexSpace(text.charAt(i));
            if (space && !inSpace) {
                words++;
            }
            inSpace = space;
        }
        return words;
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}

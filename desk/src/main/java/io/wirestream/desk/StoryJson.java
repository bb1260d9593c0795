package io.wirestream.desk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.PubStatus;

/**
 * A story as ninjs JSON, the shape the JSON Lines sink writes ({@code uri}, {@code version}, {@code pubstatus},
 * {@code headlines}, {@code bodies}, ...), plus a {@code wirestream} object with what the desk page needs and ninjs
 * has no field for: entities with their mention spans, topics with evidence spans, amounts, dates. A small mapper of
 * its own: sink's {@code NinjsMapper} works on Connect structs and would pull the Connect runtime into the desk.
 * A kill (pubStatus WITHHELD or CANCELED) is {@code "pubstatus": "canceled"}.
 */
public final class StoryJson {

    public static final String URI_PREFIX = "urn:wirestream:story:";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StoryJson() {
    }

    public static String uri(String storyId) {
        return URI_PREFIX + URLEncoder.encode(storyId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static boolean isKill(EnrichedArticle e) {
        return e.getArticle().getPubStatus() != PubStatus.USABLE;
    }

    public static ObjectNode toNinjs(EnrichedArticle e) {
        return fromDocument(document(e));
    }

    /**
     * The record as plain JSON, field names as in the Avro schema, instants as ISO-8601 strings, enums by name: the
     * shape of the PostgreSQL sink's {@code document} column, so the live stream and the archive share one mapping.
     */
    static JsonNode document(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof GenericRecord r) {
            ObjectNode o = NODES.objectNode();
            for (Schema.Field f : r.getSchema().getFields()) {
                o.set(f.name(), document(r.get(f.pos())));
            }
            return o;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            c.forEach(x -> a.add(document(x)));
            return a;
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, v) -> o.set(k.toString(), document(v)));
            return o;
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(value.toString()); // CharSequence, Instant, LocalDate, enums
    }

    /** ninjs from an enriched record as JSON ({@link #document}, or the PostgreSQL sink's {@code document} column). */
    public static ObjectNode fromDocument(JsonNode doc) {
        JsonNode a = doc.path("article");
        String storyId = a.path("storyId").asText();
        ObjectNode node = NODES.objectNode();
        node.put("uri", uri(storyId));
        node.put("type", "text");
        node.put("version", Integer.toString(a.path("version").asInt()));
        String created = text(a, "versionCreated") != null ? text(a, "versionCreated") : text(a, "received");
        put(node, "versioncreated", created);
        node.put("pubstatus", "USABLE".equals(a.path("pubStatus").asText()) ? "usable" : "canceled");
        if (a.path("urgency").isNumber()) {
            node.put("urgency", a.path("urgency").asInt());
        }
        put(node, "language", text(a, "language"));
        put(node, "slugline", text(a, "slugline"));
        put(node, "by", text(a, "byline"));
        put(node, "located", text(a, "dateline"));
        if (text(a, "headline") != null) {
            node.putArray("headlines").addObject().put("value", text(a, "headline"));
        }
        String bodyText = a.path("body").asText("");
        ObjectNode body = node.putArray("bodies").addObject();
        body.put("contenttype", "text/plain");
        body.put("charcount", bodyText.length());
        body.put("value", bodyText);
        ArrayNode subjects = node.putArray("subjects");
        for (JsonNode t : doc.path("topics")) {
            subjects.addObject().put("name", t.path("label").asText()).put("code", t.path("code").asText()).put("rel", "about");
        }
        node.putArray("infosource").addObject().put("name", text(a, "source"));

        ObjectNode ws = node.putObject("wirestream");
        ws.put("storyId", storyId);
        ws.put("source", text(a, "source"));
        put(ws, "clusterId", text(doc, "clusterId"));
        put(ws, "duplicateOf", text(doc, "duplicateOf"));
        ArrayNode entities = ws.putArray("entities");
        for (JsonNode en : doc.path("entities")) {
            ObjectNode o = entities.addObject().put("id", en.path("id").asText()).put("name", en.path("name").asText())
                    .put("type", en.path("type").asText());
            o.set("mentions", spans(en.path("mentions")));
        }
        ArrayNode topics = ws.putArray("topics");
        for (JsonNode t : doc.path("topics")) {
            ObjectNode o = topics.addObject().put("code", t.path("code").asText()).put("label", t.path("label").asText())
                    .put("score", t.path("score").asDouble());
            ArrayNode ev = o.putArray("evidence");
            for (JsonNode x : t.path("evidence")) {
                ev.addObject().put("kind", x.path("kind").asText()).put("text", x.path("text").asText()).set("spans", spans(x.path("spans")));
            }
        }
        ArrayNode amounts = ws.putArray("amounts");
        for (JsonNode am : doc.path("amounts")) {
            amounts.addObject().put("type", am.path("type").asText()).put("normalized", am.path("normalized").asText())
                    .put("start", am.path("span").path("start").asInt()).put("end", am.path("span").path("end").asInt());
        }
        ArrayNode dates = ws.putArray("dates");
        for (JsonNode d : doc.path("dates")) {
            ObjectNode o = dates.addObject();
            put(o, "start", text(d, "start"));
            put(o, "end", text(d, "end"));
            o.put("spanStart", d.path("span").path("start").asInt()).put("spanEnd", d.path("span").path("end").asInt());
        }
        return node;
    }

    /** The ninjs of {@code e} with its cluster as {@code wirestream.cluster}: {id, size, duplicates, sources, stories}. */
    public static ObjectNode toNinjs(EnrichedArticle e, Clusters.View cluster) {
        ObjectNode node = toNinjs(e);
        cluster.toJson(((ObjectNode) node.get("wirestream")).putObject("cluster"));
        return node;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static ArrayNode spans(JsonNode spans) {
        ArrayNode into = NODES.arrayNode();
        for (JsonNode s : spans) {
            into.addObject().put("start", s.path("start").asInt()).put("end", s.path("end").asInt());
        }
        return into;
    }

    private static void put(ObjectNode node, String field, CharSequence value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    /** True when the story matches every given filter (null = any): topic slug, entity id, source (case-insensitive). */
    public static boolean matches(EnrichedArticle e, String topic, String entity, String source) {
        if (source != null && !source.equalsIgnoreCase(e.getArticle().getSource())) {
            return false;
        }
        if (isKill(e)) {
            return true; // a kill carries no topics or entities: every subscriber may have shown the story
        }
        if (topic != null && e.getTopics().stream().noneMatch(t -> t.getCode().equals(topic))) {
            return false;
        }
        return entity == null || e.getEntities().stream().anyMatch(en -> en.getId().equals(entity));
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}

package io.wirestream.desk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.schemas.Amount;
import io.wirestream.schemas.DateMention;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.Evidence;
import io.wirestream.schemas.MentionSpan;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;

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
        RawArticle a = e.getArticle();
        ObjectNode node = NODES.objectNode();
        node.put("uri", uri(a.getStoryId()));
        node.put("type", "text");
        node.put("version", Integer.toString(a.getVersion()));
        Instant created = a.getVersionCreated() != null ? a.getVersionCreated() : a.getReceived();
        if (created != null) {
            node.put("versioncreated", created.toString());
        }
        node.put("pubstatus", isKill(e) ? "canceled" : "usable");
        if (a.getUrgency() != null) {
            node.put("urgency", a.getUrgency());
        }
        put(node, "language", a.getLanguage());
        put(node, "slugline", a.getSlugline());
        put(node, "by", a.getByline());
        put(node, "located", a.getDateline());
        if (a.getHeadline() != null) {
            node.putArray("headlines").addObject().put("value", a.getHeadline());
        }
        ObjectNode body = node.putArray("bodies").addObject();
        body.put("contenttype", "text/plain");
        body.put("charcount", a.getBody().length());
        body.put("value", a.getBody());
        ArrayNode subjects = node.putArray("subjects");
        for (TopicTag t : e.getTopics()) {
            ObjectNode s = subjects.addObject().put("name", t.getLabel()).put("code", t.getCode());
            s.put("rel", "about");
        }
        node.putArray("infosource").addObject().put("name", a.getSource());

        ObjectNode ws = node.putObject("wirestream");
        ws.put("storyId", a.getStoryId());
        ws.put("source", a.getSource());
        put(ws, "clusterId", e.getClusterId());
        put(ws, "duplicateOf", e.getDuplicateOf());
        ArrayNode entities = ws.putArray("entities");
        for (Entity en : e.getEntities()) {
            ObjectNode o = entities.addObject().put("id", en.getId()).put("name", en.getName()).put("type", en.getType());
            spans(o.putArray("mentions"), en.getMentions());
        }
        ArrayNode topics = ws.putArray("topics");
        for (TopicTag t : e.getTopics()) {
            ObjectNode o = topics.addObject().put("code", t.getCode()).put("label", t.getLabel()).put("score", t.getScore());
            ArrayNode ev = o.putArray("evidence");
            for (Evidence x : t.getEvidence()) {
                ObjectNode eo = ev.addObject().put("kind", x.getKind()).put("text", x.getText());
                spans(eo.putArray("spans"), x.getSpans());
            }
        }
        ArrayNode amounts = ws.putArray("amounts");
        for (Amount am : e.getAmounts()) {
            ObjectNode o = amounts.addObject().put("type", am.getType()).put("normalized", am.getNormalized());
            o.put("start", am.getSpan().getStart()).put("end", am.getSpan().getEnd());
        }
        ArrayNode dates = ws.putArray("dates");
        for (DateMention d : e.getDates()) {
            ObjectNode o = dates.addObject();
            put(o, "start", d.getStart());
            put(o, "end", d.getEnd());
            o.put("spanStart", d.getSpan().getStart()).put("spanEnd", d.getSpan().getEnd());
        }
        return node;
    }

    /** The ninjs of {@code e} with its cluster as {@code wirestream.cluster}: {id, size, duplicates, sources, stories}. */
    public static ObjectNode toNinjs(EnrichedArticle e, Clusters.View cluster) {
        ObjectNode node = toNinjs(e);
        cluster.toJson(((ObjectNode) node.get("wirestream")).putObject("cluster"));
        return node;
    }

    private static void spans(ArrayNode into, java.util.List<MentionSpan> spans) {
        for (MentionSpan s : spans) {
            into.addObject().put("start", s.getStart()).put("end", s.getEnd());
        }
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

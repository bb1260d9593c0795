package io.wirestream.sink.jsonl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.article.ArticleDocument;

/**
 * The first, tree-building {@link NinjsMapper}, kept as the oracle that the streaming one must match byte for byte
 * ({@code NinjsMapperTest}), with the first, regular-expression word count.
 *
 * <p>Maps an article change to an IPTC ninjs 2.x object: {@code uri} (a {@code urn:wirestream:story:} URN of the story
 * id), {@code version}, {@code pubstatus}, {@code headlines}, {@code bodies}, {@code by}, {@code located}, ...;
 * taxonomy topics and the provider's subject codes become {@code subjects} (IPTC Media Topic URIs where the topic
 * has one), PERSON entities {@code people}, ORGANIZATION entities {@code organisations}, LOCATION entities
 * {@code places}, other entity types {@code subjects}. A kill notice (pubStatus WITHHELD or CANCELED; enrich passes
 * kills on as WITHHELD) is written with {@code "pubstatus": "canceled"}: the story is withdrawn; a tombstone becomes
 * {@code {"uri": ..., "pubstatus": "canceled"}}.
 */
final class TreeNinjsMapper {

    private static final String MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeNinjsMapper() {
    }

    static String uri(String storyId) {
        return NinjsMapper.URI_PREFIX + URLEncoder.encode(storyId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static byte[] line(ArticleChange change) {
        return toNinjs(change).toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode toNinjs(ArticleChange change) {
        if (change instanceof ArticleChange.Delete delete) {
            ObjectNode node = NODES.objectNode();
            node.put("uri", uri(delete.storyId()));
            node.put("type", "text");
            node.put("pubstatus", "canceled");
            return node;
        }
        ArticleDocument d = change instanceof ArticleChange.Upsert u ? u.document() : ((ArticleChange.Kill) change).document();
        return toNinjs(d);
    }

    static ObjectNode toNinjs(ArticleDocument d) {
        ObjectNode node = NODES.objectNode();
        node.put("uri", uri(d.storyId()));
        node.put("type", "text");
        node.put("version", Integer.toString(d.version()));
        Instant created = d.versionCreated() != null ? d.versionCreated() : d.received();
        if (created != null) {
            node.put("versioncreated", created.toString());
        }
        if (d.embargoed() != null) {
            node.put("embargoed", d.embargoed().toString());
        }
        node.put("pubstatus", d.isKill() ? "canceled" : d.pubStatus().toLowerCase(Locale.ROOT));
        if (d.urgency() != null) {
            node.put("urgency", d.urgency());
        }
        putIfPresent(node, "language", d.language());
        putIfPresent(node, "ednote", d.editorialNote());
        putIfPresent(node, "slugline", d.slugline());
        putIfPresent(node, "by", d.byline());
        putIfPresent(node, "located", d.dateline());
        if (d.headline() != null) {
            node.putArray("headlines").addObject().put("value", d.headline());
        }
        if (d.caption() != null) {
            node.putArray("descriptions").addObject().put("role", "caption").put("value", d.caption());
        }
        if (d.body() != null) {
            ObjectNode body = node.putArray("bodies").addObject();
            body.put("contenttype", "text/plain");
            body.put("charcount", d.body().length());
            body.put("wordcount", wordCount(d.body()));
            body.put("value", d.body());
        }
        if (d.source() != null) {
            node.putArray("infosources").addObject().put("name", d.source()).put("role", "source");
        }
        ArrayNode subjects = NODES.arrayNode();
        ArrayNode people = NODES.arrayNode();
        ArrayNode organisations = NODES.arrayNode();
        ArrayNode places = NODES.arrayNode();
        String creator = d.taxonomyVersion() == null ? "wirestream" : "wirestream taxonomy " + d.taxonomyVersion();
        for (ArticleDocument.TopicTag topic : d.topics()) {
            ObjectNode s = subjects.addObject();
            s.put("name", topic.label());
            if (topic.iptc() != null && topic.iptc().startsWith("medtop:")) {
                s.put("uri", MEDIATOPIC + topic.iptc().substring("medtop:".length()));
            }
            s.put("literal", topic.code());
            s.put("creator", creator);
        }
        for (String code : d.subjects()) {
            subjects.addObject().put("literal", code).put("creator", "provider");
        }
        for (ArticleDocument.EntityTag entity : d.entities()) {
            ObjectNode e = switch (entity.type()) {
                case "PERSON" -> people.addObject();
                case "ORGANIZATION" -> organisations.addObject();
                case "LOCATION" -> places.addObject();
                default -> subjects.addObject();
            };
            e.put("name", entity.name());
            e.put("literal", entity.id());
            if (!entity.roles().isEmpty()) {
                e.put("rel", String.join(", ", entity.roles()));
            }
        }
        setIfNotEmpty(node, "subjects", subjects);
        setIfNotEmpty(node, "people", people);
        setIfNotEmpty(node, "organisations", organisations);
        setIfNotEmpty(node, "places", places);
        ArrayNode altids = node.putArray("altids");
        altids.addObject().put("role", "storyid").put("value", d.storyId());
        // one story per event (issue 15): the cluster, and the story this one is a near-duplicate copy of
        if (d.clusterId() != null) {
            altids.addObject().put("role", "clusterid").put("value", d.clusterId());
        }
        if (d.duplicateOf() != null) {
            altids.addObject().put("role", "duplicateof").put("value", d.duplicateOf());
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void setIfNotEmpty(ObjectNode node, String field, ArrayNode array) {
        if (!array.isEmpty()) {
            node.set(field, array);
        }
    }

    static int wordCount(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}

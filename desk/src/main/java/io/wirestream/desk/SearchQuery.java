package io.wirestream.desk;

import java.util.List;
import java.util.Set;

import org.eclipse.jetty.util.Fields;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code /v1/search} request, checked: words {@code q}, filters (topic slug, entity id, source), a page of
 * {@code limit} stories (1-100) numbered from 0;
 * {@code group} (default true) lists one entry per event, a cluster under its newest matching story. {@link #parse} throws {@link IllegalArgumentException} with the
 * message the client gets in its 400.
 */
record SearchQuery(String q, String topic, String entity, String source, int page, int limit, boolean group) {

    static final Set<String> PARAMS = Set.of("q", "topic", "entity", "source", "page", "limit", "group", "access_token");
    static final int MAX_LIMIT = 100;
    static final int MAX_PAGE = 10_000;

    /** One page of results, newest first; {@code total} counts every match. */
    record Page(String scope, int page, int limit, long total, List<ObjectNode> stories) {
        boolean more() {
            return (long) (page + 1) * limit < total;
        }
    }

    static SearchQuery parse(Fields params) {
        for (String name : params.getNames()) {
            if (!PARAMS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; known: q, topic, entity, source, page, limit, group");
            }
        }
        String topic = blankIsNull(params.getValue("topic"));
        if (topic != null && !topic.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("topic must be a taxonomy slug such as missile-defense, got '" + topic + "'");
        }
        String entity = blankIsNull(params.getValue("entity"));
        if (entity != null && !entity.matches("[a-z0-9]+:[^\\s]+")) {
            throw new IllegalArgumentException("entity must be a canonical id such as person:sergei-shoigu or loc:iso3166:JP, got '" + entity + "'");
        }
        String group = blankIsNull(params.getValue("group"));
        if (group != null && !group.equals("true") && !group.equals("false")) {
            throw new IllegalArgumentException("group must be true or false, got '" + group + "'");
        }
        return new SearchQuery(blankIsNull(params.getValue("q")), topic, entity, blankIsNull(params.getValue("source")),
                integer(params, "page", 0, 0, MAX_PAGE), integer(params, "limit", 20, 1, MAX_LIMIT), !"false".equals(group));
    }

    private static String blankIsNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int integer(Fields params, String name, int dflt, int min, int max) {
        String v = params.getValue(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + max + ", got '" + v + "'");
    }
}

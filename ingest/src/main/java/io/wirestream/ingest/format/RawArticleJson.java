package io.wirestream.ingest.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.schemas.ParseWarning;
import io.wirestream.schemas.RawArticle;
import org.apache.avro.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A RawArticle as JSON with the schema's field names, in schema order: timestamps as ISO 8601 UTC strings, the
 * status as its symbol, nulls kept. Used by {@code ingest --dry-run} and the golden files.
 */
public final class RawArticleJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private RawArticleJson() {
    }

    public static ObjectNode toNode(RawArticle article) {
        ObjectNode node = MAPPER.createObjectNode();
        for (Schema.Field f : RawArticle.getClassSchema().getFields()) {
            Object v = article.get(f.pos());
            if (v == null) {
                node.putNull(f.name());
            } else if (v instanceof Instant t) {
                node.put(f.name(), t.toString());
            } else if (v instanceof Integer i) {
                node.put(f.name(), i);
            } else if (v instanceof Boolean b) {
                node.put(f.name(), b);
            } else if (v instanceof List<?> list) {
                ArrayNode arr = node.putArray(f.name());
                list.forEach(x -> {
                    if (x instanceof ParseWarning w) {
                        arr.addObject().put("kind", w.getKind()).put("message", w.getMessage());
                    } else {
                        arr.add(String.valueOf(x));
                    }
                });
            } else if (v instanceof Map<?, ?> map) {
                ObjectNode obj = node.putObject(f.name());
                new TreeMap<>(map).forEach((k, x) -> obj.put(String.valueOf(k), String.valueOf(x)));
            } else {
                node.put(f.name(), v.toString());
            }
        }
        return node;
    }

    /** One compact line. */
    public static String toLine(RawArticle article) {
        try {
            return MAPPER.writeValueAsString(toNode(article));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Indented, for golden files. */
    public static String toPrettyJson(List<RawArticle> articles) {
        ArrayNode arr = PRETTY.createArrayNode();
        articles.forEach(a -> arr.add(toNode(a)));
        try {
            return PRETTY.writeValueAsString(arr) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

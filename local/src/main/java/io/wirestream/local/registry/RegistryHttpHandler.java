package io.wirestream.local.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.http.RequestBody;
import io.wirestream.http.Responses;
import io.wirestream.http.WorkPool;
import io.wirestream.schemas.registry.CompatibilityLevel;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Confluent Schema Registry REST API (the part Avro clients use) over a {@link SchemaStore}.
 *
 * <pre>
 * GET    /                                          {}
 * GET    /schemas/types                             ["AVRO"]
 * GET    /schemas/ids/{id}                          {"schema": "..."}
 * GET    /schemas/ids/{id}/versions                 [{"subject": "s", "version": 1}]
 * GET    /schemas/ids/{id}/subjects                 ["s"]
 * GET    /subjects[?deleted=true]                   ["s"]
 * GET    /subjects/{s}/versions[?deleted=true]      [1, 2]
 * GET    /subjects/{s}/versions/{v|latest}          {"subject","version","id","schema"}
 * GET    /subjects/{s}/versions/{v|latest}/schema   the schema itself
 * GET    /subjects/{s}/versions/{v}/referencedby    []
 * POST   /subjects/{s}/versions                     {"schema": "..."} -> {"id": 1}
 * POST   /subjects/{s}                              {"schema": "..."} -> {"subject","version","id","schema"}
 * DELETE /subjects/{s}[?permanent=true]             [1, 2]
 * DELETE /subjects/{s}/versions/{v}[?permanent=true] 1
 * POST   /compatibility/subjects/{s}/versions[/{v|latest}][?verbose=true] {"is_compatible": true}
 * GET    /config                                    {"compatibilityLevel": "BACKWARD"}
 * PUT    /config                                    {"compatibility": "FULL"} -> {"compatibility": "FULL"}
 * GET    /config/{s}[?defaultToGlobal=true]         {"compatibilityLevel": ...} (40408 when the subject has none)
 * PUT    /config/{s}, DELETE /config/{s}
 * GET    /mode                                      {"mode": "READWRITE"}
 * </pre>
 *
 * The body is read whole first (no thread held while it arrives; 413 past {@code maxRequestBytes} as soon as that is
 * known, 400 / 408 "Request body incomplete" when it is cut off or late); the call then runs on the server's
 * {@link WorkPool}, and a full pool is a 503 with Retry-After.
 */
final class RegistryHttpHandler extends Handler.Abstract {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int RETRY_AFTER_SECONDS = 1;

    private final SchemaStore store;
    private final int maxRequestBytes;
    private final Duration bodyTimeout;
    private volatile WorkPool work;

    RegistryHttpHandler(SchemaStore store, int maxRequestBytes, Duration bodyTimeout) {
        this.store = store;
        this.maxRequestBytes = maxRequestBytes;
        this.bodyTimeout = bodyTimeout;
    }

    /** The pool the calls run on (the server's, known once it is bound). */
    void workOn(WorkPool work) {
        this.work = work;
    }

    /** A parsed request: method, decoded path segments, query parameters, raw body. */
    private record Request(String method, List<String> path, Map<String, String> query, byte[] body) {
        String segment(int i) {
            return path.get(i);
        }

        boolean flag(String name) {
            return "true".equalsIgnoreCase(query.get(name));
        }
    }

    @Override
    public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
        RequestBody.read(request, maxRequestBytes, bodyTimeout, body -> {
            if (body instanceof RequestBody.Complete complete) {
                if (!work.offer(() -> answer(request, response, callback, complete.bytes()))) {
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
                    send(request, response, callback, 503, error(50301, "Registry busy; retry in " + RETRY_AFTER_SECONDS + " s"));
                }
            } else if (body instanceof RequestBody.TooLarge) {
                send(request, response, callback, 413, error(413, tooLarge().getMessage()));
            } else if (body instanceof RequestBody.Incomplete incomplete) {
                send(request, response, callback, 400, error(400, "Request body incomplete: the connection closed after "
                        + incomplete.received() + " bytes"));
            } else {
                RequestBody.TimedOut late = (RequestBody.TimedOut) body;
                send(request, response, callback, 408, error(408, "Request body incomplete: not received within "
                        + late.deadline().toSeconds() + " s (" + late.received() + " bytes)"));
            }
        });
        return true;
    }

    /** On a worker: route the call and answer. */
    private void answer(org.eclipse.jetty.server.Request request, Response response, Callback callback, byte[] bytes) {
        Object answer;
        int status = 200;
        String method = request.getMethod();
        try {
            answer = route(parse(request, bytes));
        } catch (RegistryException e) {
            status = e.httpStatus();
            answer = error(e.errorCode(), e.getMessage());
            if (status >= 500) {
                log.warn("Registry error {} for {} {}: {}", e.errorCode(), method, request.getHttpURI(), e.getMessage(), e.getCause());
            }
        } catch (RuntimeException e) {
            status = 500;
            answer = error(50001, "Error in the backend data store: " + e);
            log.warn("Registry failure for {} {}", method, request.getHttpURI(), e);
        }
        send(request, response, callback, status, answer);
    }

    private static void send(org.eclipse.jetty.server.Request request, Response response, Callback callback, int status, Object answer) {
        byte[] body;
        try {
            body = answer instanceof RawJson raw ? raw.json().getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Responses.send(request, response, callback, status, MEDIA_TYPE, body);
    }

    /** A JSON document sent as is (a stored schema). */
    private record RawJson(String json) { }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    // ------------------------------------------------------------------------------------------- routing

    private Object route(Request r) {
        List<String> p = r.path();
        String m = r.method();
        if (p.isEmpty()) {
            return requireMethod(m, "GET", JSON.createObjectNode());
        }
        switch (p.get(0)) {
            case "schemas":
                return schemas(r);
            case "subjects":
                return subjects(r);
            case "compatibility":
                return compatibility(r);
            case "config":
                return config(r);
            case "mode":
                if (p.size() <= 2) {
                    return requireMethod(m, "GET", JSON.createObjectNode().put("mode", "READWRITE"));
                }
                break;
            default:
                break;
        }
        throw notFound();
    }

    private Object schemas(Request r) {
        List<String> p = r.path();
        if (p.size() == 2 && p.get(1).equals("types")) {
            return requireMethod(r.method(), "GET", JSON.createArrayNode().add("AVRO"));
        }
        if (p.size() >= 3 && p.get(1).equals("ids")) {
            requireMethod(r.method(), "GET", null);
            int id = parseId(p.get(2));
            if (p.size() == 3) {
                String schema = store.schemaById(id).orElseThrow(() -> RegistryException.schemaIdNotFound(id));
                return JSON.createObjectNode().put("schema", schema);
            }
            if (p.size() == 4 && (p.get(3).equals("versions") || p.get(3).equals("subjects"))) {
                store.schemaById(id).orElseThrow(() -> RegistryException.schemaIdNotFound(id));
                ArrayNode result = JSON.createArrayNode();
                for (SchemaStore.Entry e : store.usagesOf(id)) {
                    if (p.get(3).equals("versions")) {
                        result.add(JSON.createObjectNode().put("subject", e.subject()).put("version", e.version()));
                    } else if (!contains(result, e.subject())) {
                        result.add(e.subject());
                    }
                }
                return result;
            }
        }
        throw notFound();
    }

    private Object subjects(Request r) {
        List<String> p = r.path();
        String m = r.method();
        if (p.size() == 1) {
            requireMethod(m, "GET", null);
            ArrayNode result = JSON.createArrayNode();
            store.subjects(r.flag("deleted")).forEach(result::add);
            return result;
        }
        String subject = p.get(1);
        if (p.size() == 2) {
            if (m.equals("POST")) {
                SchemaStore.Entry e = store.lookup(subject, schemaOf(r));
                return versionJson(e);
            }
            if (m.equals("DELETE")) {
                ArrayNode result = JSON.createArrayNode();
                store.deleteSubject(subject, r.flag("permanent")).forEach(result::add);
                return result;
            }
            throw methodNotAllowed();
        }
        if (!p.get(2).equals("versions")) {
            throw notFound();
        }
        if (p.size() == 3) {
            if (m.equals("POST")) {
                int id = store.register(subject, schemaOf(r));
                return JSON.createObjectNode().put("id", id);
            }
            requireMethod(m, "GET", null);
            ArrayNode result = JSON.createArrayNode();
            store.versions(subject, r.flag("deleted")).forEach(result::add);
            return result;
        }
        int version = parseVersion(p.get(3));
        if (p.size() == 4) {
            if (m.equals("DELETE")) {
                return JSON.getNodeFactory().numberNode(store.deleteVersion(subject, version, r.flag("permanent")));
            }
            requireMethod(m, "GET", null);
            return versionJson(store.version(subject, version, r.flag("deleted")));
        }
        if (p.size() == 5 && p.get(4).equals("schema")) {
            requireMethod(m, "GET", null);
            return new RawJson(store.version(subject, version, r.flag("deleted")).schema());
        }
        if (p.size() == 5 && p.get(4).equals("referencedby")) {
            requireMethod(m, "GET", null);
            store.version(subject, version, true);
            return JSON.createArrayNode();
        }
        throw notFound();
    }

    private Object compatibility(Request r) {
        List<String> p = r.path();
        if (p.size() < 4 || p.size() > 5 || !p.get(1).equals("subjects") || !p.get(3).equals("versions")) {
            throw notFound();
        }
        requireMethod(r.method(), "POST", null);
        String subject = p.get(2);
        int version = p.size() == 5 ? parseVersion(p.get(4)) : -1;
        String schema = schemaOf(r);
        // "latest" (-1) checks per the subject's level; an unknown subject is compatible with anything
        List<String> problems = store.testCompatibility(subject, schema, version);
        ObjectNode result = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (r.flag("verbose")) {
            ArrayNode messages = result.putArray("messages");
            problems.forEach(messages::add);
        }
        return result;
    }

    private Object config(Request r) {
        List<String> p = r.path();
        String m = r.method();
        if (p.size() == 1) {
            if (m.equals("PUT")) {
                CompatibilityLevel level = levelOf(r);
                store.setLevel(null, level);
                return JSON.createObjectNode().put("compatibility", level.name());
            }
            requireMethod(m, "GET", null);
            return JSON.createObjectNode().put("compatibilityLevel", store.globalLevel().name());
        }
        if (p.size() != 2) {
            throw notFound();
        }
        String subject = p.get(1);
        switch (m) {
            case "PUT": {
                CompatibilityLevel level = levelOf(r);
                store.setLevel(subject, level);
                return JSON.createObjectNode().put("compatibility", level.name());
            }
            case "GET": {
                CompatibilityLevel level = r.flag("defaultToGlobal") ? store.effectiveLevel(subject) : store.subjectLevel(subject);
                return JSON.createObjectNode().put("compatibilityLevel", level.name());
            }
            case "DELETE":
                return JSON.createObjectNode().put("compatibilityLevel", store.deleteSubjectLevel(subject).name());
            default:
                throw methodNotAllowed();
        }
    }

    // ------------------------------------------------------------------------------------------- request parsing

    private Request parse(org.eclipse.jetty.server.Request request, byte[] body) {
        String rawPath = request.getHttpURI().getPath() == null ? "/" : request.getHttpURI().getPath();
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(percentDecode(s));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = request.getHttpURI().getQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
                query.put(name, eq < 0 ? "true" : percentDecode(pair.substring(eq + 1)));
            }
        }
        return new Request(request.getMethod().toUpperCase(java.util.Locale.ROOT), segments, query, body);
    }

    private RegistryException tooLarge() {
        return new RegistryException(413, 413, "Request body larger than " + maxRequestBytes + " bytes");
    }

    private static JsonNode jsonBody(Request r) {
        if (r.body().length == 0) {
            throw RegistryException.badRequest("Request body is empty; expected a JSON object");
        }
        try {
            JsonNode node = JSON.readTree(r.body());
            if (node == null || !node.isObject()) {
                throw RegistryException.badRequest("Request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw RegistryException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RegistryException.badRequest("Unreadable request body: " + e.getMessage());
        }
    }

    /** The "schema" of a register / lookup / compatibility body; only Avro without references is served. */
    private static String schemaOf(Request r) {
        JsonNode body = jsonBody(r);
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw RegistryException.invalidSchema("Invalid schema type " + type.asText() + "; this registry serves AVRO only");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("Schema references are not supported by this registry");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryException.invalidSchema("Invalid schema: the body has no \"schema\" string");
        }
        return schema.asText();
    }

    private static CompatibilityLevel levelOf(Request r) {
        JsonNode body = jsonBody(r);
        JsonNode level = body.get("compatibility");
        if (level == null) {
            level = body.get("compatibilityLevel");
        }
        return Compatibility.parse(level == null || !level.isTextual() ? null : level.asText());
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw notFound();
        }
    }

    /** A version path segment: a positive int, or "latest" / -1 (answered as -1). */
    private static int parseVersion(String text) {
        if (text.equalsIgnoreCase("latest")) {
            return -1;
        }
        try {
            int v = Integer.parseInt(text);
            if (v == -1 || v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw RegistryException.invalidVersion(text);
    }

    private static ObjectNode versionJson(SchemaStore.Entry e) {
        return JSON.createObjectNode().put("subject", e.subject()).put("version", e.version()).put("id", e.id())
                .put("schema", e.schema());
    }

    private static Object requireMethod(String method, String expected, Object answer) {
        if (!method.equals(expected)) {
            throw methodNotAllowed();
        }
        return answer;
    }

    private static boolean contains(ArrayNode array, String text) {
        for (JsonNode n : array) {
            if (n.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static RegistryException notFound() {
        return new RegistryException(404, 404, "HTTP 404 Not Found");
    }

    private static RegistryException methodNotAllowed() {
        return new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
    }

    /** Percent-decoding of one URI component ('+' stays '+', as in a path). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 3;
                    continue;
                }
            }
            int codePoint = s.codePointAt(i);
            byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            i += Character.charCount(codePoint);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

package io.wirestream.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over HTTP
 * ({@code application/vnd.schemaregistry.v1+json}).
 *
 * <p>Errors of the form {@code {"error_code": 40401, "message": "..."}} become typed exceptions. Schemas by id,
 * ids by (subject, schema) and fixed subject versions are cached (they never change in a registry). Connection
 * failures and 5xx answers (and 408 / 429) are retried with exponential backoff, up to
 * {@link Builder#maxAttempts(int)} attempts in all, moving on to the next URL when several are given
 * (comma-separated); then a {@link RegistryUnavailableException} says what was tried. 4xx answers are never retried.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    /** The registry's media type, sent as Content-Type and Accept. */
    public static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> baseUrls;
    private final HttpClient http;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration requestTimeout;
    private final String authorization;
    private final AtomicInteger nextUrl = new AtomicInteger();

    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<SubjectVersion, SchemaVersion> versionCache = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) { }

    private record SubjectVersion(String subject, int version) { }

    /** A client with default settings for one or more comma-separated base URLs ({@code http://host:8081}). */
    public HttpSchemaRegistryClient(String baseUrls) {
        this(builder(baseUrls));
    }

    private HttpSchemaRegistryClient(Builder b) {
        this.baseUrls = b.baseUrls;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.requestTimeout = b.requestTimeout;
        this.authorization = b.authorization;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NORMAL);
        if (b.sslContext != null) {
            http.sslContext(b.sslContext);
        }
        this.http = b.httpClient != null ? b.httpClient : http.build();
    }

    public static Builder builder(String baseUrls) {
        return new Builder(baseUrls);
    }

    /** The base URLs this client talks to, in order. */
    public List<String> baseUrls() {
        return baseUrls;
    }

    // ---------------------------------------------------------------------------------------------- API

    @Override
    public int register(String subject, Schema schema) {
        return schemaId("register", "/versions", subject, schema);
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("get schema by id " + id, "GET", "/schemas/ids/" + id, null);
        return cacheSchema(id, parseSchema(answer, "schema id " + id));
    }

    @Override
    public SchemaVersion getLatest(String subject) {
        requireSubject(subject);
        JsonNode answer = send("get latest version of subject '" + subject + "'", "GET",
                "/subjects/" + encode(subject) + "/versions/latest", null);
        SchemaVersion version = toSchemaVersion(subject, answer);
        versionCache.putIfAbsent(new SubjectVersion(subject, version.version()), version);
        return version;
    }

    @Override
    public SchemaVersion getVersion(String subject, int version) {
        requireSubject(subject);
        SubjectVersion key = new SubjectVersion(subject, version);
        SchemaVersion cached = versionCache.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("get version " + version + " of subject '" + subject + "'", "GET",
                "/subjects/" + encode(subject) + "/versions/" + version, null);
        SchemaVersion result = toSchemaVersion(subject, answer);
        if (version > 0) {
            versionCache.put(key, result);
        }
        return result;
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        return schemaId("look up", "", subject, schema);
    }

    /**
     * The id of {@code schema} under {@code subject}: registered ({@code POST /subjects/s/versions}) or looked up
     * ({@code POST /subjects/s}), cached either way (a lookup after a register of the same schema asks nothing).
     */
    private int schemaId(String verb, String pathSuffix, String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String what = verb + " schema under subject '" + subject + "'";
        JsonNode answer = send(what, "POST", "/subjects/" + encode(subject) + pathSuffix, schemaBody(schema));
        int id = requireInt(answer, "id", what);
        idBySubjectSchema.put(key, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("list subjects", "GET", "/subjects", null);
        List<String> result = new ArrayList<>();
        requireArray(answer, "list subjects").forEach(n -> result.add(n.asText()));
        return result;
    }

    @Override
    public List<Integer> versions(String subject) {
        requireSubject(subject);
        JsonNode answer = send("list versions of subject '" + subject + "'", "GET",
                "/subjects/" + encode(subject) + "/versions", null);
        List<Integer> result = new ArrayList<>();
        requireArray(answer, "list versions of subject '" + subject + "'").forEach(n -> result.add(n.asInt()));
        return result;
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        JsonNode answer = send("test compatibility with subject '" + subject + "'", "POST",
                "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        JsonNode flag = answer.get("is_compatible");
        if (flag == null || !flag.isBoolean()) {
            throw malformed("test compatibility with subject '" + subject + "'", "no boolean 'is_compatible'", answer);
        }
        return flag.asBoolean();
    }

    @Override
    public String getCompatibility(String subjectOrNull) {
        if (subjectOrNull != null) {
            try {
                JsonNode answer = send("get compatibility of subject '" + subjectOrNull + "'", "GET",
                        "/config/" + encode(subjectOrNull), null);
                return compatibilityLevel(answer, "get compatibility of subject '" + subjectOrNull + "'");
            } catch (SchemaRegistryException e) {
                // 40401 (older registries) or 40408 (newer): the subject has no level of its own, the global one applies
                if (e.httpStatus() != 404) {
                    throw e;
                }
            }
        }
        JsonNode answer = send("get global compatibility", "GET", "/config", null);
        return compatibilityLevel(answer, "get global compatibility");
    }

    @Override
    public void setCompatibility(String subjectOrNull, String level) {
        Objects.requireNonNull(level, "level");
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        String what = subjectOrNull == null ? "set global compatibility to " + level
                : "set compatibility of subject '" + subjectOrNull + "' to " + level;
        send(what, "PUT", subjectOrNull == null ? "/config" : "/config/" + encode(subjectOrNull), body);
    }

    @Override
    public void close() {
        schemaById.clear();
        idBySubjectSchema.clear();
        versionCache.clear();
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private JsonNode send(String what, String method, String path, JsonNode body) {
        String payload = body == null ? null : body.toString();
        int start = Math.floorMod(nextUrl.get(), baseUrls.size());
        RuntimeException lastProblem = null;
        String lastDescription = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String base = baseUrls.get((start + attempt - 1) % baseUrls.size());
            URI uri = URI.create(base + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", MEDIA_TYPE);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (payload != null) {
                request.header("Content-Type", MEDIA_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                nextUrl.incrementAndGet();
                lastDescription = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + " (" + method + " " + uri + ")";
                lastProblem = new RegistryUnavailableException("Schema registry unavailable: could not " + what
                        + " after " + attempt + " attempt(s); last error: " + lastDescription, -1, -1, e);
                if (attempt < maxAttempts) {
                    backoff(attempt, what, lastDescription);
                    continue;
                }
                throw lastProblem;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("Interrupted while trying to " + what + " (" + method + " " + uri + ")",
                        -1, -1, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parseJson(response.body(), what, uri);
            }
            SchemaRegistryException error = mapError(status, response.body(), what, method + " " + uri);
            if (isTransient(status) && attempt < maxAttempts) {
                lastDescription = "HTTP " + status + " (" + method + " " + uri + ")";
                backoff(attempt, what, lastDescription);
                continue;
            }
            if (isTransient(status) && !(error instanceof RegistryUnavailableException)) {
                throw new RegistryUnavailableException(error.getMessage(), error.httpStatus(), error.errorCode(), error);
            }
            throw error;
        }
        throw lastProblem != null ? lastProblem
                : new RegistryUnavailableException("Schema registry unavailable: could not " + what, -1, -1);
    }

    private static boolean isTransient(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private void backoff(int attempt, String what, String problem) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long delay = Math.min(base, maxBackoff.toMillis());
        delay += delay == 0 ? 0 : ThreadLocalRandom.current().nextLong(delay / 5 + 1);
        LOG.warn("Schema registry: could not {} ({}), attempt {}/{}; retrying in {} ms", what, problem, attempt, maxAttempts, delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while retrying to " + what, -1, -1, e);
        }
    }

    /**
     * Maps an error answer of the registry to a typed exception whose message says what was attempted and what
     * the registry said.
     */
    static SchemaRegistryException mapError(int status, String body, String what, String request) {
        int errorCode = status;
        String registryMessage = null;
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                if (node.hasNonNull("error_code") && node.get("error_code").canConvertToInt()) {
                    errorCode = node.get("error_code").asInt();
                }
                if (node.hasNonNull("message")) {
                    registryMessage = node.get("message").asText();
                }
            }
        } catch (IOException notJson) {
            // keep the raw body below
        }
        if (registryMessage == null) {
            registryMessage = body == null || body.isBlank() ? "(empty body)" : abbreviate(body.strip(), 300);
        }
        String message = "Could not " + what + ": " + registryMessage
                + " (HTTP " + status + ", error code " + errorCode + ", " + request + ")";
        switch (errorCode) {
            case 40401:
                return new SubjectNotFoundException(message, status, errorCode);
            case 40402:
                return new VersionNotFoundException(message, status, errorCode);
            case 40403:
                return new SchemaNotFoundException(message, status, errorCode);
            case 409:
            case 40901:
                return new IncompatibleSchemaException(message, status, errorCode);
            case 42201:
                return new InvalidSchemaException(message, status, errorCode);
            case 42202:
                return new InvalidVersionException(message, status, errorCode);
            case 42203:
                return new InvalidCompatibilityLevelException(message, status, errorCode);
            default:
                break;
        }
        if (status == 409) {
            return new IncompatibleSchemaException(message, status, errorCode);
        }
        if (status == 401 || status == 403) {
            return new SchemaRegistryException(message + (status == 401
                    ? "; the registry wants credentials: basic.auth.credentials.source=USER_INFO with basic.auth.user.info,"
                        + " or bearer.auth.token (in the --command-config file)"
                    : "; the registry refused these credentials this request"), status, errorCode);
        }
        if (status >= 500 || (errorCode >= 50000 && errorCode < 60000)) {
            return new RegistryUnavailableException(message, status, errorCode);
        }
        return new SchemaRegistryException(message, status, errorCode);
    }

    private static JsonNode parseJson(String body, String what, URI uri) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || node.isMissingNode()) {
                throw new SchemaRegistryException("Could not " + what + ": empty answer from " + uri, 200, -1);
            }
            return node;
        } catch (IOException e) {
            throw new SchemaRegistryException("Could not " + what + ": answer from " + uri + " is not JSON: "
                    + abbreviate(body, 200), 200, -1, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- JSON

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private SchemaVersion toSchemaVersion(String subject, JsonNode answer) {
        String what = "read version of subject '" + subject + "'";
        int version = requireInt(answer, "version", what);
        int id = requireInt(answer, "id", what);
        String answeredSubject = answer.hasNonNull("subject") ? answer.get("subject").asText() : subject;
        Schema schema = schemaById.get(id);
        if (schema == null) {
            schema = cacheSchema(id, parseSchema(answer, "subject '" + subject + "' version " + version + " (id " + id + ")"));
        }
        return new SchemaVersion(answeredSubject, version, id, schema);
    }

    /** Caches {@code schema} as schema {@code id}; answers the one cached first when two threads race. */
    private Schema cacheSchema(int id, Schema schema) {
        Schema raced = schemaById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    private static Schema parseSchema(JsonNode answer, String what) {
        JsonNode type = answer.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw new InvalidSchemaException("The registry's schema for " + what + " is of type " + type.asText()
                    + "; only AVRO is supported", 200, 42201);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw malformed("read " + what, "no 'schema' string", answer);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new InvalidSchemaException("The registry's schema for " + what + " is not valid Avro: " + e.getMessage(),
                    200, 42201, e);
        }
    }

    private static String compatibilityLevel(JsonNode answer, String what) {
        // GET /config answers {"compatibilityLevel": ...}; PUT answers {"compatibility": ...}
        JsonNode level = answer.hasNonNull("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw malformed(what, "no 'compatibilityLevel'", answer);
        }
        return level.asText();
    }

    private static int requireInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw malformed(what, "no integer '" + field + "'", answer);
        }
        return value.asInt();
    }

    private static JsonNode requireArray(JsonNode answer, String what) {
        if (!answer.isArray()) {
            throw malformed(what, "expected a JSON array", answer);
        }
        return answer;
    }

    private static SchemaRegistryException malformed(String what, String problem, JsonNode answer) {
        return new SchemaRegistryException("Could not " + what + ": unexpected answer from the registry (" + problem + "): "
                + abbreviate(answer.toString(), 300), 200, -1);
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("subject must not be null or empty");
        }
    }

    /** Percent-encodes one path segment (a subject name may hold any character). */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "null";
        }
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    // ---------------------------------------------------------------------------------------------- builder

    /** Settings of an {@link HttpSchemaRegistryClient}. */
    public static final class Builder {
        private final List<String> baseUrls;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private HttpClient httpClient;
        private String authorization;
        private javax.net.ssl.SSLContext sslContext;

        private Builder(String baseUrls) {
            Objects.requireNonNull(baseUrls, "baseUrls");
            List<String> urls = new ArrayList<>();
            for (String url : Arrays.asList(baseUrls.split(","))) {
                String u = url.strip();
                while (u.endsWith("/")) {
                    u = u.substring(0, u.length() - 1);
                }
                if (u.isEmpty()) {
                    continue;
                }
                // user info (https://user:secret@host) is a credential: it goes in a header
                // (basic.auth.credentials.source=URL, Confluent's default), never into request URIs or messages
                if (authorization == null) {
                    authorization = RegistryClientSecurity.from(java.util.Map.of(), u).authorization();
                }
                u = RegistryClientSecurity.redact(u);
                if (!u.startsWith("http://") && !u.startsWith("https://")) {
                    throw new IllegalArgumentException("Schema registry URL must start with http:// or https://: '" + url.strip() + "'");
                }
                URI.create(u);
                urls.add(u);
            }
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("No schema registry URL given");
            }
            this.baseUrls = List.copyOf(urls);
        }

        /** Attempts per request in all (1 = no retry); default 4. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Wait before the first retry, doubled on each further one; default 100 ms. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = requireNonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /** Upper bound of the wait between retries; default 2 s. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = requireNonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** Timeout of one HTTP request; default 30 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requireNonNegative(requestTimeout, "requestTimeout");
            return this;
        }

        /** Connect timeout of the HTTP client; default 10 s (ignored when {@link #httpClient} is given). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requireNonNegative(connectTimeout, "connectTimeout");
            return this;
        }

        /** Sends this {@code Authorization} header value with every request (null: none). */
        public Builder authorization(String authorization) {
            this.authorization = authorization;
            return this;
        }

        /** TLS context of the HTTP client for https registries (null: the JVM default; ignored when {@link #httpClient} is given). */
        public Builder sslContext(javax.net.ssl.SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Uses this HTTP client instead of a new one. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public HttpSchemaRegistryClient build() {
            return new HttpSchemaRegistryClient(this);
        }

        private static Duration requireNonNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be >= 0, was " + d);
            }
            return d;
        }
    }
}

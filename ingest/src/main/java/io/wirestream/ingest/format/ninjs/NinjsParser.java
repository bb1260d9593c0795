package io.wirestream.ingest.format.ninjs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.HtmlText;
import io.wirestream.ingest.format.ParseResult;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TextDecoder;
import io.wirestream.ingest.format.TimestampReader;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ninjs 1.x and 2.x (IPTC's JSON news format), one object or an array of objects. Story id = {@code uri}; version =
 * {@code version} (a string in ninjs; a non-numeric one is kept as an attribute and gives 1); {@code pubstatus},
 * {@code versioncreated}, {@code embargoed}, {@code urgency}, {@code language}, {@code slugline}, {@code located}.
 * 1.x: {@code headline}, {@code byline}, {@code body_text} / {@code body_html}, {@code subject[]} ({@code code},
 * {@code scheme}). 2.x: {@code headlines[]} (role main first), {@code by}, {@code bodies[]} (text/plain preferred),
 * {@code subjects[]} ({@code uri}). The attribute {@code ninjsVersion} says which one it looked like.
 */
public final class NinjsParser implements WireFormatParser {

    public static final String NAME = "ninjs";
    // one document is one JSON value: anything after it makes the file malformed, not silently ignored
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(200).maxStringLength(20_000_000).maxNumberLength(100).build());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i >= head.length || (head[i] != '{' && head[i] != '[')) {
            return 0;
        }
        String s = new String(head, i, head.length - i, StandardCharsets.ISO_8859_1);
        if (s.contains("ninjs") || s.contains("\"uri\"") || s.contains("\"body_text\"") || s.contains("\"headlines\"")
                || s.contains("\"versioncreated\"") || s.contains("\"versionCreated\"") || s.contains("\"guid\"")) {
            return 85;
        }
        return 30;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        Charset charset = ctx.declaredCharset() != null ? ctx.declaredCharset() : StandardCharsets.UTF_8;
        String json = TextDecoder.decode(bytes, charset, NAME);
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String reason = reason(e);
            if (loc != null && loc.getLineNr() > 0) {
                throw new ParseException(NAME, "invalid JSON: " + reason, loc.getLineNr(), Math.max(1, loc.getColumnNr()),
                        loc.getCharOffset(), null, e);
            }
            throw ParseException.atOffset(NAME, "invalid JSON: " + reason, 0);
        }
        if (root == null || root.isMissingNode()) {
            throw ParseException.atOffset(NAME, "no JSON value", 0);
        }
        String prefix = "";
        String envelope = null;
        if (root.isObject() && root.path("data").isObject() && !root.has("uri") && !root.has("guid")) {
            // AP Media API: {"api_version": .., "data": {"item": {..}}} or a feed {"data": {"items": [{"item": {..}}]}}
            JsonNode data = root.get("data");
            if (data.path("item").isObject()) {
                envelope = "AP API envelope (api_version " + root.path("api_version").asText("?") + ")";
                root = data.get("item");
                prefix = "/data/item";
            } else if (data.path("items").isArray()) {
                envelope = "AP API feed envelope (api_version " + root.path("api_version").asText("?") + ")";
                com.fasterxml.jackson.databind.node.ArrayNode unwrapped = MAPPER.createArrayNode();
                for (JsonNode e : data.get("items")) {
                    unwrapped.add(e.path("item").isObject() ? e.get("item") : e);
                }
                root = unwrapped;
                prefix = "/data/items";
            }
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw ParseException.atPath(NAME, "empty array: no ninjs item", prefix.isEmpty() ? "/" : prefix);
            }
            JsonNode array = root;
            String arrayPath = prefix;
            String unwrappedFrom = envelope;
            return ParseResult.ofStories(NAME, root.size(), 0, i -> {
                String at = arrayPath + "/" + i + (arrayPath.equals("/data/items") && array.get(i) != null ? "/item" : "");
                ArticleDraft d = item(array.get(i), at);
                if (unwrappedFrom != null) {
                    d.warn("api-envelope", "item unwrapped from an " + unwrappedFrom);
                }
                return d.build(ctx);
            }).articlesWithRejectionWarnings();
        }
        ArticleDraft d = item(root, prefix);
        if (envelope != null) {
            d.warn("api-envelope", "item unwrapped from an " + envelope);
        }
        return List.of(d.build(ctx));
    }

    private ArticleDraft item(JsonNode n, String at) throws ParseException {
        if (n == null || !n.isObject()) {
            throw ParseException.atPath(NAME, "a ninjs item must be a JSON object", at.isEmpty() ? "/" : at);
        }
        ArticleDraft d = new ArticleDraft(NAME);
        boolean v3 = n.has("versionCreated") || n.has("pubStatus") || n.has("altIds") || n.has("copyrightHolder")
                || n.has("firstCreated") || n.has("contentCreated") || n.has("representationType");
        boolean v2 = !v3 && (n.has("headlines") || n.has("bodies") || n.has("subjects") || n.has("by")
                || str(n, "$schema", at).map(s -> s.contains("_2") || s.contains("/2.")).orElse(false));
        d.attribute("ninjsVersion", v3 ? "3" : v2 ? "2" : "1");
        String uri = str(n, "uri", at).orElse(null);
        if (uri == null) {
            String guid = str(n, "guid", at).orElse(null);
            if (guid == null) {
                throw ParseException.atPath(NAME, "missing uri (the story id) and no guid to use instead", at + "/uri");
            }
            uri = guid;
            d.warn("id-from-guid", "no uri: the story id is the guid (Superdesk publisher ninjs)");
        }
        d.storyId = uri;
        JsonNode version = n.get("version");
        if (version != null && !version.isNull()) {
            String v = version.isValueNode() ? version.asText().strip() : version.toString();
            int parsed;
            try {
                parsed = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                parsed = -1;
            }
            if (parsed >= 1) {
                d.version = parsed;
            } else {
                d.attribute("ninjsVersionString", v.length() > 64 ? v.substring(0, 64) : v);
                d.warn("version-not-positive", "version '" + (v.length() > 64 ? v.substring(0, 64) + "\u2026" : v)
                        + "' is not a positive integer: read as 1");
            }
        }
        d.attribute("type", str(n, "type", at).orElse(null));
        String status = str(n, at, "pubstatus", "pubStatus").orElse("usable").toLowerCase(Locale.ROOT);
        d.pubStatus = switch (status) {
            case "usable" -> PubStatus.USABLE;
            case "withheld" -> PubStatus.WITHHELD;
            case "canceled", "cancelled" -> PubStatus.CANCELED;
            default -> {
                d.warn("unknown-pub-status", "pubstatus '" + status + "' is none of usable, withheld, canceled: read as usable");
                yield PubStatus.USABLE;
            }
        };
        d.versionCreated = time(d, n, at, "versioncreated", "versionCreated");
        d.embargoed = time(d, n, at, "embargoed", "embargoed");
        d.attribute("firstcreated", str(n, at, "firstcreated", "firstCreated").orElse(null));
        JsonNode urgency = n.get("urgency");
        if (urgency != null && !urgency.isNull()) {
            if (urgency.isIntegralNumber() && urgency.canConvertToInt()) {
                d.urgency = urgency.asInt();
            } else if (urgency.isTextual() && urgency.asText().strip().matches("\\d{1,2}")) {
                d.urgency = Integer.parseInt(urgency.asText().strip());
            } else {
                d.warn("bad-urgency", "urgency is not an integer: ignored");
            }
        }
        d.language = str(n, "language", at).orElse(null);
        d.slugline = str(n, "slugline", at).orElse(null);
        d.dateline = str(n, "located", at).orElse(null);
        d.editorialNote = str(n, "ednote", at).orElse(null);
        d.source = str(n, at, "copyrightholder", "copyrightHolder").orElse(null);
        for (String infoField : new String[] {"infosources", "infosource", "infoSources"}) {
            JsonNode infosources = n.get(infoField);
            if (d.source == null && infosources != null && infosources.isArray() && !infosources.isEmpty()) {
                JsonNode first = infosources.get(0);
                if (first.isObject() && first.hasNonNull("name") && first.get("name").isValueNode()) {
                    d.source = first.get("name").asText();
                }
            }
        }
        if (d.source == null) {
            d.source = str(n, "provider", at).orElse(str(n, "source", at).orElse(null));
        }
        // agency extensions kept as attributes (TT: job, webprio, originaltransmissionreference, slug; Superdesk: priority)
        for (String ext : new String[] {"job", "webprio", "originaltransmissionreference", "slug", "priority", "profile",
                "editorialpriority", "description_summary", "headline_extended", "expires"}) {
            JsonNode v = n.get(ext);
            if (v != null && v.isValueNode()) {
                d.attribute(ext, v.asText());
            }
        }
        altIds(d, n.has("altIds") ? n.get("altIds") : n.get("altids"));

        d.headline = str(n, "headline", at).orElse(null);
        JsonNode headlines = array(n, "headlines", at);
        if (headlines != null) {
            for (int i = 0; i < headlines.size(); i++) {
                JsonNode h = headlines.get(i);
                String value = str(h, "value", at + "/headlines/" + i).orElse(null);
                String role = str(h, "role", at + "/headlines/" + i).orElse("main");
                if (value != null && (d.headline == null || role.equals("main"))) {
                    d.headline = value;
                }
            }
        }
        d.byline = str(n, "byline", at).orElse(null);
        if (n.has("by")) {
            d.byline = str(n, "by", at).orElse(d.byline);
        }
        d.byline = d.byline == null ? null : d.byline.replaceFirst("^(?i)(by|von|av|par)\\s+", "");

        String body = str(n, "body_text", at).map(HtmlText::paragraphs).orElse(null);
        for (String htmlField : new String[] {"body_html", "body_xhtml", "body_html5"}) {
            if (body == null) {
                body = str(n, htmlField, at).map(NinjsParser::htmlBody).orElse(null);
            }
        }
        JsonNode bodies = array(n, "bodies", at);
        if (body == null && bodies != null) {
            String html = null;
            for (int i = 0; i < bodies.size(); i++) {
                JsonNode b = bodies.get(i);
                String p = at + "/bodies/" + i;
                String type = str(b, p, "contenttype", "contentType").orElse("text/plain").toLowerCase(Locale.ROOT);
                String value = str(b, "value", p).orElse(null);
                if (value != null && type.startsWith("text/plain") && body == null) {
                    // TT and others put one paragraph a line
                    body = HtmlText.paragraphs(value.contains("\n\n") ? value : value.replace("\n", "\n\n"));
                } else if (value != null && html == null && type.contains("html")) {
                    html = value;
                }
            }
            if (body == null && html != null) {
                body = htmlBody(html);
            }
        }
        String captionText = str(n, "description_text", at).orElse(null);
        String descriptionText = null;
        JsonNode descriptions = array(n, "descriptions", at);
        if (descriptions != null) {
            for (int i = 0; i < descriptions.size(); i++) {
                JsonNode desc = descriptions.get(i);
                String role = str(desc, "role", at + "/descriptions/" + i).orElse("");
                String value = str(desc, "value", at + "/descriptions/" + i).orElse(null);
                if (role.contains("caption")) {
                    captionText = value != null ? value : captionText;
                } else if (descriptionText == null && value != null) {
                    descriptionText = value;
                }
            }
        }
        d.caption = captionText;
        if (body == null && descriptionText != null) {
            body = HtmlText.paragraphs(descriptionText);
            d.warn("body-from-description", "no body: the story text is the item's description");
        }
        d.body = body == null ? "" : body;
        if (d.body.isEmpty() && (n.has("renditions") || n.has("associations"))) {
            d.warn("body-by-reference", "no inline body: the text is only referenced (renditions or associations)");
        }

        JsonNode subject = array(n, "subject", at);
        if (subject != null) {
            for (int i = 0; i < subject.size(); i++) {
                JsonNode s = subject.get(i);
                String p = at + "/subject/" + i;
                String code = str(s, "code", p).orElse(null);
                String scheme = str(s, "scheme", p).orElse(null);
                if (code != null) {
                    d.subject(code.contains(":") || scheme == null || scheme.contains("/") ? code : scheme + ":" + code);
                } else {
                    d.subject(str(s, "name", p).orElse(null));
                }
            }
        }
        JsonNode subjects = array(n, "subjects", at);
        if (subjects != null) {
            for (int i = 0; i < subjects.size(); i++) {
                JsonNode s = subjects.get(i);
                String p = at + "/subjects/" + i;
                d.subject(str(s, "uri", p).orElse(str(s, "name", p).orElse(null)));
            }
        }
        if (d.body.isEmpty() && d.headline == null && d.caption == null && d.pubStatus == PubStatus.USABLE) {
            throw ParseException.atPath(NAME, "no story text: item has neither headline nor body", at.isEmpty() ? "/" : at);
        }
        if (d.body.isEmpty() && d.caption != null && !"text".equals(d.attributes.get("type"))) {
            d.body = d.caption;
            d.warn("media-item", "a " + d.attributes.getOrDefault("type", "media") + " item: the story text is its caption");
        }
        d.deriveHeadlineIfMissing(100);
        return d;
    }

    private static final Pattern HTML_HEAD = Pattern.compile("(?is)<head[\\s>].*?</head>");

    /** Text of an HTML body; a whole document's {@code <head>} (its {@code <title>} repeats the headline) is left out. */
    private static String htmlBody(String html) {
        return HtmlText.toText(HTML_HEAD.matcher(html).replaceFirst(""));
    }

    private static void altIds(ArticleDraft d, JsonNode alt) {
        if (alt == null) {
            return;
        }
        if (alt.isObject()) {
            alt.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    d.attribute("altId." + e.getKey(), e.getValue().asText());
                }
            });
        } else if (alt.isArray()) {
            for (JsonNode a : alt) {
                if (a.isObject() && a.path("value").isValueNode() && a.path("role").isValueNode()) {
                    d.attribute("altId." + a.get("role").asText(), a.get("value").asText());
                }
            }
        }
    }

    /** The first of {@code fields} present: ninjs 1.x/2.x lower-case names, then 3.x camelCase ones. */
    private static java.util.Optional<String> str(JsonNode n, String at, String... fields) throws ParseException {
        for (String f : fields) {
            java.util.Optional<String> v = str(n, f, at);
            if (v.isPresent()) {
                return v;
            }
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> str(JsonNode n, String field, String at) throws ParseException {
        if (n == null || !n.isObject()) {
            throw ParseException.atPath(NAME, "expected an object", at.isEmpty() ? "/" : at);
        }
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return java.util.Optional.empty();
        }
        if (!v.isValueNode()) {
            throw ParseException.atPath(NAME, field + " must be a string", at + "/" + field);
        }
        String s = v.asText().strip();
        return s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(s);
    }

    private static JsonNode array(JsonNode n, String field, String at) throws ParseException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ParseException.atPath(NAME, field + " must be an array", at + "/" + field);
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw ParseException.atPath(NAME, field + " entries must be objects", at + "/" + field + "/" + i);
            }
        }
        return v;
    }

    private static Instant time(ArticleDraft d, JsonNode n, String at, String... fields) throws ParseException {
        String s = str(n, at, fields).orElse(null);
        if (s == null) {
            return null;
        }
        Instant t = TimestampReader.read(s.matches(".*[+-]\\d{4}$") ? s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2) : s);
        if (t == null) {
            d.warn("bad-timestamp", fields[0] + " '" + (s.length() > 40 ? s.substring(0, 40) + "\u2026" : s)
                    + "' is not an ISO 8601 date-time: ignored");
        } else if (!s.matches(".*(Z|z|[+-]\\d{2}:?\\d{2})$")) {
            d.warn("timestamp-without-zone", fields[0] + " '" + s + "' has no time zone: read as UTC");
        }
        return t;
    }

    private static final Pattern SOURCE_LOCATION = Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    private static final Pattern SOURCE_REDACTED = Pattern.compile(
            "\\[?Source: REDACTED \\(`?StreamReadFeature\\.INCLUDE_SOURCE_IN_LOCATION`? disabled\\);?\\s*\\]?");
    private static final Pattern CONSTRAINT_GETTER = Pattern.compile(
            ",?\\s*from `?StreamReadConstraints\\.\\w+\\(\\)`?");

    /**
     * Jackson's message for people: its original message (no location suffix) without the parser internals it embeds,
     * such as {@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]}
     * (becomes {@code line 1, column 1}) or {@code from `StreamReadConstraints.getMaxNumberLength()`}. The location of
     * the error itself comes from {@link JsonProcessingException#getLocation()}.
     */
    static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = SOURCE_LOCATION.matcher(m).replaceAll("line $1, column $2");
        m = SOURCE_REDACTED.matcher(m).replaceAll("");
        m = CONSTRAINT_GETTER.matcher(m).replaceAll("");
        return m.strip();
    }
}

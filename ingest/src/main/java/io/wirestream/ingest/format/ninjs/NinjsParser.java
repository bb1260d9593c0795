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
                || s.contains("\"versioncreated\"")) {
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
        List<RawArticle> out = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw ParseException.atPath(NAME, "empty array: no ninjs item", "/");
            }
            for (int i = 0; i < root.size(); i++) {
                out.add(item(root.get(i), "/" + i, ctx));
            }
        } else {
            out.add(item(root, "", ctx));
        }
        return out;
    }

    private RawArticle item(JsonNode n, String at, ParseContext ctx) throws ParseException {
        if (!n.isObject()) {
            throw ParseException.atPath(NAME, "a ninjs item must be a JSON object", at.isEmpty() ? "/" : at);
        }
        ArticleDraft d = new ArticleDraft(NAME);
        boolean v2 = n.has("headlines") || n.has("bodies") || n.has("subjects") || n.has("by")
                || str(n, "$schema", at).map(s -> s.contains("_2") || s.contains("/2.")).orElse(false);
        d.attribute("ninjsVersion", v2 ? "2" : "1");
        d.storyId = str(n, "uri", at).orElseThrow(() -> ParseException.atPath(NAME, "missing uri (the story id)", at + "/uri"));
        JsonNode version = n.get("version");
        if (version != null && !version.isNull()) {
            if (!version.isValueNode()) {
                throw ParseException.atPath(NAME, "version must be a string or a number", at + "/version");
            }
            String v = version.asText().strip();
            try {
                d.version = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                d.attribute("ninjsVersionString", v);
            }
            if (d.version < 1) {
                throw ParseException.atPath(NAME, "version " + v + " is not positive", at + "/version");
            }
        }
        d.attribute("type", str(n, "type", at).orElse(null));
        String status = str(n, "pubstatus", at).orElse("usable").toLowerCase(Locale.ROOT);
        d.pubStatus = switch (status) {
            case "usable" -> PubStatus.USABLE;
            case "withheld" -> PubStatus.WITHHELD;
            case "canceled", "cancelled" -> PubStatus.CANCELED;
            default -> throw ParseException.atPath(NAME, "unknown pubstatus '" + status + "'", at + "/pubstatus");
        };
        d.versionCreated = time(n, "versioncreated", at);
        d.embargoed = time(n, "embargoed", at);
        d.attribute("firstcreated", str(n, "firstcreated", at).orElse(null));
        JsonNode urgency = n.get("urgency");
        if (urgency != null && !urgency.isNull()) {
            if (urgency.isIntegralNumber() && urgency.canConvertToInt()) {
                d.urgency = urgency.asInt();
            } else if (urgency.isTextual() && urgency.asText().strip().matches("\\d{1,2}")) {
                d.urgency = Integer.parseInt(urgency.asText().strip());
            } else {
                throw ParseException.atPath(NAME, "urgency must be an integer", at + "/urgency");
            }
        }
        d.language = str(n, "language", at).orElse(null);
        d.slugline = str(n, "slugline", at).orElse(null);
        d.dateline = str(n, "located", at).orElse(null);
        d.editorialNote = str(n, "ednote", at).orElse(null);
        d.source = str(n, "copyrightholder", at).orElse(null);
        JsonNode infosources = n.get("infosources");
        if (infosources != null && infosources.isArray() && !infosources.isEmpty()) {
            JsonNode first = infosources.get(0);
            if (first.isObject() && first.hasNonNull("name")) {
                d.source = first.get("name").asText();
            }
        }

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
        d.byline = d.byline == null ? null : d.byline.replaceFirst("^(?i)by\\s+", "");

        String body = str(n, "body_text", at).map(HtmlText::paragraphs).orElse(null);
        if (body == null) {
            body = str(n, "body_html", at).map(HtmlText::toText).orElse(null);
        }
        JsonNode bodies = array(n, "bodies", at);
        if (body == null && bodies != null) {
            String html = null;
            for (int i = 0; i < bodies.size(); i++) {
                JsonNode b = bodies.get(i);
                String p = at + "/bodies/" + i;
                String type = str(b, "contenttype", p).orElse("text/plain");
                String value = str(b, "value", p).orElse(null);
                if (value != null && type.startsWith("text/plain") && body == null) {
                    body = HtmlText.paragraphs(value);
                } else if (value != null && html == null) {
                    html = value;
                }
            }
            if (body == null && html != null) {
                body = HtmlText.toText(html);
            }
        }
        d.body = body == null ? "" : body;
        String captionText = str(n, "description_text", at).orElse(null);
        JsonNode descriptions = array(n, "descriptions", at);
        if (descriptions != null) {
            for (int i = 0; i < descriptions.size(); i++) {
                JsonNode desc = descriptions.get(i);
                String role = str(desc, "role", at + "/descriptions/" + i).orElse("");
                if (role.contains("caption")) {
                    captionText = str(desc, "value", at + "/descriptions/" + i).orElse(captionText);
                }
            }
        }
        d.caption = captionText;

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
        if (d.body.isEmpty() && d.headline == null && d.pubStatus == PubStatus.USABLE) {
            throw ParseException.atPath(NAME, "item has neither headline nor body", at.isEmpty() ? "/" : at);
        }
        d.deriveHeadlineIfMissing(100);
        return d.build(ctx);
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

    private static Instant time(JsonNode n, String field, String at) throws ParseException {
        String s = str(n, field, at).orElse(null);
        if (s == null) {
            return null;
        }
        Instant t = TimestampReader.read(s);
        if (t == null) {
            throw ParseException.atPath(NAME, field + " '" + s + "' is not an ISO 8601 date-time", at + "/" + field);
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

package io.wirestream.ingest.format.email;

import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.ContentHash;
import io.wirestream.ingest.format.HtmlText;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TimestampReader;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.schemas.RawArticle;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A story sent as an e-mail (RFC 5322 + MIME), as press offices and some agencies deliver copy: {@code Subject} =
 * headline, {@code Message-ID} = story id (without one, {@code email:} and a hash of the content), {@code From} =
 * byline (display name) and source (the address's domain), {@code Date} = versionCreated, {@code Content-Language}
 * = language. Body: the first inline {@code text/plain} part, else the first {@code text/html} part as text; in a
 * {@code multipart/alternative} the plain part wins. Transfer encodings quoted-printable and base64; each part's
 * charset ({@code ISO-8859-1} and {@code US-ASCII} read as Windows-1252, as mail clients do); RFC 2047 encoded-word
 * headers ({@code =?UTF-8?Q?...?=}). Attachments and further parts are ignored with a warning.
 *
 * <p>Hand-written rather than Jakarta Mail so that sizes stay bounded ({@link #MAX_HEADER_LINES}, {@link #MAX_PARTS},
 * {@link #MAX_DEPTH}), nothing but {@link ParseException} escapes, and it stays fast. Rejected only when the bytes are
 * not an e-mail (the first line is not a header field) or hold no story text (no subject and no text part).
 */
public final class EmailParser implements WireFormatParser {

    public static final String NAME = "email";
    static final int MAX_HEADER_LINES = 2000;
    static final int MAX_PARTS = 200;
    static final int MAX_DEPTH = 8;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]{1,100}");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]{1,64})\\?([QqBb])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)[ \\t\\r\\n]+(?==\\?[^?\\s]{1,64}\\?[QqBb]\\?)");
    private static final Pattern ANGLE_ADDR = Pattern.compile("^(.*?)<([^<>]*)>\\s*$", Pattern.DOTALL);
    private static final Pattern HTML_HEAD = Pattern.compile("(?is)<head[\\s>].*?</head>");
    private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");
    private static final String[] SNIFF_FIELDS = {"from:", "date:", "subject:", "message-id:", "mime-version:", "received:",
            "return-path:", "to:", "content-type:", "delivered-to:", "reply-to:", "x-mailer:"};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int start = text.startsWith("From ") ? Math.max(0, text.indexOf('\n') + 1) : 0;
        int known = 0;
        boolean fromOrSubject = false;
        int pos = start;
        boolean first = true;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            String line = text.substring(pos, nl < 0 ? text.length() : nl);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) != ' ' && line.charAt(0) != '\t') {
                int colon = line.indexOf(':');
                if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
                    if (first) {
                        return 0;
                    }
                    break;
                }
                String lower = line.toLowerCase(Locale.ROOT);
                for (String f : SNIFF_FIELDS) {
                    if (lower.startsWith(f)) {
                        known++;
                        fromOrSubject |= f.equals("from:") || f.equals("subject:");
                    }
                }
            } else if (first) {
                return 0;
            }
            first = false;
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        if (fromOrSubject && known >= 3) {
            return 80;
        }
        return fromOrSubject && known == 2 ? 40 : 0;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        ArticleDraft d = new ArticleDraft(NAME);
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        if (startsWith(bytes, start, "From ")) {
            // an mbox separator line
            int nl = indexOf(bytes, (byte) '\n', start);
            start = nl < 0 ? bytes.length : nl + 1;
        }
        Part message = part(bytes, start, bytes.length, d, true);
        Map<String, String> h = message.headers;

        d.headline = h.get("subject");
        String messageId = h.get("message-id");
        if (messageId != null) {
            messageId = messageId.strip().replaceAll("^<|>$", "").strip();
        }
        String from = h.get("from");
        if (from != null) {
            String[] nameAndAddress = address(from);
            d.byline = nameAndAddress[0] != null ? nameAndAddress[0] : nameAndAddress[1];
            String addr = nameAndAddress[1];
            if (addr != null && addr.indexOf('@') > 0) {
                d.source = addr.substring(addr.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            }
            d.attribute("from", addr);
        }
        String date = h.get("date");
        if (date != null) {
            String cleaned = COMMENT.matcher(date).replaceAll(" ").replaceAll("\\s+", " ").strip();
            Instant t = TimestampReader.read(cleaned);
            if (t == null) {
                d.warn("bad-timestamp", "Date '" + cut(date) + "' is not an RFC 5322 date: ignored");
            }
            d.versionCreated = t;
        }
        d.language = h.get("content-language") == null ? null : h.get("content-language").split(",")[0].strip();
        d.attribute("to", h.get("to"));
        d.attribute("inReplyTo", h.get("in-reply-to"));

        Body body = new Body();
        walk(bytes, message, d, body, 0);
        String text = body.plain != null ? body.plain
                : body.html != null ? HtmlText.toText(HTML_HEAD.matcher(body.html).replaceFirst("")) : "";
        if (body.plain == null && body.html != null) {
            d.warn("html-only", "no text/plain part: the body is the text of the HTML part");
        }
        d.body = HtmlText.paragraphs(text.replace("\r\n", "\n"));
        if (d.body.isEmpty() && (d.headline == null || d.headline.isBlank())) {
            throw ParseException.atOffset(NAME, "no story text: no Subject and no text part", message.bodyStart);
        }
        if (messageId == null || messageId.isEmpty()) {
            messageId = "email:" + ContentHash.of(d.headline, d.body + "\u0000" + from + "\u0000" + date).substring(0, 32);
            d.warn("no-message-id", "no Message-ID: the story id is a hash of sender, date and content");
        }
        d.storyId = messageId;
        d.deriveHeadlineIfMissing(100);
        return List.of(d.build(ctx));
    }

    /** What the walk found: the first inline plain and HTML texts. */
    private static final class Body {
        String plain;
        String html;
        int parts;
    }

    /** A MIME entity: its headers (lower-case names, values unfolded and decoded; first occurrence wins) and its body range. */
    private record Part(Map<String, String> headers, int bodyStart, int end) {
    }

    private static Part part(byte[] b, int from, int to, ArticleDraft d, boolean top) throws ParseException {
        Map<String, String> headers = new LinkedHashMap<>();
        int pos = from;
        int lines = 0;
        String name = null;
        StringBuilder value = new StringBuilder();
        int lineNo = 1;
        while (pos < to) {
            int nl = indexOf(b, (byte) '\n', pos, to);
            int lineEnd = nl < 0 ? to : nl;
            int contentEnd = lineEnd > pos && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            int next = nl < 0 ? to : nl + 1;
            if (contentEnd == pos) {
                put(headers, name, value);
                return new Part(headers, next, to);
            }
            if (++lines > MAX_HEADER_LINES) {
                throw ParseException.atOffset(NAME, "more than " + MAX_HEADER_LINES + " header lines", pos);
            }
            byte c = b[pos];
            if ((c == ' ' || c == '\t') && name != null) {
                value.append(' ').append(headerText(b, pos, contentEnd).strip());
            } else {
                int colon = indexOf(b, (byte) ':', pos, contentEnd);
                String field = colon > pos ? new String(b, pos, colon - pos, StandardCharsets.ISO_8859_1).stripTrailing() : null;
                if (field == null || !FIELD_NAME.matcher(field).matches()) {
                    if (top && headers.isEmpty() && name == null) {
                        throw ParseException.atLine(NAME, "not an e-mail: line " + lineNo + " is not a header field (Name: value)", lineNo, 1);
                    }
                    if (top) {
                        // a body that starts without the blank line: the headers end here
                        d.warn("no-blank-line-after-headers", "the header ends at a line that is not a header field");
                    }
                    put(headers, name, value);
                    return new Part(headers, pos, to);
                }
                put(headers, name, value);
                name = field.toLowerCase(Locale.ROOT);
                value.setLength(0);
                value.append(headerText(b, colon + 1, contentEnd).strip());
            }
            pos = next;
            lineNo++;
        }
        put(headers, name, value);
        return new Part(headers, to, to);
    }

    private static void put(Map<String, String> headers, String name, StringBuilder value) {
        if (name != null && !headers.containsKey(name)) {
            headers.put(name, decodeWords(value.toString().strip()));
        }
    }

    /** Header bytes: UTF-8 when they are (RFC 6532), else Windows-1252. */
    private static String headerText(byte[] b, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        String utf8 = strictDecode(b, from, to, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(b, from, to - from, WINDOWS_1252);
    }

    /** RFC 2047 encoded words; whitespace between two adjacent encoded words goes. A malformed word stays as it is. */
    static String decodeWords(String s) {
        if (!s.contains("=?")) {
            return s;
        }
        s = BETWEEN_WORDS.matcher(s).replaceAll("$1");
        Matcher m = ENCODED_WORD.matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            String decoded = null;
            Charset cs = charset(m.group(1).replaceFirst("\\*.*$", ""));
            if (cs != null) {
                byte[] raw = null;
                if (m.group(2).equalsIgnoreCase("B")) {
                    try {
                        if (!m.group(3).matches("[A-Za-z0-9+/]*={0,2}")) {
                            throw new IllegalArgumentException("not base64");
                        }
                        raw = Base64.getMimeDecoder().decode(m.group(3));
                    } catch (IllegalArgumentException e) {
                        raw = null;
                    }
                } else {
                    raw = quotedPrintable(m.group(3).replace('_', ' ').getBytes(StandardCharsets.ISO_8859_1), null);
                }
                if (raw != null) {
                    decoded = new String(raw, cs);
                }
            }
            out.append(decoded != null ? decoded : m.group());
            last = m.end();
        }
        return out.append(s, last, s.length()).toString();
    }

    private void walk(byte[] b, Part p, ArticleDraft d, Body body, int depth) throws ParseException {
        if (++body.parts > MAX_PARTS) {
            throw ParseException.atOffset(NAME, "more than " + MAX_PARTS + " MIME parts", p.bodyStart);
        }
        ContentType ct = ContentType.parse(p.headers.get("content-type"));
        String disposition = p.headers.getOrDefault("content-disposition", "").toLowerCase(Locale.ROOT);
        String filename = ContentType.param(p.headers.get("content-disposition"), "filename");
        if (filename == null) {
            filename = ct.params.get("name");
        }
        boolean attachment = disposition.startsWith("attachment") || (filename != null && !ct.type.startsWith("multipart/"));
        if (ct.type.startsWith("multipart/")) {
            if (depth >= MAX_DEPTH) {
                throw ParseException.atOffset(NAME, "MIME parts nested deeper than " + MAX_DEPTH, p.bodyStart);
            }
            String boundary = ct.params.get("boundary");
            if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
                d.warn("multipart-without-boundary", ct.type + " without a usable boundary: read as one text part");
                text(b, p, ct, d, body);
                return;
            }
            List<int[]> ranges = split(b, p.bodyStart, p.end, boundary, d);
            List<Part> children = new ArrayList<>();
            for (int[] r : ranges) {
                children.add(part(b, r[0], r[1], d, false));
            }
            if (ct.type.equals("multipart/alternative")) {
                // the plain alternative wins; the others are the same text
                Part chosen = null;
                for (Part c : children) {
                    String t = ContentType.parse(c.headers.get("content-type")).type;
                    if (t.equals("text/plain") && chosen == null) {
                        chosen = c;
                    }
                }
                for (Part c : children) {
                    String t = ContentType.parse(c.headers.get("content-type")).type;
                    if (chosen == null && (t.equals("text/html") || t.startsWith("multipart/"))) {
                        chosen = c;
                    }
                }
                if (chosen != null) {
                    walk(b, chosen, d, body, depth + 1);
                }
                return;
            }
            for (Part c : children) {
                walk(b, c, d, body, depth + 1);
            }
            return;
        }
        boolean textType = ct.type.equals("text/plain") || ct.type.equals("text/html") || ct.type.isEmpty();
        if (attachment || !textType) {
            d.warn("attachment-ignored", "attachment ignored: " + (filename != null ? cut(filename) + " (" + ct.type + ")" : ct.type));
            return;
        }
        if ((ct.type.equals("text/html") ? body.html : body.plain) != null) {
            d.warn("extra-text-part-ignored", "a further " + ct.type + " part ignored");
            return;
        }
        text(b, p, ct, d, body);
    }

    private static void text(byte[] b, Part p, ContentType ct, ArticleDraft d, Body body) {
        String cte = p.headers.getOrDefault("content-transfer-encoding", "7bit").strip().toLowerCase(Locale.ROOT);
        byte[] raw = java.util.Arrays.copyOfRange(b, p.bodyStart, Math.max(p.bodyStart, p.end));
        byte[] decoded = switch (cte) {
            case "quoted-printable" -> quotedPrintable(raw, d);
            case "base64" -> base64(raw, d);
            case "7bit", "8bit", "binary", "" -> raw;
            default -> {
                d.warn("unknown-transfer-encoding", "Content-Transfer-Encoding '" + cut(cte) + "': read as 8bit");
                yield raw;
            }
        };
        String charsetName = ct.params.get("charset");
        Charset cs = charsetName == null ? null : charset(charsetName);
        if (charsetName != null && cs == null) {
            d.warn("unknown-charset", "charset '" + cut(charsetName) + "' unknown: read as UTF-8 or Windows-1252");
        }
        String text;
        if (cs == null) {
            text = strictDecode(decoded, 0, decoded.length, StandardCharsets.UTF_8);
            if (text == null) {
                text = new String(decoded, WINDOWS_1252);
            }
        } else {
            text = strictDecode(decoded, 0, decoded.length, cs);
            if (text == null) {
                d.warn("undecodable-bytes", "bytes that are not " + cs.name() + " replaced");
                text = new String(decoded, cs);
            }
        }
        if (ct.type.equals("text/html")) {
            body.html = text;
        } else {
            body.plain = text;
        }
    }

    /** The body ranges between the boundary delimiters; preamble and epilogue dropped. */
    private static List<int[]> split(byte[] b, int from, int to, String boundary, ArticleDraft d) throws ParseException {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> out = new ArrayList<>();
        int partStart = -1;
        int pos = from;
        boolean closed = false;
        while (pos < to) {
            int nl = indexOf(b, (byte) '\n', pos, to);
            int lineEnd = nl < 0 ? to : nl;
            int next = nl < 0 ? to : nl + 1;
            if (lineEnd - pos >= delim.length && startsWith(b, pos, delim)) {
                int after = pos + delim.length;
                boolean closing = after + 1 < to && b[after] == '-' && b[after + 1] == '-';
                if (partStart >= 0) {
                    // the line break before the delimiter belongs to it
                    int end = pos;
                    if (end > partStart && b[end - 1] == '\n') {
                        end--;
                    }
                    if (end > partStart && b[end - 1] == '\r') {
                        end--;
                    }
                    out.add(new int[] {partStart, Math.max(partStart, end)});
                    if (out.size() > MAX_PARTS) {
                        throw ParseException.atOffset(NAME, "more than " + MAX_PARTS + " MIME parts", pos);
                    }
                }
                if (closing) {
                    closed = true;
                    break;
                }
                partStart = next;
            }
            pos = next;
        }
        if (!closed) {
            if (partStart >= 0 && partStart < to) {
                out.add(new int[] {partStart, to});
            }
            d.warn("unterminated-multipart", "the multipart has no closing boundary");
        }
        return out;
    }

    /** Quoted-printable; a malformed escape is kept literally (and warned about when {@code d} is given). */
    static byte[] quotedPrintable(byte[] in, ArticleDraft d) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        boolean bad = false;
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c != '=') {
                out.write(c);
                continue;
            }
            if (i + 1 < in.length && in[i + 1] == '\n') {
                i += 1;
            } else if (i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
                i += 2;
            } else if (i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                // "=" then spaces to the end of the line is a soft break with trailing whitespace
                int j = i + 1;
                while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                    j++;
                }
                if (j > i + 1 && (j == in.length || in[j] == '\n' || in[j] == '\r')) {
                    i = j < in.length && in[j] == '\r' && j + 1 < in.length && in[j + 1] == '\n' ? j + 1 : j;
                } else if (i + 1 == in.length) {
                    // a soft break at the very end
                } else {
                    out.write(c);
                    bad = true;
                }
            }
        }
        if (bad && d != null) {
            d.warn("malformed-quoted-printable", "a '=' that starts no escape kept as it is");
        }
        return out.toByteArray();
    }

    private static byte[] base64(byte[] in, ArticleDraft d) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            String clean = s.replaceAll("[^A-Za-z0-9+/]", "");
            clean = clean.substring(0, clean.length() - clean.length() % 4);
            d.warn("malformed-base64", "base64 body with bad characters or padding: read what decodes");
            try {
                return Base64.getDecoder().decode(clean);
            } catch (IllegalArgumentException again) {
                return new byte[0];
            }
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** The charset named, ISO-8859-1 and US-ASCII widened to Windows-1252; null when unknown. */
    static Charset charset(String name) {
        String n = name.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii") || n.equals("iso8859-1")) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String strictDecode(byte[] b, int from, int to, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** {display name or null, address or null} of a From value. */
    static String[] address(String from) {
        String f = from.strip();
        Matcher m = ANGLE_ADDR.matcher(f);
        if (m.matches()) {
            String name = m.group(1).strip().replaceAll("^\"|\"$", "").replace("\\\"", "\"").strip();
            String addr = m.group(2).strip();
            return new String[] {name.isEmpty() ? null : name, addr.isEmpty() ? null : addr};
        }
        Matcher c = Pattern.compile("^([^\\s()]+@[^\\s()]+)\\s*\\(([^()]*)\\)\\s*$").matcher(f);
        if (c.matches()) {
            return new String[] {c.group(2).strip().isEmpty() ? null : c.group(2).strip(), c.group(1)};
        }
        return new String[] {f.contains("@") ? null : f, f.contains("@") ? f : null};
    }

    private static String cut(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "\u2026" : s;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        return indexOf(b, c, from, b.length);
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        return startsWith(b, at, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A Content-Type: lower-case type/subtype ("" when absent) and its parameters (lower-case names). */
    private record ContentType(String type, Map<String, String> params) {

        static ContentType parse(String value) {
            if (value == null || value.isBlank()) {
                return new ContentType("", Map.of());
            }
            int semi = value.indexOf(';');
            String type = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
            return new ContentType(type, semi < 0 ? Map.of() : params(value.substring(semi + 1)));
        }

        static String param(String headerValue, String name) {
            if (headerValue == null) {
                return null;
            }
            int semi = headerValue.indexOf(';');
            return semi < 0 ? null : params(headerValue.substring(semi + 1)).get(name);
        }

        static Map<String, String> params(String s) {
            Map<String, String> out = new LinkedHashMap<>();
            int i = 0;
            int n = s.length();
            while (i < n && out.size() < 50) {
                while (i < n && (s.charAt(i) == ';' || Character.isWhitespace(s.charAt(i)))) {
                    i++;
                }
                int eq = s.indexOf('=', i);
                if (eq < 0) {
                    break;
                }
                String key = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
                i = eq + 1;
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                StringBuilder v = new StringBuilder();
                if (i < n && s.charAt(i) == '"') {
                    i++;
                    while (i < n && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        v.append(s.charAt(i++));
                    }
                    i++;
                } else {
                    while (i < n && s.charAt(i) != ';') {
                        v.append(s.charAt(i++));
                    }
                }
                String val = v.toString().strip();
                if (key.endsWith("*")) {
                    // RFC 2231: charset'lang'percent-encoded
                    key = key.substring(0, key.length() - 1);
                    int q = val.indexOf('\'');
                    int q2 = q < 0 ? -1 : val.indexOf('\'', q + 1);
                    if (q2 > 0) {
                        Charset cs = charset(val.substring(0, q).isEmpty() ? "utf-8" : val.substring(0, q));
                        byte[] raw = quotedPrintable(val.substring(q2 + 1).replace('%', '=').getBytes(StandardCharsets.ISO_8859_1), null);
                        val = new String(raw, cs == null ? StandardCharsets.UTF_8 : cs);
                    }
                }
                if (!key.isEmpty()) {
                    out.putIfAbsent(key, val);
                }
            }
            return out;
        }
    }
}

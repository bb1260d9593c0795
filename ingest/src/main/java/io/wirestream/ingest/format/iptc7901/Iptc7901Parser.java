package io.wirestream.ingest.format.iptc7901;

import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.ParseResult;
import io.wirestream.ingest.format.TakeKey;
import io.wirestream.ingest.format.TextDecoder;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.ingest.format.Whitespace;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPTC 7901 (the ANPA-derived text format of the European agencies), read leniently (ingest/README.md, "Leniency").
 *
 * <pre>
 * SOH dpa0123 4 p 412 dpa-ws 0731       header: source + number, priority 1-6, category (1-3 letters), word count,
 *                                       optional originator field (dpa's converter: "bdt0000 3 vm 831  dpa 0000")
 * Politics/Japan/Russia/                slug line(s) before STX
 * STX (Eil BEL BEL)                     optional markers: EXTRA, 1ST LEAD, 2ND LEAD, REFILE, CORRECTION, URGENT, EILT,
 *                                       "(Eil)", "(Berichtigung: ...)" and other parenthesised notices
 * Japan and Russia discuss ... =        headline (may wrap; ends at the line ending in " ="), "By"/"Von" byline
 * Moscow (dpa) - Russia expressed ...   body, paragraphs separated by blank lines
 * The following information is not for publication ...   editorial note, kept apart from the body
 * ETX 311347 Jul 18 EOT                 trailer DDhhmm [GMT] MON YY (UTC; English, German or French month)
 * </pre>
 * Text is UTF-8 when it is valid UTF-8, else Windows-1252 (warning). A file may hold several SOH...EOT stories: each
 * becomes an article, a bad one only fails itself. DEL fill and other control characters are dropped; a story whose
 * control characters were stripped in transit (only the header line left) still parses. Story id (7901 has none):
 * {@code source:slug line:yyyy-MM-dd} (trailer date), with a {@code derived-id} warning.
 */
public final class Iptc7901Parser implements WireFormatParser {

    public static final String NAME = "iptc-7901";

    private static final char SOH = 0x01;
    private static final char STX = 0x02;
    private static final char ETX = 0x03;
    private static final char EOT = 0x04;
    /** Spec header, used by the sniffer on framing-less text: source+number, priority, category, word count. */
    private static final Pattern HEADER_LINE = Pattern.compile("^([A-Za-z]{1,10})(\\d{1,8}) +([1-6]) +([A-Za-z]{1,3}) +(\\d{1,6})(?:\\s+(.*))?$");
    private static final Pattern SOURCE_NUMBER = Pattern.compile("^([A-Za-z][A-Za-z-]{0,9}?)(\\d{1,8})$");
    private static final Pattern ORIGINATOR = Pattern.compile("^([A-Za-z]{2,10})(?:-[\\w-]+)? +(\\d{3,4})$");
    private static final Pattern TRAILER = Pattern.compile(
            "^\\s*(\\d{2})(\\d{2})(\\d{2})(?: (?:GMT|UTC|UT|Z))? ([A-Za-z\u00e4\u00e9\u00fb.]{3,5}) (\\d{2})\\s*$");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("jan.", 1), Map.entry("janv", 1), Map.entry("feb", 2), Map.entry("f\u00e9v", 2), Map.entry("fev", 2),
            Map.entry("f\u00e9vr", 2), Map.entry("mar", 3), Map.entry("m\u00e4r", 3), Map.entry("mrz", 3), Map.entry("mars", 3),
            Map.entry("apr", 4), Map.entry("avr", 4), Map.entry("may", 5), Map.entry("mai", 5), Map.entry("jun", 6), Map.entry("juin", 6),
            Map.entry("jul", 7), Map.entry("juil", 7), Map.entry("aug", 8), Map.entry("ao\u00fb", 8), Map.entry("aou", 8),
            Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("oct", 10), Map.entry("okt", 10), Map.entry("nov", 11),
            Map.entry("dec", 12), Map.entry("dez", 12), Map.entry("d\u00e9c", 12));
    private static final Pattern NOT_FOR_PUBLICATION = Pattern.compile(
            "not (?:intended )?for publication|nicht zur ver\u00F6ffentlichung", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATELINE = Pattern.compile(
            "^(\\p{Lu}[\\p{L}.'/\\-]*(?: \\p{Lu}[\\p{L}.'/\\-]*){0,3}) \\(([^)\\n]{1,20})\\) [-\u2013\u2014]? ?");
    private static final Pattern BY = Pattern.compile("^(?:By|Von|Par)\\s+(\\S.{0,150})$");
    private static final Pattern SIGN_OFF = Pattern.compile("^(?:(?:dpa|lni|afp|ats|sda|apa|ap|reuters)\\b[\\p{L}\\d/ -]{0,40}|\\([A-Za-z]{2,6}(?:\\\\?/[\\w ]{1,10})+\\))$");
    /** Headline block: the lines up to the first one ending in "=" must be within this many lines of STX. */
    private static final int MAX_HEAD_LINES = 12;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        int i = 0;
        while (i < head.length && (head[i] == 0x7F || head[i] == '\r' || head[i] == '\n' || head[i] == ' ' || head[i] == 0x16)) {
            i++;
        }
        String line = firstLine(head, i < head.length && head[i] == SOH ? i + 1 : i);
        boolean headerLike = HEADER_LINE.matcher(line.strip()).matches();
        if (i < head.length && head[i] == SOH) {
            boolean stx = false;
            for (byte b : head) {
                stx |= b == STX;
            }
            if (headerLike) {
                return stx ? 90 : 70;
            }
            return stx ? 50 : 0;
        }
        // the header line alone (control characters stripped in transit); plain text scores 10
        return headerLike && !line.contains("\t") ? 40 : 0;
    }

    private static String firstLine(byte[] head, int from) {
        int end = from;
        while (end < head.length && head[end] != '\n' && head[end] != '\r' && head[end] != STX && end - from < 200) {
            end++;
        }
        return new String(head, from, Math.max(0, end - from), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        return parseAll(bytes, ctx).articles();
    }

    @Override
    public ParseResult parseAll(byte[] bytes, ParseContext ctx) throws ParseException {
        TextDecoder.Decoded decoded = TextDecoder.lenient(bytes, ctx.declaredCharset());
        String text = decoded.text().replace("\r\n", "\n").replace('\r', '\n');
        List<int[]> stories = split(text);
        return ParseResult.ofStories(NAME, stories.size(), n -> {
            ArticleDraft d = new ArticleDraft(NAME);
            if (decoded.warning() != null) {
                d.warnings.add(decoded.warning());
            }
            parseStory(text, stories.get(n)[0], stories.get(n)[1], d, ctx);
            return d.build(ctx);
        });
    }

    /** Story ranges: SOH up to its EOT (or the next SOH); framing-less text is one story. */
    private static List<int[]> split(String text) throws ParseException {
        List<int[]> out = new ArrayList<>();
        int soh = text.indexOf(SOH);
        if (soh < 0) {
            int start = 0;
            while (start < text.length() && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == 0x7F)) {
                start++;
            }
            String line = text.substring(start, Math.max(start, text.indexOf('\n', start) < 0 ? text.length() : text.indexOf('\n', start)));
            if (!HEADER_LINE.matcher(Whitespace.withoutControls(line).strip()).matches()) {
                throw ParseException.atOffset(NAME, "not IPTC 7901: no SOH and no 7901 header line "
                        + "('SOURCE+NUMBER PRIORITY(1-6) CATEGORY WORDCOUNT')", 0);
            }
            out.add(new int[] {start, text.length()});
            return out;
        }
        if (!text.substring(0, soh).replace("\u007F", "").isBlank()) {
            int end = soh;
            out.add(new int[] {0, end}); // text before the first SOH: its own story (it fails unless it is one)
        }
        while (soh >= 0) {
            int next = text.indexOf(SOH, soh + 1);
            int eot = text.indexOf(EOT, soh);
            int end = eot >= 0 && (next < 0 || eot < next) ? eot : next < 0 ? text.length() : next;
            out.add(new int[] {soh, end});
            int after = eot >= 0 && (next < 0 || eot < next) ? eot + 1 : end;
            soh = next;
            if (soh < 0 && after < text.length() && !text.substring(after).replace("\u007F", "").isBlank()) {
                out.add(new int[] {after, text.length()}); // trailing text after the last EOT
            }
        }
        return out;
    }

    private static void parseStory(String text, int start, int end, ArticleDraft d, ParseContext ctx) throws ParseException {
        int s = start;
        while (s < end && (text.charAt(s) == 0x7F || Character.isWhitespace(text.charAt(s)) || text.charAt(s) == 0x16)) {
            s++;
        }
        boolean soh = s < end && text.charAt(s) == SOH;
        int stx = text.indexOf(STX, s);
        if (stx >= end) {
            stx = -1;
        }
        int etx = stx < 0 ? -1 : text.indexOf(ETX, stx);
        if (etx >= end) {
            etx = -1;
        }
        int headerStart = soh ? s + 1 : s;
        int eol = text.indexOf('\n', headerStart);
        int headerEnd = eol < 0 || eol > end ? end : eol;
        if (stx >= 0 && stx < headerEnd) {
            headerEnd = stx;
        }
        String header = Whitespace.withoutControls(text.substring(headerStart, headerEnd)).strip();
        if (!soh) {
            if (!HEADER_LINE.matcher(header).matches()) {
                throw ParseException.atIndex(NAME, "not IPTC 7901: no SOH and no 7901 header line", text, s);
            }
            d.warn("missing-framing", "no SOH/STX/ETX/EOT control characters (stripped in transit): header line, slug line and text read by their layout");
        }
        readHeader(header, d);

        // slug line(s) up to STX; without STX: lines ending in "/" after the header
        List<String> slugParts = new ArrayList<>();
        int contentStart;
        if (stx >= 0) {
            for (String line : text.substring(headerEnd, stx).split("\n")) {
                String l = Whitespace.withoutControls(line).strip();
                if (!l.isEmpty()) {
                    slugParts.add(l.replaceAll("/+$", ""));
                }
            }
            contentStart = stx + 1;
        } else {
            if (soh) {
                d.warn("missing-framing", "no STX (start of text): the text is read from after the slug line");
            }
            int pos = headerEnd;
            while (pos < end) {
                int nl = text.indexOf('\n', pos + 1);
                int lineEnd = nl < 0 || nl > end ? end : nl;
                String l = Whitespace.withoutControls(text.substring(pos, lineEnd)).strip();
                if (!l.isEmpty() && !(l.endsWith("/") && l.indexOf(' ') < 0)) {
                    break;
                }
                if (!l.isEmpty()) {
                    slugParts.add(l.replaceAll("^/+|/+$", ""));
                }
                pos = lineEnd;
            }
            contentStart = pos;
        }
        d.slugline = String.join(" ", slugParts);
        int contentEnd = etx >= 0 ? etx : end;
        if (stx >= 0 && etx < 0) {
            d.warn("missing-framing", "no ETX (end of text): the story may be truncated");
        }
        if (contentStart > contentEnd) {
            contentStart = contentEnd;
        }
        String content = text.substring(contentStart, contentEnd);
        if (content.indexOf(0x07) >= 0 || content.indexOf(0x7F) >= 0 || hasOtherControls(content)) {
            d.warn("control-characters", "control characters in the text (BEL, DEL fill, ...) removed");
        }
        List<String> lines = new ArrayList<>();
        for (String raw : content.split("\n", -1)) {
            lines.add(Whitespace.withoutControls(raw));
        }
        readHeadBlock(lines, d);
        readBody(lines, text.substring(contentEnd, end), d);

        if (d.headline == null && d.body.isEmpty() && d.pubStatus == PubStatus.USABLE) {
            throw ParseException.atIndex(NAME, "no headline and no text in the story", text, stx >= 0 ? stx : s);
        }
        if (d.source == null) {
            d.source = ctx.defaultSource();
        }
        String slug = d.slugline.isEmpty() ? ArticleDraft.slug(d.headline == null ? d.body : d.headline, 80) : d.slugline;
        String date = d.versionCreated == null ? null : d.versionCreated.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        d.derivedId(d.source + ":" + slug + (date == null ? "" : ":" + date),
                (d.slugline.isEmpty() ? "the headline" : "the slug line") + (date == null ? " (no trailer date)" : " and the trailer date"));
        d.deriveHeadlineIfMissing(100);
        d.warnIfReplacementCharacters();
    }

    private static boolean hasOtherControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    /** Header fields: source+number, priority, category, word count, then an optional originator / keywords field. */
    private static void readHeader(String header, ArticleDraft d) {
        String[] t = header.isEmpty() ? new String[0] : header.split("\\s+", 5);
        Matcher sn = t.length > 0 ? SOURCE_NUMBER.matcher(t[0]) : null;
        if (sn == null || !sn.matches()) {
            d.warn("header-nonstandard", "header '" + header + "' does not start with SOURCE+NUMBER");
            d.attribute("header", header);
            return;
        }
        d.source = sn.group(1);
        d.attribute("number", sn.group(2));
        int i = 1;
        if (t.length > i && t[i].matches("[1-6]")) {
            d.urgency = Integer.parseInt(t[i]);
            d.attribute("priority", t[i]);
            i++;
        } else {
            d.warn("header-nonstandard", "no priority 1-6 after '" + t[0] + "' in the header");
        }
        if (t.length > i && t[i].matches("[A-Za-z]{1,3}")) {
            d.attribute("category", t[i].toLowerCase(Locale.ROOT));
            i++;
        } else {
            d.warn("header-nonstandard", "no category in the header '" + header + "'");
        }
        if (t.length > i && t[i].matches("\\d{1,6}")) {
            d.attribute("wordCount", Integer.parseInt(t[i]));
            i++;
        } else {
            d.warn("header-nonstandard", "no word count in the header '" + header + "'");
        }
        if (t.length > i) {
            String rest = String.join(" ", List.of(t).subList(i, t.length)).strip();
            d.attribute("keywords", rest);
            Matcher orig = ORIGINATOR.matcher(rest.replaceAll("\\s+", " "));
            if (orig.matches()) {
                d.source = orig.group(1); // "dpa 0000", "dpa-spe 0000", "lni 0000": the originating agency
            }
        }
    }

    /**
     * Markers and notices, headline, byline: the lines up to the first one ending in "=" when there is one near STX,
     * else markers, one headline line and an optional byline line. Consumes them from {@code lines}.
     */
    private static void readHeadBlock(List<String> lines, ArticleDraft d) {
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        int stop = -1;
        int nonBlank = 0;
        for (int k = 0; k < lines.size() && nonBlank < MAX_HEAD_LINES; k++) {
            String l = lines.get(k).strip();
            if (!l.isEmpty()) {
                nonBlank++;
            }
            String bare = l.replaceAll("\\s*=\\s*$", "").strip();
            if (l.endsWith("=") && !bare.isEmpty() && !TakeKey.isMarker(bare) && !(bare.startsWith("(") && bare.endsWith(")") && nonBlank == 1)) {
                stop = k;
                // a byline ending in "=" right after the headline belongs to the head block
                int next = k + 1;
                while (next < lines.size() && lines.get(next).isBlank()) {
                    next++;
                }
                if (next < lines.size() && BY.matcher(lines.get(next).strip().replaceAll("\\s*=\\s*$", "")).matches()) {
                    stop = next;
                }
                break;
            }
        }
        List<String> markers = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<String> headline = new ArrayList<>();
        StringBuilder paren = null;
        int k = 0;
        boolean headlineDone = false;
        for (; k < lines.size(); k++) {
            if (stop < 0 && (headlineDone || (!headline.isEmpty() && lines.get(k).isBlank()))) {
                break;
            }
            if (stop >= 0 && k > stop) {
                break;
            }
            String l = lines.get(k).strip().replaceAll("\\s*=\\s*$", "").strip();
            if (l.isEmpty()) {
                continue;
            }
            if (paren != null || (l.startsWith("(") && headline.isEmpty())) {
                paren = paren == null ? new StringBuilder(l) : paren.append(' ').append(l);
                if (l.endsWith(")")) {
                    notice(paren.substring(1, paren.length() - 1).strip(), markers, notices, d);
                    paren = null;
                }
                continue;
            }
            if (TakeKey.isMarker(l) && headline.isEmpty()) {
                markers.add(l);
                continue;
            }
            Matcher by = BY.matcher(l);
            if (by.matches() && !headline.isEmpty() && d.byline == null) {
                d.byline = by.group(1).strip();
                if (stop < 0) {
                    headlineDone = true;
                }
                continue;
            }
            if (l.startsWith("(") && l.endsWith(")") && !headline.isEmpty()) {
                notice(l.substring(1, l.length() - 1).strip(), markers, notices, d);
                continue;
            }
            if (stop < 0 && !headline.isEmpty()) {
                // without "=" the headline is one line; a byline may follow
                if (BY.matcher(l).matches()) {
                    continue;
                }
                break;
            }
            headline.add(l);
        }
        lines.subList(0, Math.min(k, lines.size())).clear();
        if (paren != null) {
            notices.add(paren.toString());
        }
        // kicker lines ("Situation", "France:") before the headline proper
        int kicker = -1;
        for (int h = 0; h < headline.size() - 1; h++) {
            if (headline.get(h).endsWith(":")) {
                kicker = h;
            }
        }
        if (kicker >= 0) {
            d.attribute("kicker", String.join(" ", headline.subList(0, kicker + 1)));
            headline = headline.subList(kicker + 1, headline.size());
        }
        d.headline = headline.isEmpty() ? null : String.join(" ", headline);
        String marker = markers.isEmpty() ? null : String.join(" / ", markers);
        d.attribute("marker", marker);
        d.attribute("notice", notices.isEmpty() ? null : String.join("\n", notices));
        d.version = TakeKey.version(marker);
        d.pubStatus = TakeKey.status(marker);
        for (String m : markers) {
            Integer u = TakeKey.urgency(m);
            if (u != null && (d.urgency == null || u < d.urgency)) {
                d.urgency = u;
            }
        }
    }

    /** A parenthesised notice: "(Eil)" is a marker, "(Berichtigung: ...)" a correction (version 2, editorial note). */
    private static void notice(String text, List<String> markers, List<String> notices, ArticleDraft d) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (TakeKey.isMarker(t) || TakeKey.urgency(t) != null) {
            markers.add(t);
        } else if (lower.startsWith("berichtigung") || lower.startsWith("korrektur") || lower.startsWith("correction")
                || lower.startsWith("corrected") || lower.startsWith("refile")) {
            markers.add(t.split("[:\\s]", 2)[0]);
            d.editorialNote = d.editorialNote == null ? t : d.editorialNote + "\n" + t;
        } else if (lower.startsWith("foto") || lower.startsWith("photo")) {
            d.attribute("photo", t);
        } else {
            notices.add(t);
        }
    }

    private static void readBody(List<String> lines, String afterEtx, ArticleDraft d) {
        List<String> body = new ArrayList<>();
        List<String> note = new ArrayList<>();
        List<String> target = body;
        StringBuilder para = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (target == body && NOT_FOR_PUBLICATION.matcher(line).find()) {
                flush(para, target);
                target = note;
                continue;
            }
            if (line.isEmpty() || target == note) {
                flush(para, target);
                if (!line.isEmpty()) {
                    note.add(line);
                }
            } else {
                // table rows ("| a | b |") keep their line breaks
                para.append(para.length() == 0 ? "" : line.startsWith("|") ? "\n" : " ").append(line);
            }
        }
        flush(para, target);
        while (!body.isEmpty() && body.get(body.size() - 1).matches("[*\\-_=# ]+")) {
            body.remove(body.size() - 1);
        }
        Matcher tr = null;
        for (String l : afterEtx.split("\n")) {
            Matcher m = TRAILER.matcher(Whitespace.withoutControls(l));
            if (m.matches()) {
                tr = m;
                break;
            }
        }
        List<String> trailerHolder = note.isEmpty() ? body : note;
        if (tr == null && !trailerHolder.isEmpty()) {
            Matcher m = TRAILER.matcher(trailerHolder.get(trailerHolder.size() - 1));
            if (m.matches()) {
                tr = m;
                trailerHolder.remove(trailerHolder.size() - 1);
            }
        }
        if (tr != null) {
            d.versionCreated = trailerTime(tr);
            d.attribute("trailer", tr.group().strip());
            if (d.versionCreated == null) {
                d.warn("unreadable-trailer", "trailer '" + tr.group().strip() + "' is not a date");
            }
        }
        List<String> holder = note.isEmpty() ? body : note;
        if (!holder.isEmpty() && holder.get(holder.size() - 1).length() <= 60 && SIGN_OFF.matcher(holder.get(holder.size() - 1)).matches()) {
            d.attribute("signOff", holder.remove(holder.size() - 1));
        }
        if (!body.isEmpty()) {
            Matcher dl = DATELINE.matcher(body.get(0));
            if (dl.find() && dl.end() < body.get(0).length()) {
                d.dateline = dl.group(1);
                d.attribute("datelineSource", dl.group(2));
                body.set(0, body.get(0).substring(dl.end()));
            }
        }
        d.body = String.join("\n\n", body);
        String edNote = note.isEmpty() ? null : String.join("\n", note);
        d.editorialNote = d.editorialNote == null ? edNote : edNote == null ? d.editorialNote : d.editorialNote + "\n" + edNote;
    }

    private static void flush(StringBuilder para, List<String> target) {
        if (para.length() > 0) {
            target.add(para.toString());
            para.setLength(0);
        }
    }

    private static java.time.Instant trailerTime(Matcher tr) {
        try {
            Integer month = MONTHS.get(tr.group(4).toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
            if (month == null) {
                return null;
            }
            return LocalDateTime.of(2000 + Integer.parseInt(tr.group(5)), month, Integer.parseInt(tr.group(1)),
                    Integer.parseInt(tr.group(2)), Integer.parseInt(tr.group(3))).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}

package io.wirestream.ingest.format.anpa;

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

import java.nio.charset.StandardCharsets;
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
 * ANPA 1312 (the AP wire format), read leniently (ingest/README.md, "Leniency"): UTF-8 when valid, else Windows-1252.
 *
 * <pre>
 * SYN SYN SOH a0451 r i BC-Japan-Russia 1stLd-Writethru 07-31 0523      header: service letter + sequence, priority,
 * STX ^BC-Japan-Russia,0523&lt;                                          category, slug with cycle prefix, take key,
 *     ^Japan, Russia ministers meet&lt;                                  date reference, word count
 *     ^By DAI NAGATA&lt;             ^-lines: slug repeat, headline, byline, Eds: note
 *     TAB MOSCOW (AP) _ Russia expressed ...                        TAB paragraphs
 *     AP-NY-07-31-18 1347EDT&lt;                                         trailer: source, desk, date, time
 * ETX EOT
 * </pre>
 * Also read: SOH without SYN SYN, an agency name in the originator slot ({@code a0105KYODO}), AP's selector / keyword
 * prefix before the priority, categories of 2-3 letters, space-indented paragraphs with the headline as a plain line
 * (Kyodo), ETX + trailer + EOT on one line, and several SOH...EOT stories in one input ({@link #parseAll}).
 * Story id is {@code SOURCE:slug:MM-DD} (the slug stays the same across the takes and leads of a story, the header's date
 * reference keeps daily slugs apart; {@code derived-id} warning); the version comes from
 * the take key ({@code 1stLd-Writethru} = 2); a {@code KILL} / {@code ELIMINATION} take key or header line makes a
 * CANCELED notice for the same story id. Priority letters map to urgency f=1, b=2, u=3, r=5, a=6, d=7.
 */
public final class AnpaParser implements WireFormatParser {

    public static final String NAME = "anpa-1312";

    private static final char SYN = 0x16;
    private static final char SOH = 0x01;
    private static final char STX = 0x02;
    private static final char ETX = 0x03;
    private static final char EOT = 0x04;
    private static final Pattern SERVICE_TOKEN = Pattern.compile("^([A-Za-z])(\\d{3,4})([A-Za-z][A-Za-z-]*)?$");
    private static final Pattern KYODO_TRAILER = Pattern.compile("([A-Z]{2,6})-(\\d{2}):(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})");
    private static final Pattern SIGN_OFF = Pattern.compile("^=+\\s*[A-Za-z][\\w .-]{0,30}$");
    private static final Pattern CYCLE = Pattern.compile("^(AM|PM|BC|AP)-(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_REF = Pattern.compile("\\d{1,2}-\\d{1,2}");
    private static final Pattern TRAILER = Pattern.compile(
            "([A-Z]{2,6})-([A-Z]{1,4})-(\\d{2})-(\\d{2})-(\\d{2}) (\\d{2})(\\d{2}) ?([A-Z]{3})");
    private static final Pattern DATELINE = Pattern.compile(
            "^([A-Z][A-Z.'\\-]*(?: [A-Z][A-Z.'\\-]*){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?) \\(([A-Za-z/&. -]{1,20})\\) (?:_|--|\u2014|-) ");
    /** Kyodo: {@code SAITAMA, Japan, Dec. 9 Kyodo - }. */
    private static final Pattern KYODO_DATELINE = Pattern.compile(
            "^([A-Z][A-Z.'\\-]*(?: [A-Z][A-Z.'\\-]*){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?), ((?:[A-Z][a-z]{2,3}\\.? )?\\d{1,2}) (Kyodo) (?:_|--|\u2014|-) ");
    private static final Map<String, Integer> URGENCY = Map.of("f", 1, "b", 2, "u", 3, "r", 5, "a", 6, "d", 7);
    private static final Map<String, Integer> ZONES = Map.of("GMT", 0, "UTC", 0, "EDT", -4, "EST", -5, "CDT", -5,
            "CST", -6, "MDT", -6, "MST", -7, "PDT", -7, "PST", -8);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        if (head.length >= 3 && head[0] == SYN && head[1] == SYN && head[2] == SOH) {
            return 100;
        }
        int i = 0;
        while (i < head.length && (head[i] == SYN || head[i] == 0x7F || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i >= head.length || head[i] != SOH) {
            return 0;
        }
        // SOH without SYN SYN: ANPA when the header reads service letter + sequence and a letter priority (IPTC 7901
        // has a digit priority), and there is an STX
        String h = new String(head, i + 1, Math.min(head.length - i - 1, 200), StandardCharsets.ISO_8859_1);
        int stx = h.indexOf(STX);
        if (stx < 0) {
            return 0;
        }
        String[] t = h.substring(0, stx).strip().split("[\\s\\x00-\\x1F]+");
        if (t.length < 3 || !SERVICE_TOKEN.matcher(t[0]).matches()) {
            return 0;
        }
        return priorityIndex(t) > 0 ? 95 : 0;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        return parseAll(bytes, ctx).articles();
    }

    /** Every SOH...EOT story of the input (several takes or stories per file are common); a bad one fails only itself. */
    @Override
    public ParseResult parseAll(byte[] bytes, ParseContext ctx) throws ParseException {
        TextDecoder.Decoded decoded = TextDecoder.lenient(bytes, ctx.declaredCharset());
        String text = decoded.text();
        int first = text.indexOf(SOH);
        if (first < 0 || !text.substring(0, first).replace("" + SYN, "").replace("\u007F", "").isBlank()) {
            throw ParseException.atOffset(NAME, "not ANPA 1312: the input does not start with (SYN SYN) SOH", 0);
        }
        List<int[]> stories = new ArrayList<>();
        for (int soh = first; soh >= 0; ) {
            int next = text.indexOf(SOH, soh + 1);
            int eot = text.indexOf(EOT, soh);
            int end = eot >= 0 && (next < 0 || eot < next) ? eot : next < 0 ? text.length() : next;
            stories.add(new int[] {soh, end});
            soh = next;
        }
        ParseResult all = ParseResult.ofStories(NAME, stories.size(), n -> {
            ArticleDraft d = new ArticleDraft(NAME);
            if (decoded.warning() != null) {
                d.warnings.add(decoded.warning());
            }
            parseStory(text, stories.get(n)[0], stories.get(n)[1], d);
            return d.build(ctx);
        });
        return new ParseResult(NAME, mergeAdds(all.articles()), all.failures());
    }

    private static final Pattern ADD = Pattern.compile("(?i)\\b\\d+\\s*(?:st|nd|rd|th)\\s*-?\\s*Add\\b");

    /**
     * AP sends long stories in takes: {@code 1st Add}, {@code 2nd Add} continue the text. Adds that follow their story
     * in the same input are appended to it (one article per story); an add without its story in the input stays an
     * article of its own (attribute {@code takeKey}).
     */
    private static List<RawArticle> mergeAdds(List<RawArticle> articles) {
        if (articles.size() < 2) {
            return articles;
        }
        List<RawArticle> out = new ArrayList<>();
        for (RawArticle a : articles) {
            String take = a.getAttributes().get("takeKey");
            RawArticle base = null;
            if (take != null && ADD.matcher(take).find()) {
                for (int i = out.size() - 1; i >= 0 && base == null; i--) {
                    if (out.get(i).getStoryId().equals(a.getStoryId()) && out.get(i).getVersion() == a.getVersion()) {
                        base = out.get(i);
                    }
                }
            }
            if (base == null) {
                out.add(a);
                continue;
            }
            String body = base.getBody().isEmpty() ? a.getBody() : a.getBody().isEmpty() ? base.getBody() : base.getBody() + "\n\n" + a.getBody();
            base.setBody(body);
            base.setContentHash(io.wirestream.ingest.format.ContentHash.of(base.getHeadline(), body));
            java.util.Map<String, String> attrs = new java.util.TreeMap<>(base.getAttributes());
            attrs.put("adds", String.valueOf(Integer.parseInt(attrs.getOrDefault("adds", "0")) + 1));
            if (a.getVersionCreated() != null) {
                base.setVersionCreated(a.getVersionCreated());
            }
            base.setAttributes(new java.util.LinkedHashMap<>(attrs));
        }
        return out;
    }

    private static void parseStory(String text, int soh, int end, ArticleDraft d) throws ParseException {
        if (soh < 2 || text.charAt(soh - 1) != SYN || text.charAt(soh - 2) != SYN) {
            d.warn("missing-framing", "no SYN SYN before SOH");
        }
        int stx = text.indexOf(STX, soh);
        if (stx < 0 || stx > end) {
            throw ParseException.atIndex(NAME, "no STX (start of text) after the header", text, end);
        }
        int etx = text.indexOf(ETX, stx);
        if (etx < 0 || etx > end) {
            etx = end;
            d.warn("missing-framing", "no ETX (end of text): the story may be truncated");
        }
        parseHeader(text, soh + 1, stx, d);
        String slug = d.slugline;
        String takeKey = d.attributes.get("takeKey");

        String content = text.substring(stx + 1, etx);
        String afterEtx = Whitespace.withoutControls(text.substring(Math.min(etx + 1, end), end));
        if (content.indexOf(0x07) >= 0 || content.indexOf(0x7F) >= 0) {
            d.warn("control-characters", "control characters in the text (BEL, DEL) removed");
        }
        List<String> paragraphs = new ArrayList<>();
        List<String> headerLines = new ArrayList<>();
        List<String> topLines = new ArrayList<>();
        boolean open = false;
        boolean indentedSeen = false;
        for (String raw : content.split("\r?\n|\r")) {
            String line = Whitespace.withoutControls(raw);
            if (!line.startsWith("^")) {
                line = line.replaceAll("<\\s*$", ""); // AP's end-of-line marker
            }
            boolean indented = raw.startsWith("\t") || raw.startsWith("  ");
            if (TRAILER.matcher(line.strip()).lookingAt() && !paragraphs.isEmpty()) {
                paragraphs.add(line.strip()); // the trailer is never part of a paragraph
                open = false;
            } else if (SIGN_OFF.matcher(line.strip()).matches()) {
                d.attribute("signOff", line.strip()); // Kyodo's "==Kyodo" before ETX
                open = false;
            } else if (line.startsWith("^")) {
                headerLines.add(line.substring(1).replaceAll("[<=\\s]+$", "").strip());
                open = false;
            } else if (!indentedSeen && !indented && paragraphs.isEmpty() && headerLines.isEmpty() && !line.isBlank()) {
                topLines.add(line.strip()); // no ^ lines (Kyodo): slug repeat and headline as plain lines before the text
            } else if (indented || (!open && !line.isBlank())) {
                indentedSeen |= indented;
                paragraphs.add(line.strip());
                open = true;
            } else if (line.isBlank()) {
                open = false;
            } else {
                paragraphs.set(paragraphs.size() - 1, paragraphs.get(paragraphs.size() - 1) + " " + line.strip());
            }
        }
        if (!topLines.isEmpty()) {
            if (!indentedSeen) {
                // nothing was indented: these were paragraphs after all
                paragraphs.addAll(0, topLines);
            } else {
                for (String t : topLines) {
                    headerLines.add(t.replaceAll("[+<=\\s]+$", "").strip());
                }
            }
        }

        PubStatus status = TakeKey.status(takeKey + " " + slug);
        boolean bylineSeen = false;
        for (int i = 0; i < headerLines.size(); i++) {
            String h = headerLines.get(i);
            if (h.isEmpty()) {
                continue;
            }
            String upper = h.toUpperCase(Locale.ROOT);
            if (i == 0 && (CYCLE.matcher(h).find() || (slug != null && h.contains(slug)))) {
                d.attribute("slugRepeat", h);
            } else if (upper.startsWith("EDS:") || upper.startsWith("EDITOR'S NOTE") || upper.startsWith("EDITORS:")) {
                String note = h.replaceFirst("(?i)^(Eds:|EDITOR'S NOTE\\s*[_:\u2014-]*|Editors:)\\s*", "");
                d.editorialNote = d.editorialNote == null ? note : d.editorialNote + "\n" + note;
            } else if (upper.startsWith("BY ")) {
                d.byline = h.substring(3).strip();
                bylineSeen = true;
            } else if (bylineSeen && d.attributes.get("bylineTitle") == null && upper.matches(".*\\b(WRITER|CORRESPONDENT|EDITOR|REPORTER)S?$")) {
                d.attribute("bylineTitle", h);
            } else if (upper.startsWith("AP PHOTO")) {
                d.attribute("photos", h.replaceFirst("(?i)^AP Photos?\\s*", ""));
            } else if (TakeKey.status(h) != PubStatus.USABLE && h.length() < 80 && (upper.contains("KILL") || upper.contains("ELIMINA") || upper.contains("WITHHOLD"))) {
                status = TakeKey.status(h);
                d.attribute("notice", h);
            } else if (d.headline == null) {
                d.headline = h;
            } else {
                d.attribute("abstract", d.attributes.containsKey("abstract") ? d.attributes.get("abstract") + " " + h : h);
            }
        }

        // trailer: after ETX (possibly on the ETX line, before EOT), or the last paragraph
        Matcher tr = TRAILER.matcher(afterEtx);
        boolean found = tr.find();
        boolean trailerInBody = false;
        if (!found && !paragraphs.isEmpty()) {
            tr = TRAILER.matcher(paragraphs.get(paragraphs.size() - 1));
            found = tr.find() && tr.start() == 0;
            trailerInBody = found;
        }
        String source = d.attributes.get("originator");
        if (found) {
            source = source != null ? source : tr.group(1);
            d.attribute("desk", tr.group(2));
            d.attribute("trailer", tr.group());
            d.versionCreated = trailerTime(tr);
            if (trailerInBody) {
                paragraphs.remove(paragraphs.size() - 1);
            }
        } else {
            Matcher ky = KYODO_TRAILER.matcher(afterEtx);
            if (ky.find()) {
                d.attribute("trailer", ky.group()); // desk and local time; no zone, so no versionCreated
                d.attribute("desk", ky.group(1));
            }
        }
        d.source = source != null ? source : "AP";

        if (!paragraphs.isEmpty()) {
            Matcher dl = DATELINE.matcher(paragraphs.get(0));
            Matcher ky = KYODO_DATELINE.matcher(paragraphs.get(0));
            if (dl.find()) {
                d.dateline = dl.group(1);
                d.attribute("datelineSource", dl.group(2));
                paragraphs.set(0, paragraphs.get(0).substring(dl.end()));
            } else if (ky.find()) {
                d.dateline = ky.group(1);
                d.attribute("datelineDate", ky.group(2));
                d.attribute("datelineSource", ky.group(3));
                paragraphs.set(0, paragraphs.get(0).substring(ky.end()));
            }
        }
        d.body = String.join("\n\n", paragraphs.stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
        d.pubStatus = status;
        d.version = TakeKey.version(takeKey);
        if (takeKey != null && takeKey.toUpperCase(Locale.ROOT).contains("ADVISORY")) {
            d.attribute("advisory", "true");
        }
        if (slug == null || slug.isBlank()) {
            throw ParseException.atIndex(NAME, "no slug in the header: cannot identify the story", text, soh + 1);
        }
        String ref = d.attributes.get("reference");
        d.derivedId(d.source + ":" + slug + (ref == null ? "" : ":" + ref),
                "the slug" + (ref == null ? " (the header has no date reference)" : " and the header's date reference"));
        if (status == PubStatus.USABLE && d.body.isEmpty() && d.headline == null) {
            throw ParseException.atIndex(NAME, "no headline and no text between STX and ETX", text, stx);
        }
        d.deriveHeadlineIfMissing(100);
        d.warnIfReplacementCharacters();
    }

    /** Index of the priority letter: the first single letter followed by a 1-3 letter category and a slug. */
    private static int priorityIndex(String[] t) {
        for (int i = 1; i + 2 < t.length; i++) {
            if (t[i].matches("[A-Za-z]") && t[i + 1].matches("[A-Za-z]{1,3}")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code a0451 r i BC-Japan-Russia 1stLd-Writethru 07-31 0523}; AP's prefixed form {@code W287 US asian LF f l DC3
     * slug ...} (selector / keyword before the priority); Kyodo's {@code a0105KYODO US koko- CRLF u s DC4 DC2 slug ...}
     * (agency name in the originator slot).
     */
    private static void parseHeader(String text, int from, int stx, ArticleDraft d) throws ParseException {
        String header = text.substring(from, stx);
        String[] tokens = header.strip().split("[\\s\\x00-\\x1F]+");
        Matcher svc = tokens.length > 0 ? SERVICE_TOKEN.matcher(tokens[0]) : null;
        if (svc == null || !svc.matches()) {
            throw ParseException.atIndex(NAME, "header does not start with a service letter and sequence number: '"
                    + header.replaceAll("[\\x00-\\x1F]", " ").strip() + "'", text, from);
        }
        d.attribute("service", svc.group(1));
        d.attribute("sequence", svc.group(2));
        if (svc.group(3) != null) {
            d.attribute("originator", svc.group(3));
            d.warn("header-nonstandard", "agency name '" + svc.group(3) + "' in the originator slot of the header");
        }
        int p = priorityIndex(tokens);
        if (p < 0) {
            throw ParseException.atIndex(NAME, "header must hold service+sequence, priority, category and slug; found '"
                    + header.replaceAll("[\\x00-\\x1F]", " ").strip() + "'", text, from);
        }
        if (p > 1) {
            d.attribute("selector", String.join(" ", List.of(tokens).subList(1, p)));
        }
        String priority = tokens[p].toLowerCase(Locale.ROOT);
        d.attribute("priority", priority);
        d.urgency = URGENCY.get(priority);
        String category = tokens[p + 1].toLowerCase(Locale.ROOT);
        d.attribute("category", category);
        if (category.length() > 1) {
            d.warn("header-nonstandard", "category code '" + category + "' has more than one letter");
        }
        Matcher cyc = CYCLE.matcher(tokens[p + 2]);
        String slug;
        if (cyc.matches()) {
            d.attribute("cycle", cyc.group(1).toUpperCase(Locale.ROOT));
            slug = cyc.group(2);
        } else {
            slug = tokens[p + 2];
        }
        d.slugline = slug.replaceAll("[,<=]+$", "");
        StringBuilder take = new StringBuilder();
        int i = p + 3;
        for (; i < tokens.length && !DATE_REF.matcher(tokens[i]).matches(); i++) {
            take.append(take.length() == 0 ? "" : " ").append(tokens[i]);
        }
        d.attribute("takeKey", take.toString());
        if (i < tokens.length) {
            d.attribute("reference", tokens[i]);
            if (i + 1 < tokens.length && tokens[i + 1].matches("\\d{1,5}")) {
                d.attribute("wordCount", Integer.parseInt(tokens[i + 1]));
            }
        }
    }

    private static java.time.Instant trailerTime(Matcher tr) {
        try {
            int month = Integer.parseInt(tr.group(3));
            int day = Integer.parseInt(tr.group(4));
            int year = 2000 + Integer.parseInt(tr.group(5));
            int hour = Integer.parseInt(tr.group(6));
            int minute = Integer.parseInt(tr.group(7));
            Integer offset = ZONES.get(tr.group(8));
            if (offset == null) {
                return null;
            }
            return LocalDateTime.of(year, month, day, hour, minute).toInstant(ZoneOffset.ofHours(offset));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}

package io.wirestream.ingest.format.anpa;

import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TakeKey;
import io.wirestream.ingest.format.TextDecoder;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.ingest.format.Whitespace;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;

import java.nio.charset.Charset;
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
 * ANPA 1312 (the AP wire format), decoded as Latin-1 unless a charset is declared.
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
 * Story id is {@code SOURCE:slug} (the slug stays the same across the takes and leads of a story); the version comes from
 * the take key ({@code 1stLd-Writethru} = 2); a {@code KILL} / {@code ELIMINATION} take key or header line makes a
 * CANCELED notice for the same story id. Priority letters map to urgency f=1, b=2, u=3, r=5, a=6, d=7.
 */
public final class AnpaParser implements WireFormatParser {

    public static final String NAME = "anpa-1312";

    private static final char SYN = 0x16;
    private static final char SOH = 0x01;
    private static final char STX = 0x02;
    private static final char ETX = 0x03;
    private static final Pattern SERVICE = Pattern.compile("([A-Za-z])(\\d{4})");
    private static final Pattern CYCLE = Pattern.compile("^(AM|PM|BC|AP)-(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_REF = Pattern.compile("\\d{1,2}-\\d{1,2}");
    private static final Pattern TRAILER = Pattern.compile(
            "([A-Z]{2,6})-([A-Z]{1,4})-(\\d{2})-(\\d{2})-(\\d{2}) (\\d{2})(\\d{2}) ?([A-Z]{3})");
    private static final Pattern DATELINE = Pattern.compile(
            "^([A-Z][A-Z.'\\-]*(?: [A-Z][A-Z.'\\-]*){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?) \\(([A-Za-z/&. -]{1,20})\\) (?:_|--|\u2014|-) ");
    private static final Map<String, Integer> URGENCY = Map.of("f", 1, "b", 2, "u", 3, "r", 5, "a", 6, "d", 7);
    private static final Map<String, Integer> ZONES = Map.of("GMT", 0, "UTC", 0, "EDT", -4, "EST", -5, "CDT", -5,
            "CST", -6, "MDT", -6, "MST", -7, "PDT", -7, "PST", -8);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        return head.length >= 3 && head[0] == SYN && head[1] == SYN && head[2] == SOH ? 100 : 0;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        Charset charset = ctx.declaredCharset() != null ? ctx.declaredCharset() : StandardCharsets.ISO_8859_1;
        String text = TextDecoder.decode(bytes, charset, NAME);
        if (!text.startsWith("" + SYN + SYN + SOH)) {
            throw ParseException.atOffset(NAME, "not ANPA 1312: the input does not start with SYN SYN SOH", 0);
        }
        int stx = text.indexOf(STX);
        if (stx < 0) {
            throw ParseException.atIndex(NAME, "no STX (start of text) after the header", text, text.length());
        }
        int etx = text.indexOf(ETX, stx);
        if (etx < 0) {
            throw ParseException.atIndex(NAME, "no ETX (end of text): the story is truncated", text, text.length());
        }

        ArticleDraft d = new ArticleDraft(NAME);
        parseHeader(text, stx, d);
        String slug = d.slugline;
        String takeKey = d.attributes.get("takeKey");

        String content = text.substring(stx + 1, etx);
        String afterEtx = text.substring(etx + 1);
        List<String> paragraphs = new ArrayList<>();
        List<String> headerLines = new ArrayList<>();
        boolean open = false;
        for (String raw : content.split("\r?\n|\r")) {
            String line = Whitespace.withoutControls(raw);
            if (line.startsWith("^")) {
                headerLines.add(line.substring(1).replaceAll("[<=\\s]+$", "").strip());
                open = false;
            } else if (raw.startsWith("\t") || (!open && !line.isBlank())) {
                paragraphs.add(line.strip());
                open = true;
            } else if (line.isBlank()) {
                open = false;
            } else {
                paragraphs.set(paragraphs.size() - 1, paragraphs.get(paragraphs.size() - 1) + " " + line.strip());
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

        // trailer: after ETX, or the last paragraph
        Matcher tr = TRAILER.matcher(afterEtx);
        boolean found = tr.find();
        boolean trailerInBody = false;
        if (!found && !paragraphs.isEmpty()) {
            tr = TRAILER.matcher(paragraphs.get(paragraphs.size() - 1));
            found = tr.find() && tr.start() == 0;
            trailerInBody = found;
        }
        String source = null;
        if (found) {
            source = tr.group(1);
            d.attribute("desk", tr.group(2));
            d.attribute("trailer", tr.group());
            d.versionCreated = trailerTime(tr);
            if (trailerInBody) {
                paragraphs.remove(paragraphs.size() - 1);
            }
        }
        d.source = source != null ? source : "AP";

        if (!paragraphs.isEmpty()) {
            Matcher dl = DATELINE.matcher(paragraphs.get(0));
            if (dl.find()) {
                d.dateline = dl.group(1);
                d.attribute("datelineSource", dl.group(2));
                paragraphs.set(0, paragraphs.get(0).substring(dl.end()));
            }
        }
        d.body = String.join("\n\n", paragraphs.stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
        d.pubStatus = status;
        d.version = TakeKey.version(takeKey);
        if (slug == null || slug.isBlank()) {
            throw ParseException.atIndex(NAME, "no slug in the header: cannot identify the story", text, 3);
        }
        d.storyId = d.source + ":" + slug;
        if (status == PubStatus.USABLE && d.body.isEmpty() && d.headline == null) {
            throw ParseException.atIndex(NAME, "no headline and no text between STX and ETX", text, stx);
        }
        d.deriveHeadlineIfMissing(100);
        return List.of(d.build(ctx));
    }

    private static void parseHeader(String text, int stx, ArticleDraft d) throws ParseException {
        String header = text.substring(3, stx);
        String[] tokens = header.strip().split("[\\s\\x00-\\x1F]+");
        if (tokens.length < 4 || tokens[0].isEmpty()) {
            throw ParseException.atIndex(NAME, "header must hold service+sequence, priority, category and slug; found '"
                    + header.replaceAll("[\\x00-\\x1F]", " ").strip() + "'", text, 3);
        }
        Matcher svc = SERVICE.matcher(tokens[0]);
        if (!svc.find()) {
            throw ParseException.atIndex(NAME, "header does not start with a service letter and 4-digit sequence: '" + tokens[0] + "'", text, 3);
        }
        d.attribute("service", svc.group(1));
        d.attribute("sequence", svc.group(2));
        if (tokens[1].length() != 1 || tokens[2].length() != 1) {
            throw ParseException.atIndex(NAME, "priority and category must be single letters: '" + tokens[1] + " " + tokens[2] + "'", text, 3);
        }
        String priority = tokens[1].toLowerCase(Locale.ROOT);
        d.attribute("priority", priority);
        d.urgency = URGENCY.get(priority);
        d.attribute("category", tokens[2].toLowerCase(Locale.ROOT));
        Matcher cyc = CYCLE.matcher(tokens[3]);
        String slug;
        if (cyc.matches()) {
            d.attribute("cycle", cyc.group(1).toUpperCase(Locale.ROOT));
            slug = cyc.group(2);
        } else {
            slug = tokens[3];
        }
        d.slugline = slug.replaceAll("[,<=]+$", "");
        StringBuilder take = new StringBuilder();
        int i = 4;
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

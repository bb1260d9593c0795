package io.wirestream.ingest.format.iptc7901;

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
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPTC 7901 (the ANPA-derived text format of the European agencies), decoded as UTF-8 unless a charset is declared.
 *
 * <pre>
 * SOH dpa0123 4 p 412 dpa-ws 0731       header: source + number, priority 1-6, category, word count, keywords
 * Politics/Japan/Russia/                slug line(s) before STX
 * STX Japan and Russia discuss missile defence =     headline on the STX line (trailing " =" removed), or a marker
 *                                                    (EXTRA, 1ST LEAD, URGENT, KILL) with the headline on the next line
 * By Dai Nagata =                       optional byline
 * Moscow (dpa) - Russia expressed ...   body, paragraphs separated by blank lines
 * The following information is not for publication ...   editorial note, kept apart from the body
 * ETX 311347 Jul 18 EOT                 trailer DDhhmm MON YY (UTC)
 * </pre>
 * Story id is {@code source:slug}; version and kill status come from the STX-line marker ({@code 1ST LEAD} = 2).
 */
public final class Iptc7901Parser implements WireFormatParser {

    public static final String NAME = "iptc-7901";

    private static final char SOH = 0x01;
    private static final char STX = 0x02;
    private static final char ETX = 0x03;
    private static final Pattern HEADER = Pattern.compile(
            "^([A-Za-z]{1,10})(\\d{1,8})\\s+([1-6])\\s+([A-Za-z])\\s+(\\d{1,6})(?:\\s+(.*))?$");
    private static final Pattern TRAILER = Pattern.compile("(?m)^\\s*(\\d{2})(\\d{2})(\\d{2}) ([A-Za-z]{3}) (\\d{2})\\s*$");
    private static final Pattern NOT_FOR_PUBLICATION = Pattern.compile(
            "not (?:intended )?for publication|nicht zur ver\u00F6ffentlichung", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATELINE = Pattern.compile(
            "^(\\p{Lu}[\\p{L}.'\\-]*(?: \\p{Lu}[\\p{L}.'\\-]*){0,3}) \\(([^)\\n]{1,20})\\) [-\u2013\u2014] ");
    private static final Pattern BY = Pattern.compile("^(?:By|Von)\\s+(\\S.{0,150})$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        if (head.length < 2 || head[0] != SOH) {
            return 0;
        }
        for (byte b : head) {
            if (b == STX) {
                return 90;
            }
        }
        return 60;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        Charset charset = ctx.declaredCharset() != null ? ctx.declaredCharset() : StandardCharsets.UTF_8;
        String text = TextDecoder.decode(bytes, charset, NAME).replace("\r\n", "\n").replace('\r', '\n');
        if (text.isEmpty() || text.charAt(0) != SOH) {
            throw ParseException.atOffset(NAME, "not IPTC 7901: the input does not start with SOH", 0);
        }
        int stx = text.indexOf(STX);
        if (stx < 0) {
            throw ParseException.atIndex(NAME, "no STX (start of text) after the header", text, text.length());
        }
        int etx = text.indexOf(ETX, stx);
        if (etx < 0) {
            throw ParseException.atIndex(NAME, "no ETX (end of text): the story is truncated", text, text.length());
        }
        int headerEnd = text.indexOf('\n');
        if (headerEnd < 0 || headerEnd > stx) {
            headerEnd = stx;
        }
        String header = text.substring(1, headerEnd).strip();
        Matcher h = HEADER.matcher(header);
        if (!h.matches()) {
            throw ParseException.atIndex(NAME, "header is not 'SOURCE+NUMBER PRIORITY(1-6) CATEGORY WORDCOUNT [KEYWORDS]': '"
                    + header.replaceAll("\\p{Cntrl}", " ") + "'", text, 1);
        }
        ArticleDraft d = new ArticleDraft(NAME);
        d.source = h.group(1);
        d.attribute("number", h.group(2));
        d.urgency = Integer.parseInt(h.group(3));
        d.attribute("priority", h.group(3));
        d.attribute("category", h.group(4).toLowerCase(Locale.ROOT));
        d.attribute("wordCount", Integer.parseInt(h.group(5)));
        d.attribute("keywords", h.group(6));

        List<String> slugParts = new ArrayList<>();
        for (String line : text.substring(headerEnd, stx).split("\n")) {
            String l = line.replaceAll("\\p{Cntrl}", "").strip();
            if (!l.isEmpty()) {
                slugParts.add(l.replaceAll("/+$", ""));
            }
        }
        d.slugline = String.join(" ", slugParts);

        List<String> lines = new ArrayList<>(List.of(text.substring(stx + 1, etx).split("\n", -1)));
        String first = clean(lines.remove(0));
        String marker = null;
        if (first.isEmpty() || TakeKey.isMarker(first)) {
            marker = first.isEmpty() ? null : first;
            first = "";
            while (!lines.isEmpty() && first.isEmpty()) {
                first = clean(lines.remove(0));
            }
        }
        d.headline = first;
        if (!lines.isEmpty() && BY.matcher(clean(lines.get(0))).matches()) {
            Matcher by = BY.matcher(clean(lines.remove(0)));
            by.matches();
            d.byline = by.group(1);
        }
        d.attribute("marker", marker);
        d.version = TakeKey.version(marker);
        d.pubStatus = TakeKey.status(marker);

        // body until the "not for publication" note
        List<String> body = new ArrayList<>();
        List<String> note = new ArrayList<>();
        List<String> target = body;
        StringBuilder para = new StringBuilder();
        for (String raw : lines) {
            String line = Whitespace.withoutControls(raw).strip();
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
                para.append(para.length() == 0 ? "" : " ").append(line);
            }
        }
        flush(para, target);
        while (!body.isEmpty() && body.get(body.size() - 1).matches("[*\\-_=# ]+")) {
            body.remove(body.size() - 1);
        }
        String afterEtx = text.substring(etx + 1);
        Matcher tr = TRAILER.matcher(afterEtx);
        List<String> trailerHolder = note.isEmpty() ? body : note;
        if (tr.find()) {
            d.versionCreated = trailerTime(tr);
            d.attribute("trailer", tr.group().strip());
        } else if (!trailerHolder.isEmpty() && (tr = TRAILER.matcher(trailerHolder.get(trailerHolder.size() - 1))).matches()) {
            d.versionCreated = trailerTime(tr);
            d.attribute("trailer", tr.group().strip());
            trailerHolder.remove(trailerHolder.size() - 1);
        }
        if (!body.isEmpty()) {
            Matcher dl = DATELINE.matcher(body.get(0));
            if (dl.find()) {
                d.dateline = dl.group(1);
                d.attribute("datelineSource", dl.group(2));
                body.set(0, body.get(0).substring(dl.end()));
            }
        }
        d.body = String.join("\n\n", body);
        d.editorialNote = note.isEmpty() ? null : String.join("\n", note);
        if (d.headline.isEmpty() && d.body.isEmpty() && d.pubStatus == PubStatus.USABLE) {
            throw ParseException.atIndex(NAME, "no headline and no text between STX and ETX", text, stx);
        }
        String slug = d.slugline.isEmpty() ? slugOf(d.headline) : d.slugline;
        if (slug.isEmpty()) {
            throw ParseException.atIndex(NAME, "no slug line and no headline: cannot identify the story", text, stx);
        }
        d.storyId = d.source + ":" + slug;
        d.deriveHeadlineIfMissing(100);
        return List.of(d.build(ctx));
    }

    private static String clean(String line) {
        return line.replaceAll("\\p{Cntrl}", "").replaceAll("\\s*=\\s*$", "").strip();
    }

    private static void flush(StringBuilder para, List<String> target) {
        if (para.length() > 0) {
            target.add(para.toString());
            para.setLength(0);
        }
    }

    private static String slugOf(String headline) {
        return headline == null ? "" : headline.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
    }

    private static java.time.Instant trailerTime(Matcher tr) {
        try {
            Month month = null;
            for (Month m : Month.values()) {
                if (m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(tr.group(4))) {
                    month = m;
                }
            }
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

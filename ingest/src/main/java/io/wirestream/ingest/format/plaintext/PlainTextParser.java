package io.wirestream.ingest.format.plaintext;

import io.wirestream.ingest.format.Whitespace;
import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TextDecoder;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.schemas.RawArticle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text agency copy, as in {@code seeds/}: paragraphs separated by blank lines, no markup.
 *
 * <ul>
 *   <li>A leading photo caption block ({@code Photo/Illustration}, or the misspelled {@code Photo/Illutration}, glued to
 *       the caption text, credit such as {@code (AP Photo)} at its end) becomes {@code caption}, not body.</li>
 *   <li>A short first line without closing punctuation, followed by more text, is the headline; a {@code By ...} line
 *       after it the byline.</li>
 *   <li>A dateline opening the first paragraph ({@code MOSCOW--}, {@code MOSCOW (AP) —}) becomes {@code dateline} and is
 *       removed from the body.</li>
 *   <li>A trailing {@code (This article was written by X and Y.)} becomes the byline {@code X and Y}.</li>
 *   <li>Without a headline, one is derived from the lead sentence and {@code headlineDerived} is set.</li>
 * </ul>
 * Also: AAP's ZCZC telex framing (header lines keyed by their first character), PR Newswire's {@code Source:} block, and
 * AAP racing files (SOH + US-separated fields, no STX: not ANPA) with a {@code foreign-framing} warning. Text is UTF-8
 * when valid, else Windows-1252 ({@code charset-fallback}); control characters are removed ({@code control-characters}).
 * The copy carries no id: the story id is {@code source:headline-slug-HASH}, HASH from the normalised headline and lead
 * (never the file name, so a story gets the same id from a folder, stdin or HTTP), with a {@code derived-id} warning.
 */
public final class PlainTextParser implements WireFormatParser {

    public static final String NAME = "plain-text";
    static final int DERIVED_HEADLINE_CHARS = 100;

    private static final Pattern CAPTION_PREFIX = Pattern.compile(
            "^(Photo\\s*/\\s*Illu(?:s)?t(?:r)?ation|Photo\\s*/\\s*Graphic|Photo\\s*:|PHOTO\\s*:|Caption\\s*:)\\s*");
    private static final Pattern PHOTO_CREDIT_END = Pattern.compile("\\((?:[A-Z][\\w.&' ]{0,30} )?Photo(?:/[^)]{0,60})?\\)$");
    private static final Pattern DATELINE = Pattern.compile(
            "^([A-Z][A-Z.'\u2019\\-]*(?: [A-Z][A-Z.'\u2019\\-]*){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)"
                    + "(?: ?\\(([A-Za-z/&. -]{1,30})\\))?\\s*(?:--|\u2014|\u2013| _| -)\\s*(?=\\S)");
    private static final Pattern WRITTEN_BY = Pattern.compile(
            "^\\(\\s*This (?:article|story|report) was (?:written|reported|compiled) by (.+?)\\.?\\s*\\)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n[ \t\f]*\n");
    private static final Pattern BY_LINE = Pattern.compile("^By\\s+(\\S.{0,120})$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        if (head.length == 0) {
            return 0;
        }
        int i = 0;
        while (i < head.length && (Character.isWhitespace(head[i]) || head[i] == 0x7F)) {
            i++;
        }
        if (i < head.length && (head[i] == '<' || head[i] == '{' || head[i] == '[')) {
            return 2;
        }
        if (aapRacingHeader(head, i)) {
            return 45;
        }
        int controls = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0x01 || c == 0x02 || c == 0x03 || c == 0x04 || c == 0x16) {
                return 0; // wire framing: ANPA / IPTC 7901
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                controls++;
            }
        }
        return controls == 0 ? 10 : controls * 50 < head.length ? 5 : 0;
    }

    /** AAP's racing copy: SOH, then US-separated fields on the first line, and no STX (it is not ANPA 1312 nor 7901). */
    static boolean aapRacingHeader(byte[] head, int i) {
        if (i >= head.length || head[i] != 0x01) {
            return false;
        }
        boolean us = false;
        for (int k = i + 1; k < head.length && head[k] != '\n' && head[k] != '\r'; k++) {
            if (head[k] == 0x1F) {
                us = true;
            }
        }
        for (byte b : head) {
            if (b == 0x02) {
                return false;
            }
        }
        return us;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        TextDecoder.Decoded decoded = TextDecoder.lenient(bytes, ctx.declaredCharset());
        ArticleDraft d = new ArticleDraft(NAME);
        if (decoded.warning() != null) {
            d.warnings.add(decoded.warning());
        }
        String text = decoded.text().replace("\r\n", "\n").replace('\r', '\n');
        text = aapRacing(text, d);
        text = zczc(text, d);
        int control = firstControl(text);
        if (control >= 0) {
            d.warn("control-characters", String.format("control character U+%04X (line %d) and any others removed",
                    (int) text.charAt(control), text.substring(0, control).chars().filter(c -> c == '\n').count() + 1));
            text = Whitespace.withoutControls(text);
        }
        List<String> paras = new ArrayList<>();
        for (String p : PARAGRAPH_BREAK.split(text)) {
            if (!p.isBlank()) {
                paras.add(p.strip());
            }
        }
        if (paras.isEmpty()) {
            throw ParseException.atOffset(NAME, "no text", 0);
        }

        if (d.source == null) {
            d.source = ctx.defaultSource();
        }

        // caption block: a paragraph among the first two carrying the caption label, or ending in a photo credit
        for (int k = 0; k < Math.min(2, paras.size()); k++) {
            String p = paras.get(k);
            Matcher cap = CAPTION_PREFIX.matcher(p);
            if (cap.find()) {
                d.attribute("captionLabel", cap.group(1));
                d.caption = oneLine(p.substring(cap.end()));
                paras.remove(k);
                break;
            }
            if (k == 0 && paras.size() > 1 && PHOTO_CREDIT_END.matcher(oneLine(p)).find() && !DATELINE.matcher(p).find()) {
                d.caption = oneLine(p);
                paras.remove(k);
                break;
            }
        }

        // a product / document code alone on the first line (IDN38100: a Bureau of Meteorology product id)
        if (!paras.isEmpty() && d.headline == null) {
            String[] lines = paras.get(0).split("\n", 2);
            if (lines.length > 1 && DOCUMENT_CODE.matcher(lines[0].strip()).matches()) {
                d.attribute("documentCode", lines[0].strip());
                paras.set(0, lines[1]);
            }
        }

        // press-release wires (PR Newswire-AsiaNet): "Source: X" and "MEDIA RELEASE PRnnnnn" above the headline
        if (!paras.isEmpty() && d.headline == null) {
            List<String> lines = new ArrayList<>(List.of(paras.get(0).split("\n")));
            Matcher src = PR_SOURCE.matcher(lines.get(0).strip());
            if (lines.size() > 1 && src.matches()) {
                d.attribute("provider", src.group(1).replaceAll("\\.$", ""));
                lines.remove(0);
                if (PR_RELEASE.matcher(lines.get(0).strip()).matches()) {
                    d.attribute("release", lines.remove(0).strip());
                }
                if (!lines.isEmpty()) {
                    d.headline = Whitespace.collapse(String.join(" ", lines));
                }
                paras.remove(0);
            }
        }

        // headline (+ byline) at the top
        if (paras.size() > 1 && d.headline == null) {
            String[] lines = paras.get(0).split("\n");
            String first = lines[0].strip();
            if (looksLikeHeadline(first)) {
                d.headline = first;
                List<String> rest = new ArrayList<>(List.of(lines).subList(1, lines.length));
                paras.remove(0);
                if (rest.isEmpty() && !paras.isEmpty() && BY_LINE.matcher(paras.get(0).strip()).matches() && paras.size() > 1) {
                    rest.add(paras.remove(0));
                }
                for (String line : rest) {
                    Matcher by = BY_LINE.matcher(line.strip());
                    if (by.matches() && d.byline == null) {
                        d.byline = by.group(1);
                    } else if (!line.isBlank()) {
                        d.attribute("subheadline", line.strip());
                    }
                }
            }
        }

        // trailing "(This article was written by X and Y.)"
        if (!paras.isEmpty()) {
            Matcher w = WRITTEN_BY.matcher(oneLine(paras.get(paras.size() - 1)));
            if (w.matches()) {
                d.byline = w.group(1).strip();
                paras.remove(paras.size() - 1);
            }
        }

        // telex sign-off ("AAP bj/xy") closing ZCZC copy
        if (d.attributes.containsKey("zczc") && paras.size() > 1 && ZCZC_SIGN_OFF.matcher(paras.get(paras.size() - 1).strip()).matches()) {
            d.attribute("signOff", paras.remove(paras.size() - 1).strip());
        }

        // dateline opening the first body paragraph
        if (!paras.isEmpty()) {
            Matcher dl = DATELINE.matcher(paras.get(0));
            if (dl.find()) {
                d.dateline = dl.group(1);
                d.attribute("datelineSource", dl.group(2));
                paras.set(0, paras.get(0).substring(dl.end()));
            }
        }

        List<String> body = new ArrayList<>();
        for (String p : paras) {
            String line = oneLine(p);
            if (!line.isEmpty()) {
                body.add(line);
            }
        }
        d.body = String.join("\n\n", body);
        if (d.body.isEmpty() && d.headline == null) {
            throw ParseException.atOffset(NAME, "no body text besides caption and byline", 0);
        }
        d.deriveHeadlineIfMissing(DERIVED_HEADLINE_CHARS);
        d.warnIfReplacementCharacters();
        if (d.storyId == null) {
            // keyed by the content, never by the file name: the same copy gets the same id from a folder, stdin or HTTP
            String lead = body.isEmpty() ? "" : body.get(0);
            String slug = ArticleDraft.slug(d.headline, 60);
            d.derivedId(d.source + ":" + (slug.isEmpty() ? "" : slug + "-") + ArticleDraft.keyHash(d.headline, lead.length() > 300 ? lead.substring(0, 300) : lead),
                    "the headline and the start of the lead (slug + hash)");
        }
        return List.of(d.build(ctx));
    }

    private static boolean looksLikeHeadline(String line) {
        if (line.length() < 3 || line.length() > 150) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        if (last == '.' || last == ',' || last == ';' || last == ':' || last == '"' || last == '\u201D' || last == ')') {
            return false;
        }
        return !DATELINE.matcher(line).find() && !BY_LINE.matcher(line).matches();
    }

    private static String oneLine(String paragraph) {
        return Whitespace.collapse(paragraph);
    }


    private static int firstControl(String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f') || c == 0x7F) {
                return k;
            }
        }
        return -1;
    }

    /**
     * AAP racing copy (SOH, US-separated header fields, no STX/ETX): not ANPA 1312, but readable results prose. The
     * header becomes the slugline ({@code CANTERBURY 6}) and the {@code aapHeader} attribute, with a
     * {@code foreign-framing} warning; the text is read as plain text.
     */
    private static String aapRacing(String text, ArticleDraft d) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == 0x7F || Character.isWhitespace(text.charAt(i)))) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != 0x01) {
            return text;
        }
        int eol = text.indexOf('\n', i);
        String header = text.substring(i + 1, eol < 0 ? text.length() : eol);
        if (header.indexOf(0x1F) < 0 || text.indexOf(0x02) >= 0) {
            return text;
        }
        String[] fields = header.split("\u001F");
        if (fields.length == 0) {
            return text;  // separators and nothing else: no header to read, so the copy is read as it is
        }
        String first = fields[0].replaceFirst("^[A-Z]{2,10}:\\s*", "").strip();
        d.slugline = fields.length > 1 ? first + " " + fields[1].strip() : first;
        d.attribute("aapHeader", String.join(" | ", fields));
        d.headline = d.slugline; // "CANTERBURY 6": venue and race; the results carry no headline
        d.headlineDerived = true;
        d.warn("foreign-framing", "AAP SOH/US header without STX/ETX (not ANPA 1312): read as plain text");
        return eol < 0 ? "" : text.substring(eol + 1);
    }

    private static final Pattern ZCZC = Pattern.compile("^\\s*(?i:zczc)(?: ([^\n]*))?\n");
    private static final Pattern ZCZC_SIGN_OFF = Pattern.compile("^[A-Z]{2,5}(?: [a-z]{1,4}(?:/[a-z]{1,4})*)+$");
    private static final Pattern DOCUMENT_CODE = Pattern.compile("^[A-Z]{2,6}\\d{3,10}$");
    private static final Pattern TELEX_ROUTING = Pattern.compile("^(?:YY|ZZ|GG|QQ|QU|QD|SS) [A-Z]{3,8}\\b");
    private static final Pattern PR_SOURCE = Pattern.compile("^Source:\\s*(.+?)\\s*$");
    private static final Pattern PR_RELEASE = Pattern.compile("^(?:MEDIA|PRESS|NEWS) RELEASE\\b.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEYED = Pattern.compile("^([A-Z]{2})#(.*)$");

    /**
     * Telex framing as AAP sends it: {@code ZCZC} (+ agency or channel), then header lines keyed by their first character
     * ({@code %} routing, {@code #} keyword, {@code $} headline, {@code :} dateline, {@code &} author/desk, {@code *}
     * category, {@code @} region, {@code ~} service; or News Bites' {@code KEY#value} lines: {@code TI#} headline,
     * {@code AN#} article number, {@code TX#} start of text), the text, and an optional {@code NNNN} end.
     */
    private static String zczc(String text, ArticleDraft d) {
        Matcher z = ZCZC.matcher(text);
        if (!z.find()) {
            return text;
        }
        String channel = z.group(1) == null ? "" : z.group(1).strip();
        d.attribute("zczc", channel);
        if (channel.matches("[A-Z]{2,8}")) {
            d.source = channel;
        }
        String[] lines = text.substring(z.end()).split("\n", -1);
        int k = 0;
        boolean keyed = false;
        for (; k < lines.length; k++) {
            String line = lines[k];
            Matcher kv = KEYED.matcher(line);
            if (kv.matches()) {
                keyed = true;
                String v = kv.group(2).strip();
                switch (kv.group(1)) {
                    case "TI" -> d.headline = v.isEmpty() ? null : v;
                    case "AN" -> d.attribute("articleNumber", v);
                    case "BY" -> d.byline = v.isEmpty() ? null : v;
                    case "AB" -> d.attribute("abstract", v);
                    case "KN" -> d.attribute("provider", v);
                    case "PD" -> d.attribute("published", v);
                    case "TX" -> {
                        k++;
                        if (!v.isEmpty()) {
                            lines[--k] = v;
                        }
                        return join(lines, k, d);
                    }
                    default -> d.attribute(kv.group(1), v);
                }
                continue;
            }
            if (!keyed && k == 0 && TELEX_ROUTING.matcher(line).find()) {
                d.attribute("routing", line.strip());
                continue;
            }
            if (keyed || line.isEmpty() || "%#$:&*@~".indexOf(line.charAt(0)) < 0) {
                break;
            }
            String v = line.substring(1).strip();
            switch (line.charAt(0)) {
                case '#' -> d.slugline = v.isEmpty() ? d.slugline : v;
                case '$' -> {
                    if (v.length() >= 3) {
                        d.headline = v;
                    } else {
                        d.attribute("headlineKey", v);
                    }
                }
                case ':' -> {
                    if (v.matches("\\(.+\\)") && d.dateline == null) {
                        d.dateline = v.substring(1, v.length() - 1).strip();
                    } else {
                        d.attribute("place", v);
                    }
                }
                case '&' -> d.attribute("author", v);
                case '*' -> d.attribute("category", v);
                case '@' -> d.attribute("region", v);
                case '~' -> d.attribute("service", v);
                default -> d.attribute("routing", v);
            }
        }
        return join(lines, k, d);
    }

    private static String join(String[] lines, int from, ArticleDraft d) {
        int to = lines.length;
        while (to > from && (lines[to - 1].isBlank() || lines[to - 1].strip().equals("NNNN"))) {
            to--;
        }
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.min(from, to), to));
    }
}

package io.wirestream.ingest.format.plaintext;

import io.wirestream.ingest.format.Whitespace;
import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TextDecoder;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.schemas.RawArticle;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * The copy carries no id: the story id is {@code source:NAME} with NAME the file's base name (stable when the same file
 * is sent again), or, for unnamed input (stdin, HTTP), a slug of the headline.
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
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i < head.length && (head[i] == '<' || head[i] == '{' || head[i] == '[')) {
            return 2;
        }
        for (byte b : head) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return 0;
            }
        }
        return 10;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        Charset charset = ctx.declaredCharset() != null ? ctx.declaredCharset() : StandardCharsets.UTF_8;
        String text = TextDecoder.decode(bytes, charset, NAME).replace("\r\n", "\n").replace('\r', '\n');
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f') || c == 0x7F) {
                throw ParseException.atIndex(NAME, String.format("control character U+%04X in plain text", (int) c), text, k);
            }
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

        ArticleDraft d = new ArticleDraft(NAME);
        d.source = ctx.defaultSource();

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

        // headline (+ byline) at the top
        if (paras.size() > 1) {
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
        d.storyId = d.source + ":" + storyName(ctx, d.headline);
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

    private static String storyName(ParseContext ctx, String headline) {
        String origin = ctx.origin();
        if (!origin.equals("stdin") && !origin.equals("-") && !origin.equals("http") && !origin.equals("unknown")) {
            return ctx.originBaseName();
        }
        String slug = headline == null ? "" : headline.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-");
        slug = slug.replaceAll("^-+|-+$", "");
        return slug.length() > 80 ? slug.substring(0, 80) : slug.isEmpty() ? "untitled" : slug;
    }
}

package io.wirestream.ingest.format;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the small HTML found in feeds and ninjs {@code body_html} into the plain text the body field holds:
 * block elements become paragraph breaks (a blank line), tags go, character references are resolved.
 * Not a general HTML parser: it never fails, whatever the markup.
 */
public final class HtmlText {

    private static final Pattern DROP = Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BLOCK = Pattern.compile("(?i)</?(p|div|h[1-6]|li|ul|ol|blockquote|pre|table|tr|section|article|figure|figcaption|header|footer)\\b[^>]*>|<br\\s*/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("mdash", "\u2014"), Map.entry("ndash", "\u2013"),
            Map.entry("hellip", "\u2026"), Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"),
            Map.entry("ldquo", "\u201C"), Map.entry("rdquo", "\u201D"), Map.entry("copy", "\u00A9"),
            Map.entry("eacute", "\u00E9"), Map.entry("auml", "\u00E4"), Map.entry("ouml", "\u00F6"),
            Map.entry("uuml", "\u00FC"), Map.entry("szlig", "\u00DF"));

    private HtmlText() {
    }

    public static String toText(String html) {
        if (html == null) {
            return "";
        }
        String s = DROP.matcher(html).replaceAll(" ");
        s = BLOCK.matcher(s).replaceAll("\n\n");
        s = TAG.matcher(s).replaceAll("");
        s = unescape(s);
        return paragraphs(s);
    }

    /** Resolves character references; unknown names are left as they are. */
    public static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder(s.length());
        while (m.find()) {
            String ref = m.group(1);
            String rep;
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
                rep = codePoint(Integer.parseInt(ref.substring(2), 16), m.group());
            } else if (ref.startsWith("#")) {
                rep = codePoint(Integer.parseInt(ref.substring(1)), m.group());
            } else {
                rep = NAMED.getOrDefault(ref.toLowerCase(), m.group());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String codePoint(int cp, String original) {
        return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : original;
    }

    /** Collapses whitespace inside paragraphs and separates paragraphs with exactly one blank line. */
    public static String paragraphs(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String para : text.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n")) {
            String p = Whitespace.collapse(para);
            if (!p.isEmpty()) {
                if (out.length() > 0) {
                    out.append("\n\n");
                }
                out.append(p);
            }
        }
        return out.toString();
    }
}

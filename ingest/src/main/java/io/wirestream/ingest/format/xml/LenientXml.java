package io.wirestream.ingest.format.xml;

import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TextDecoder;
import org.w3c.dom.Document;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SecureXml} plus one repair real wire XML needs: a namespace prefix used but never declared (a NITF body
 * pasted into a NewsML-G2 item with its {@code xsi:schemaLocation} but not its {@code xmlns:xsi}) is declared on the
 * root element and the text parsed again, at most {@link #MAX_REPAIRS} times. Every repair is reported so that the
 * parser can record it as a warning. Anything else malformed stays an error.
 */
public final class LenientXml {

    public static final int MAX_REPAIRS = 8;
    private static final Pattern UNBOUND = Pattern.compile("The prefix \"([A-Za-z_][\\w.-]{0,40})\" for (?:attribute|element) .*is not bound");
    private static final Map<String, String> KNOWN = Map.of(
            "xsi", "http://www.w3.org/2001/XMLSchema-instance",
            "xlink", "http://www.w3.org/1999/xlink",
            "xhtml", "http://www.w3.org/1999/xhtml",
            "html", "http://www.w3.org/1999/xhtml");
    private static final Pattern ROOT_START = Pattern.compile("<(?![?!])[A-Za-z_][\\w.:-]*");

    private LenientXml() {
    }

    /** A parsed document and the prefixes that had to be declared. */
    public record Result(Document document, List<String> declaredPrefixes) {
    }

    public static Result parse(byte[] bytes, Charset declaredCharset, String format) throws ParseException {
        String text = TextDecoder.decode(bytes, 0, SecureXml.charsetOf(bytes, declaredCharset, format), format);
        List<String> declared = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            try {
                return new Result(SecureXml.parse(text, format), declared);
            } catch (ParseException e) {
                Matcher m = UNBOUND.matcher(e.reason());
                if (attempt >= MAX_REPAIRS || !m.find() || declared.contains(m.group(1))) {
                    throw e;
                }
                String prefix = m.group(1);
                String repaired = declare(text, prefix);
                if (repaired == null) {
                    throw e;
                }
                declared.add(prefix);
                text = repaired;
            }
        }
    }

    /** The text with {@code xmlns:prefix} declared on the root element, or null when no root start tag is found. */
    private static String declare(String text, String prefix) {
        int pos = 0;
        while (true) {
            int lt = text.indexOf('<', pos);
            if (lt < 0) {
                return null;
            }
            if (text.startsWith("<?", lt)) {
                pos = text.indexOf("?>", lt) < 0 ? text.length() : text.indexOf("?>", lt) + 2;
            } else if (text.startsWith("<!--", lt)) {
                pos = text.indexOf("-->", lt) < 0 ? text.length() : text.indexOf("-->", lt) + 3;
            } else if (text.startsWith("<!", lt)) {
                int gt = text.indexOf('>', lt);
                int bracket = text.indexOf('[', lt);
                if (gt < 0) {
                    return null;
                }
                pos = bracket >= 0 && bracket < gt && text.indexOf("]>", bracket) >= 0 ? text.indexOf("]>", bracket) + 2 : gt + 1;
            } else {
                Matcher m = ROOT_START.matcher(text);
                if (!m.find(lt) || m.start() != lt) {
                    return null;
                }
                String uri = KNOWN.getOrDefault(prefix.toLowerCase(Locale.ROOT), "urn:wirestream:undeclared:" + prefix);
                return text.substring(0, m.end()) + " xmlns:" + prefix + "=\"" + uri + "\"" + text.substring(m.end());
            }
        }
    }
}

package io.wirestream.ingest.format.xml;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the root element of an XML document from its first bytes, for the format sniffers. Never throws. */
public final class XmlRootSniffer {

    private static final Pattern ROOT = Pattern.compile("<([A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*)([\\s/>])");

    private XmlRootSniffer() {
    }

    /** The head as text when it looks like XML (after a BOM and whitespace it starts with {@code <}), else null. */
    public static String xmlHead(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i >= head.length || head[i] != '<') {
            return null;
        }
        return new String(head, i, head.length - i, StandardCharsets.ISO_8859_1);
    }

    /** Local name of the root element (skipping the XML declaration, comments, processing instructions and DOCTYPE), or null. */
    public static String rootLocalName(byte[] head) {
        String text = xmlHead(head);
        if (text == null) {
            return null;
        }
        int pos = 0;
        while (pos < text.length()) {
            int lt = text.indexOf('<', pos);
            if (lt < 0 || lt + 1 >= text.length()) {
                return null;
            }
            char c = text.charAt(lt + 1);
            if (c == '?') {
                int end = text.indexOf("?>", lt);
                if (end < 0) {
                    return null;
                }
                pos = end + 2;
            } else if (text.startsWith("<!--", lt)) {
                int end = text.indexOf("-->", lt);
                if (end < 0) {
                    return null;
                }
                pos = end + 3;
            } else if (c == '!') {
                int bracket = text.indexOf('[', lt);
                int gt = text.indexOf('>', lt);
                if (gt < 0) {
                    return null;
                }
                if (bracket >= 0 && bracket < gt) {
                    int end = text.indexOf("]>", bracket);
                    if (end < 0) {
                        end = text.indexOf("]", bracket);
                        if (end < 0) {
                            return null;
                        }
                    }
                    pos = end + 1;
                } else {
                    pos = gt + 1;
                }
            } else {
                Matcher m = ROOT.matcher(text);
                if (m.find(lt) && m.start() == lt) {
                    return m.group(2);
                }
                return null;
            }
        }
        return null;
    }
}

package io.wirestream.ingest.format.xml;

import io.wirestream.ingest.format.Whitespace;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;

/** Namespace-agnostic navigation of a DOM by local names, for the XML parsers. */
public final class XmlElements {

    private XmlElements() {
    }

    public static String localName(Node node) {
        String local = node.getLocalName();
        if (local != null) {
            return local;
        }
        String name = node.getNodeName();
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(colon + 1) : name;
    }

    /** Child elements of {@code parent} with this local name (all child elements when {@code localName} is null). */
    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && (localName == null || localName.equals(localName(n)))) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** The first child element with this local name, or null. */
    public static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && localName.equals(localName(n))) {
                return (Element) n;
            }
        }
        return null;
    }

    /** Follows a path of local names from {@code parent}, first match at each step; null when a step is missing. */
    public static Element path(Element parent, String... localNames) {
        Element e = parent;
        for (String name : localNames) {
            e = child(e, name);
            if (e == null) {
                return null;
            }
        }
        return e;
    }

    /** All descendant elements with this local name, document order. */
    public static List<Element> descendants(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        NodeList all = root.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        if (out.isEmpty()) {
            NodeList plain = root.getElementsByTagName(localName);
            for (int i = 0; i < plain.getLength(); i++) {
                out.add((Element) plain.item(i));
            }
        }
        return out;
    }

    /** Text content with whitespace collapsed, or null for a missing element or blank text. */
    public static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent();
        if (t == null) {
            return null;
        }
        t = Whitespace.collapse(t);
        return t.isEmpty() ? null : t;
    }

    /** Attribute value (by local name, any namespace), trimmed, or null when absent or blank. */
    public static String attr(Element e, String name) {
        if (e == null) {
            return null;
        }
        String v = e.getAttribute(name);
        if (v == null || v.isBlank()) {
            var attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Node a = attrs.item(i);
                if (name.equals(localName(a))) {
                    v = a.getNodeValue();
                    break;
                }
            }
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** An XPath-like location of the element, for error messages: {@code /nitf/head/docdata}. */
    public static String pathOf(Node node) {
        StringBuilder sb = new StringBuilder();
        for (Node n = node; n != null && n.getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) {
            sb.insert(0, "/" + localName(n));
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    /**
     * Paragraph text of a block of markup (NITF {@code body.content}, an XHTML {@code body}): every block element
     * ({@code p}, {@code h1..h6}, {@code li}, {@code blockquote}, {@code pre}, {@code div} without block children) becomes
     * one paragraph, paragraphs are separated by a blank line.
     */
    public static String paragraphs(Element container) {
        List<String> paras = new ArrayList<>();
        java.util.Set<Node> containsBlocks = new java.util.HashSet<>();
        markBlockContainers(container, containsBlocks, 0);
        collectParagraphs(container, paras, containsBlocks, 0);
        return String.join("\n\n", paras);
    }

    private static final java.util.Set<String> BLOCKS = java.util.Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li",
            "blockquote", "pre", "hl2", "dd", "dt", "td", "th", "figcaption", "caption");
    private static final java.util.Set<String> CONTAINERS = java.util.Set.of("div", "table", "ul", "ol", "dl", "section",
            "article", "block", "tr", "tbody", "thead", "figure");

    /** One pass, bottom-up: remembers every element that has a block element somewhere below it. */
    private static boolean markBlockContainers(Element e, java.util.Set<Node> containsBlocks, int depth) {
        if (e == null || depth > SecureXml.MAX_ELEMENT_DEPTH) {
            return false;
        }
        boolean below = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                String name = localName(n);
                boolean child = markBlockContainers((Element) n, containsBlocks, depth + 1);
                below |= child || BLOCKS.contains(name) || CONTAINERS.contains(name);
            }
        }
        if (below) {
            containsBlocks.add(e);
        }
        return below;
    }

    private static void collectParagraphs(Element e, List<String> out, java.util.Set<Node> containsBlocks, int depth) {
        if (e == null || depth > SecureXml.MAX_ELEMENT_DEPTH) {
            return;
        }
        StringBuilder loose = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                String name = localName(n);
                if (name.equals("media") || name.equals("script") || name.equals("style") || name.equals("head")) {
                    continue;
                }
                if (BLOCKS.contains(name)) {
                    flush(loose, out);
                    String t = text((Element) n);
                    if (t != null) {
                        out.add(t);
                    }
                } else if (containsBlocks.contains(n)) {
                    flush(loose, out);
                    collectParagraphs((Element) n, out, containsBlocks, depth + 1);
                } else {
                    loose.append(' ').append(n.getTextContent());
                }
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                loose.append(n.getNodeValue());
            }
        }
        flush(loose, out);
    }

    private static void flush(StringBuilder loose, List<String> out) {
        String t = Whitespace.collapse(loose);
        if (!t.isEmpty()) {
            out.add(t);
        }
        loose.setLength(0);
    }
}

package io.wirestream.ingest.format.newsml;

import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.HtmlText;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TimestampReader;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.ingest.format.xml.SecureXml;
import io.wirestream.ingest.format.xml.XmlElements;
import io.wirestream.ingest.format.xml.XmlRootSniffer;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.wirestream.ingest.format.xml.XmlElements.attr;
import static io.wirestream.ingest.format.xml.XmlElements.child;
import static io.wirestream.ingest.format.xml.XmlElements.children;
import static io.wirestream.ingest.format.xml.XmlElements.text;

/**
 * NewsML-G2: a {@code newsItem}, or a {@code newsMessage} whose {@code itemSet} holds several (one article per
 * {@code newsItem}). Story id = {@code @guid}, version = {@code @version} (without one, a {@code sig:update} or
 * {@code sig:correction} signal makes it 2). From {@code itemMeta}: pubStatus ({@code stat:usable|withheld|canceled}),
 * embargoed, versionCreated, provider (= source), signals, edNote. From {@code contentMeta}: urgency, language, subjects
 * (qcodes), slugline, headline, dateline / located, by / creator, caption description. Body from the inline XHTML
 * ({@code inlineXML}) or inline text ({@code inlineData}).
 */
public final class NewsMlG2Parser implements WireFormatParser {

    public static final String NAME = "newsml-g2";
    private static final Set<String> ROOTS = Set.of("newsItem", "newsMessage", "itemSet");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        String root = XmlRootSniffer.rootLocalName(head);
        return root != null && ROOTS.contains(root) ? 95 : 0;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        Document doc = SecureXml.parse(bytes, ctx.declaredCharset(), NAME);
        Element root = doc.getDocumentElement();
        String rootName = XmlElements.localName(root);
        List<Element> items = new ArrayList<>();
        switch (rootName) {
            case "newsItem" -> items.add(root);
            case "itemSet" -> items.addAll(children(root, "newsItem"));
            case "newsMessage" -> {
                for (Element set : children(root, "itemSet")) {
                    items.addAll(children(set, "newsItem"));
                }
            }
            default -> throw ParseException.atPath(NAME, "root element is <" + root.getNodeName()
                    + ">, not <newsItem> or <newsMessage>", XmlElements.pathOf(root));
        }
        if (items.isEmpty()) {
            throw ParseException.atPath(NAME, "no newsItem in the itemSet", XmlElements.pathOf(root));
        }
        List<RawArticle> out = new ArrayList<>(items.size());
        for (Element item : items) {
            out.add(item(item, ctx));
        }
        return out;
    }

    private RawArticle item(Element item, ParseContext ctx) throws ParseException {
        ArticleDraft d = new ArticleDraft(NAME);
        String where = XmlElements.pathOf(item);
        d.storyId = attr(item, "guid");
        if (d.storyId == null) {
            throw ParseException.atPath(NAME, "newsItem has no guid", where);
        }
        Element meta = child(item, "itemMeta");
        List<String> signals = new ArrayList<>();
        for (Element s : children(meta, "signal")) {
            String q = qcode(s);
            if (q != null) {
                signals.add(q);
            }
        }
        d.attribute("signals", String.join(",", signals));
        String version = attr(item, "version");
        if (version != null) {
            try {
                d.version = Integer.parseInt(version);
            } catch (NumberFormatException e) {
                throw ParseException.atPath(NAME, "version '" + version + "' is not an integer", where);
            }
            if (d.version < 1) {
                throw ParseException.atPath(NAME, "version " + version + " is not positive", where);
            }
        } else if (signals.contains("sig:update") || signals.contains("sig:correction")) {
            d.version = 2;
        }
        String status = qcode(child(meta, "pubStatus"));
        if (status != null) {
            String s = status.substring(Math.max(status.lastIndexOf(':'), status.lastIndexOf('/')) + 1).toLowerCase(Locale.ROOT);
            d.pubStatus = switch (s) {
                case "canceled", "cancelled" -> PubStatus.CANCELED;
                case "withheld" -> PubStatus.WITHHELD;
                case "usable" -> PubStatus.USABLE;
                default -> throw ParseException.atPath(NAME, "unknown pubStatus '" + status + "'", where + "/itemMeta/pubStatus");
            };
        }
        d.versionCreated = TimestampReader.read(text(child(meta, "versionCreated")));
        d.attribute("firstCreated", text(child(meta, "firstCreated")));
        d.embargoed = TimestampReader.read(text(child(meta, "embargoed")));
        d.attribute("itemClass", qcode(child(meta, "itemClass")));
        Element provider = child(meta, "provider");
        String prov = attr(provider, "literal");
        if (prov == null) {
            prov = text(child(provider, "name"));
        }
        if (prov == null && qcode(provider) != null) {
            prov = qcode(provider).replaceFirst("^nprov:", "");
        }
        d.source = prov != null ? prov : ctx.defaultSource();
        List<String> notes = new ArrayList<>();
        for (Element n : children(meta, "edNote")) {
            if (text(n) != null) {
                notes.add(text(n));
            }
        }
        d.editorialNote = notes.isEmpty() ? null : String.join("\n", notes);

        Element cm = child(item, "contentMeta");
        String urgency = text(child(cm, "urgency"));
        if (urgency != null) {
            try {
                d.urgency = Integer.parseInt(urgency);
            } catch (NumberFormatException e) {
                throw ParseException.atPath(NAME, "urgency '" + urgency + "' is not an integer", where + "/contentMeta/urgency");
            }
        }
        d.language = attr(child(cm, "language"), "tag");
        if (d.language == null) {
            String lang = item.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
            d.language = lang == null || lang.isBlank() ? null : lang;
        }
        for (Element s : children(cm, "subject")) {
            d.subject(qcode(s) != null ? qcode(s) : attr(s, "uri"));
        }
        for (Element s : children(cm, "genre")) {
            d.attribute("genre", qcode(s));
        }
        d.slugline = text(child(cm, "slugline"));
        d.headline = text(child(cm, "headline"));
        d.dateline = text(child(cm, "dateline"));
        if (d.dateline == null) {
            d.dateline = text(child(child(cm, "located"), "name"));
        }
        List<String> by = new ArrayList<>();
        String byText = text(child(cm, "by"));
        if (byText != null) {
            by.add(byText.replaceFirst("^(?i)by\\s+", ""));
        } else {
            for (Element c : children(cm, "creator")) {
                String n = text(child(c, "name")) != null ? text(child(c, "name")) : attr(c, "literal");
                if (n != null) {
                    by.add(n);
                }
            }
        }
        d.byline = by.isEmpty() ? null : String.join(" and ", by);
        for (Element desc : children(cm, "description")) {
            String role = attr(desc, "role");
            if (role != null && role.endsWith("caption")) {
                d.caption = text(desc);
            } else if (role != null && (role.endsWith("summary") || role.endsWith("abstract"))) {
                d.attribute("summary", text(desc));
            }
        }

        Element contentSet = child(item, "contentSet");
        Element inlineXml = child(contentSet, "inlineXML");
        Element inlineData = child(contentSet, "inlineData");
        if (inlineXml != null) {
            Element html = child(inlineXml, "html");
            Element body = html != null ? child(html, "body") : inlineXml;
            d.body = XmlElements.paragraphs(body);
        } else if (inlineData != null) {
            String t = inlineData.getTextContent();
            d.body = HtmlText.paragraphs(t == null ? "" : t);
        } else {
            d.attribute("remoteContent", attr(child(contentSet, "remoteContent"), "href"));
        }
        if (d.body.isEmpty() && d.headline == null && d.pubStatus == PubStatus.USABLE) {
            throw ParseException.atPath(NAME, "newsItem has neither headline nor inline content", where);
        }
        d.deriveHeadlineIfMissing(100);
        return d.build(ctx);
    }

    private static String qcode(Element e) {
        String q = attr(e, "qcode");
        return q != null ? q : attr(e, "uri");
    }
}

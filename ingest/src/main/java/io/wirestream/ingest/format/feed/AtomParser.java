package io.wirestream.ingest.format.feed;

import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TimestampReader;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.ingest.format.xml.SecureXml;
import io.wirestream.ingest.format.xml.XmlElements;
import io.wirestream.ingest.format.xml.XmlRootSniffer;
import io.wirestream.schemas.RawArticle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;

import static io.wirestream.ingest.format.xml.XmlElements.attr;
import static io.wirestream.ingest.format.xml.XmlElements.child;
import static io.wirestream.ingest.format.xml.XmlElements.children;
import static io.wirestream.ingest.format.xml.XmlElements.text;

/**
 * Atom 1.0 (RFC 4287): one article per {@code entry}. Story id = {@code id}; headline = {@code title};
 * versionCreated = {@code updated} ({@code published} kept as an attribute); byline = the {@code author} names;
 * body = {@code content} (text, html or xhtml) as text, else {@code summary}; {@code category/@term} = subjects;
 * source = the feed title. A feed without entries parses to an empty list.
 */
public final class AtomParser implements WireFormatParser {

    public static final String NAME = "atom";
    static final String ATOM_NS = "http://www.w3.org/2005/Atom";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        if (!"feed".equals(XmlRootSniffer.rootLocalName(head))) {
            return 0;
        }
        String text = XmlRootSniffer.xmlHead(head);
        return text != null && text.contains(ATOM_NS) ? 95 : 50;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        List<io.wirestream.schemas.ParseWarning> decodeWarnings = new ArrayList<>();
        Document doc = SecureXml.parse(bytes, ctx.declaredCharset(), NAME, decodeWarnings);
        Element feed = doc.getDocumentElement();
        if (!"feed".equals(XmlElements.localName(feed))) {
            throw ParseException.atPath(NAME, "root element is <" + feed.getNodeName() + ">, not <feed>", XmlElements.pathOf(feed));
        }
        String source = FeedItems.source(text(child(feed, "title")), ctx);
        String feedLang = lang(feed);
        List<RawArticle> out = new ArrayList<>();
        for (Element entry : children(feed, "entry")) {
            ArticleDraft d = new ArticleDraft(NAME);
            d.warnings.addAll(decodeWarnings);
            d.source = source;
            d.language = lang(entry) != null ? lang(entry) : feedLang;
            d.headline = content(child(entry, "title"));
            String link = null;
            for (Element l : children(entry, "link")) {
                String rel = attr(l, "rel");
                if (rel == null || rel.equals("alternate")) {
                    link = attr(l, "href");
                    break;
                }
            }
            d.attribute("link", link);
            String id = text(child(entry, "id"));
            d.storyId = id != null ? id : FeedItems.fallbackId(source, link, d.headline);
            if (d.storyId == null) {
                throw ParseException.atPath(NAME, "entry has no id, link or title: cannot identify it", XmlElements.pathOf(entry));
            }
            String updated = text(child(entry, "updated"));
            String published = text(child(entry, "published"));
            d.versionCreated = TimestampReader.read(updated != null ? updated : published);
            d.attribute("published", published);
            List<String> authors = new ArrayList<>();
            for (Element a : children(entry, "author")) {
                String name = text(child(a, "name"));
                if (name != null) {
                    authors.add(name);
                }
            }
            d.byline = authors.isEmpty() ? null : String.join(" and ", authors);
            for (Element cat : children(entry, "category")) {
                d.subject(attr(cat, "term"));
            }
            FeedItems.body(d, contentHtml(child(entry, "content")), contentHtml(child(entry, "summary")));
            if (d.body.isEmpty()) {
                // Media RSS inside Atom (YouTube and other video feeds): media:group/media:description is the text
                String media = text(child(child(entry, "group"), "description"));
                if (media != null) {
                    d.body = String.join("\n\n", java.util.Arrays.stream(media.split("\n\\s*\n"))
                            .map(io.wirestream.ingest.format.Whitespace::collapse).filter(p -> !p.isEmpty()).toList());
                    d.attribute("bodyFrom", "media:description");
                }
            }
            if (d.body.isEmpty() && d.headline == null) {
                throw ParseException.atPath(NAME, "entry has neither title nor content", XmlElements.pathOf(entry));
            }
            d.deriveHeadlineIfMissing(100);
            out.add(d.build(ctx));
        }
        return out;
    }

    /** Text constructs: {@code type="html"} is escaped markup, {@code xhtml} is a div of real elements, text is text. */
    private static String contentHtml(Element e) {
        if (e == null) {
            return null;
        }
        String type = attr(e, "type");
        if ("xhtml".equals(type)) {
            String paras = XmlElements.paragraphs(e);
            return paras.replace("&", "&amp;").replace("<", "&lt;").replace("\n\n", "<p>");
        }
        if (type == null || type.equals("text")) {
            return e.getTextContent().replace("&", "&amp;").replace("<", "&lt;").replaceAll("\n\\s*\n", "<p>");
        }
        return e.getTextContent();
    }

    private static String content(Element e) {
        String html = contentHtml(e);
        return html == null ? null : io.wirestream.ingest.format.HtmlText.toText(html).replace("\n\n", " ");
    }

    private static String lang(Element e) {
        String l = e.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
        return l == null || l.isBlank() ? null : l;
    }
}

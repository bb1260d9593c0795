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

import static io.wirestream.ingest.format.xml.XmlElements.child;
import static io.wirestream.ingest.format.xml.XmlElements.children;
import static io.wirestream.ingest.format.xml.XmlElements.text;

/**
 * RSS 2.0: one article per {@code item}. Story id = {@code guid} (else {@code link}, else source + title slug);
 * headline = {@code title}; versionCreated = {@code pubDate} (RFC 822); byline = {@code author} or
 * {@code dc:creator}; body = {@code content:encoded} as text, else {@code description}; categories = subjects;
 * source = the channel title. A feed without items parses to an empty list.
 */
public final class RssParser implements WireFormatParser {

    public static final String NAME = "rss";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        String root = XmlRootSniffer.rootLocalName(head);
        return "rss".equals(root) ? 95 : "RDF".equals(root) ? 60 : 0;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        List<io.wirestream.schemas.ParseWarning> decodeWarnings = new ArrayList<>();
        Document doc = SecureXml.parse(bytes, ctx.declaredCharset(), NAME, decodeWarnings);
        Element root = doc.getDocumentElement();
        Element channel = child(root, "channel");
        if (channel == null) {
            throw ParseException.atPath(NAME, "no <channel> in <" + root.getNodeName() + ">", XmlElements.pathOf(root));
        }
        String source = FeedItems.source(text(child(channel, "title")), ctx);
        String language = text(child(channel, "language"));
        List<Element> items = children(channel, "item");
        if (items.isEmpty()) {
            items = children(root, "item"); // RSS 1.0 (RDF) puts items beside the channel
        }
        List<RawArticle> out = new ArrayList<>();
        for (Element item : items) {
            ArticleDraft d = new ArticleDraft(NAME);
            d.warnings.addAll(decodeWarnings);
            d.source = source;
            d.language = language;
            d.headline = text(child(item, "title"));
            String link = text(child(item, "link"));
            d.attribute("link", link);
            String guid = text(child(item, "guid"));
            d.storyId = guid != null ? guid : FeedItems.fallbackId(source, link, d.headline);
            if (d.storyId == null) {
                throw ParseException.atPath(NAME, "item has no guid, link or title: cannot identify it", XmlElements.pathOf(item));
            }
            String pubDate = text(child(item, "pubDate"));
            if (pubDate == null) {
                pubDate = text(child(item, "date"));
            }
            d.versionCreated = TimestampReader.read(pubDate);
            d.attribute("pubDate", d.versionCreated == null ? pubDate : null);
            String author = text(child(item, "creator"));
            d.byline = author != null ? author : text(child(item, "author"));
            for (Element cat : children(item, "category")) {
                d.subject(text(cat));
            }
            Element encoded = child(item, "encoded");
            FeedItems.body(d, encoded == null ? null : encoded.getTextContent(), text(child(item, "description")));
            if (d.body.isEmpty() && d.headline == null) {
                throw ParseException.atPath(NAME, "item has neither title nor description", XmlElements.pathOf(item));
            }
            d.deriveHeadlineIfMissing(100);
            out.add(d.build(ctx));
        }
        return out;
    }
}

package io.wirestream.ingest.format.nitf;

import io.wirestream.ingest.format.Whitespace;
import io.wirestream.ingest.format.ArticleDraft;
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
import org.w3c.dom.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.wirestream.ingest.format.xml.XmlElements.attr;
import static io.wirestream.ingest.format.xml.XmlElements.child;
import static io.wirestream.ingest.format.xml.XmlElements.children;
import static io.wirestream.ingest.format.xml.XmlElements.path;
import static io.wirestream.ingest.format.xml.XmlElements.text;

/**
 * NITF 3.x. Story id from {@code docdata/doc-id/@id-string} (source from its {@code regsrc}); version from
 * {@code du-key/@version}; {@code docdata/@management-status} usable / embargoed / withheld / canceled;
 * {@code urgency/@ed-urg}; {@code date.issue} = versionCreated, {@code date.release} = embargo when the status is
 * embargoed or the release lies after the issue; {@code ed-msg} = editorial note; {@code key-list} keywords and
 * {@code tobject.subject} codes = subjects; {@code hedline/hl1}, {@code byline}, {@code dateline/location},
 * {@code body.content} paragraphs, {@code media-caption} = caption. A DOCTYPE is fine; its DTD is never loaded.
 */
public final class NitfParser implements WireFormatParser {

    public static final String NAME = "nitf";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        return "nitf".equals(XmlRootSniffer.rootLocalName(head)) ? 95 : 0;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        List<io.wirestream.schemas.ParseWarning> decodeWarnings = new ArrayList<>();
        Document doc = SecureXml.parse(bytes, ctx.declaredCharset(), NAME, decodeWarnings);
        Element root = doc.getDocumentElement();
        if (!"nitf".equals(XmlElements.localName(root))) {
            throw ParseException.atPath(NAME, "root element is <" + root.getNodeName() + ">, not <nitf>", XmlElements.pathOf(root));
        }
        Element head = child(root, "head");
        Element docdata = path(head, "docdata");
        ArticleDraft d = new ArticleDraft(NAME);
        d.warnings.addAll(decodeWarnings);

        Element docId = child(docdata, "doc-id");
        String id = attr(docId, "id-string");
        d.source = attr(docId, "regsrc");
        Element copyright = child(docdata, "doc.copyright");
        if (d.source == null) {
            d.source = attr(copyright, "holder");
        }
        if (d.source == null) {
            // ANSA: <body.head><distributor><org>ANSA</org></distributor>
            d.source = text(child(child(child(child(root, "body"), "body.head"), "distributor"), "org"));
        }
        if (d.source == null) {
            d.source = ctx.defaultSource();
        }
        Element duKey = child(docdata, "du-key");
        d.slugline = attr(duKey, "key");
        boolean deriveFromHeadline = false;
        if (id == null) {
            if (d.slugline == null) {
                deriveFromHeadline = true; // AP's agate / table NITF: no doc-id, no du-key; derived below
            } else {
                id = d.source + ":" + d.slugline;
                d.warn(ArticleDraft.DERIVED_ID, "the copy carries no doc-id/@id-string; derived from du-key/@key");
            }
        }
        d.storyId = id;
        String version = attr(duKey, "version");
        if (version != null) {
            d.version = positiveInt(version, NAME, duKey);
        }
        d.attribute("generation", attr(duKey, "generation"));
        d.attribute("part", attr(duKey, "part"));

        String status = attr(docdata, "management-status");
        d.attribute("managementStatus", status);
        d.urgency = urgency(attr(child(docdata, "urgency"), "ed-urg"));
        d.versionCreated = TimestampReader.read(attr(child(docdata, "date.issue"), "norm"));
        Instant release = TimestampReader.read(attr(child(docdata, "date.release"), "norm"));
        if (status != null) {
            switch (status.toLowerCase(Locale.ROOT)) {
                case "canceled", "cancelled" -> d.pubStatus = PubStatus.CANCELED;
                case "withheld" -> d.pubStatus = PubStatus.WITHHELD;
                default -> d.pubStatus = PubStatus.USABLE;
            }
        }
        if (release != null && ("embargoed".equalsIgnoreCase(status) || (d.versionCreated != null && release.isAfter(d.versionCreated)))) {
            d.embargoed = release;
        }
        d.attribute("expires", attr(child(docdata, "date.expire"), "norm"));
        Element edMsg = child(docdata, "ed-msg");
        d.editorialNote = attr(edMsg, "info") != null ? attr(edMsg, "info") : text(edMsg);
        for (Element keyList : children(docdata, "key-list")) {
            for (Element kw : children(keyList, "keyword")) {
                d.subject(attr(kw, "key"));
            }
        }
        for (Element tobject : children(head, "tobject")) {
            d.attribute("tobjectType", attr(tobject, "tobject.type"));
            for (Element subj : children(tobject, "tobject.subject")) {
                String ref = attr(subj, "tobject.subject.refnum");
                if (ref != null) {
                    d.subject(ref.contains(":") ? ref : "subj:" + ref);
                }
            }
        }
        d.language = lang(root);

        Element body = child(root, "body");
        Element bodyHead = child(body, "body.head");
        Element hedline = child(bodyHead, "hedline");
        d.headline = text(child(hedline, "hl1"));
        d.attribute("subheadline", text(child(hedline, "hl2")));
        if (d.headline == null) {
            d.headline = text(child(head, "title"));
        }
        if (d.headline != null && d.headline.startsWith(">>>")) {
            // ANSA's ">>>ANSA/" routing prefix is not part of the headline
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^>>>([A-Za-z]{2,10})/\\s*(.+)$").matcher(d.headline);
            if (m.matches()) {
                d.attribute("headlinePrefix", ">>>" + m.group(1) + "/");
                d.headline = m.group(2);
            }
        }
        List<String> bylines = new ArrayList<>();
        for (Element by : children(bodyHead, "byline")) {
            Element byttl = child(by, "byttl");
            d.attribute("bylineTitle", text(byttl));
            StringBuilder sb = new StringBuilder();
            for (Node n = by.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n != byttl && n.getNodeType() != Node.COMMENT_NODE && n.getNodeType() != Node.PROCESSING_INSTRUCTION_NODE) {
                    sb.append(n.getTextContent());
                }
            }
            String b = Whitespace.collapse(sb).replaceFirst("^(?i)by\\s+", "").replaceAll("[,;]$", "");
            if (!b.isEmpty()) {
                bylines.add(b);
            }
        }
        d.byline = bylines.isEmpty() ? null : String.join(" and ", bylines);
        Element dateline = child(bodyHead, "dateline");
        if (dateline != null) {
            Element location = child(dateline, "location");
            // the location; without one, the dateline's own text (a story.date is a date, not a place)
            Element storyDate = child(dateline, "story.date");
            String own = text(dateline);
            if (own != null && storyDate != null && text(storyDate) != null) {
                own = own.replace(text(storyDate), "").strip();
            }
            d.dateline = text(location) != null ? text(location) : own == null || own.isEmpty() ? null : own;
            d.attribute("storyDate", attr(child(dateline, "story.date"), "norm"));
        }
        d.attribute("abstract", text(child(bodyHead, "abstract")));
        Element content = child(body, "body.content");
        List<String> captions = new ArrayList<>();
        for (Element media : XmlElements.descendants(content, "media")) {
            String cap = text(child(media, "media-caption"));
            if (cap != null) {
                captions.add(cap);
            }
        }
        d.caption = captions.isEmpty() ? null : String.join("\n", captions);
        d.body = content == null ? "" : XmlElements.paragraphs(content);
        if (d.body.isEmpty() && d.headline == null && d.pubStatus == PubStatus.USABLE) {
            throw ParseException.atPath(NAME, "no hedline and no body.content text", body == null ? "/nitf" : XmlElements.pathOf(body));
        }
        if (deriveFromHeadline) {
            String title = d.headline != null ? d.headline : d.body;
            Instant when = d.versionCreated != null ? d.versionCreated : TimestampReader.read(d.attributes.get("storyDate"));
            String date = when == null ? null : when.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
            d.derivedId(d.source + ":" + ArticleDraft.slug(title, 80) + (date == null ? "" : ":" + date),
                    "hedline/hl1 (else title)" + (date == null ? " (no date in the document)" : " and date.issue (else story.date)"));
        }
        d.attribute("nitfVersion", attr(root, "version"));
        d.deriveHeadlineIfMissing(100);
        d.warnIfReplacementCharacters();
        return List.of(d.build(ctx));
    }

    private static String lang(Element root) {
        String lang = root.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
        if (lang == null || lang.isBlank()) {
            lang = attr(root, "lang");
        }
        return lang == null || lang.isBlank() ? null : lang.strip();
    }

    private static Integer urgency(String edUrg) {
        if (edUrg == null) {
            return null;
        }
        try {
            int u = Integer.parseInt(edUrg.strip());
            return u >= 1 && u <= 9 ? u : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int positiveInt(String value, String format, Element where) throws ParseException {
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ParseException.atPath(format, "version '" + value + "' is not a positive integer", XmlElements.pathOf(where));
    }
}

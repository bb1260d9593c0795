package io.wirestream.ingest.format.newsml1;

import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.HtmlText;
import io.wirestream.ingest.format.ParseResult;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TimestampReader;
import io.wirestream.ingest.format.Whitespace;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.ingest.format.xml.LenientXml;
import io.wirestream.ingest.format.xml.XmlElements;
import io.wirestream.ingest.format.xml.XmlRootSniffer;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.wirestream.ingest.format.xml.XmlElements.attr;
import static io.wirestream.ingest.format.xml.XmlElements.child;
import static io.wirestream.ingest.format.xml.XmlElements.children;
import static io.wirestream.ingest.format.xml.XmlElements.text;

/**
 * NewsML 1.2 ({@code NewsML/NewsItem/NewsComponent}), as AFP, ANSA and others still send it: one article per
 * {@code NewsItem}; one bad item rejects only itself.
 *
 * <ul>
 *   <li>Story id: {@code urn:newsml:ProviderId:DateId:NewsItemId} from {@code Identification/NewsIdentifier} (stable
 *       across revisions), else the {@code PublicIdentifier} without its trailing revision; version =
 *       {@code RevisionId}. The {@code PublicIdentifier} is kept as an attribute.</li>
 *   <li>{@code NewsManagement}: {@code Status} Usable / Withheld / Canceled (a kill) / Embargoed;
 *       {@code StatusWillChange/DateAndTime} is the embargo time when the status is Embargoed or the future status is
 *       Usable; {@code ThisRevisionCreated} = versionCreated; {@code Urgency}; {@code Instruction} as an attribute.</li>
 *   <li>{@code NewsLines}: HeadLine, SubHeadLine, ByLine, DateLine, SlugLine; {@code AdministrativeMetadata/Provider}
 *       = source; {@code DescriptiveMetadata/Language}, {@code SubjectCode} = subjects.</li>
 *   <li>Body: the first text {@code ContentItem}'s {@code DataContent} (XHTML, a NITF document's body.content, bare
 *       paragraphs or plain text), searching nested {@code NewsComponent}s, the {@code Main} role first. A picture
 *       component with a caption is a story whose text is the caption (warning {@code media-item}).</li>
 * </ul>
 * DTDs are never loaded ({@code SecureXml}); a DOCTYPE naming one is fine.
 */
public final class NewsMl1Parser implements WireFormatParser {

    public static final String NAME = "newsml-1";
    private static final int MAX_DEPTH = 32;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int sniff(byte[] head) {
        String root = XmlRootSniffer.rootLocalName(head);
        return "NewsML".equals(root) ? 95 : "NewsItem".equals(root) ? 90 : 0;
    }

    @Override
    public List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException {
        LenientXml.Result parsed = LenientXml.parse(bytes, ctx.declaredCharset(), NAME);
        Element root = parsed.document().getDocumentElement();
        String rootName = XmlElements.localName(root);
        List<Element> items;
        if (rootName.equals("NewsML")) {
            items = children(root, "NewsItem");
        } else if (rootName.equals("NewsItem")) {
            items = List.of(root);
        } else {
            throw ParseException.atPath(NAME, "root element is <" + root.getNodeName() + ">, not <NewsML>", XmlElements.pathOf(root));
        }
        if (items.isEmpty()) {
            throw ParseException.atPath(NAME, "no story text: no NewsItem in the NewsML document", XmlElements.pathOf(root));
        }
        Instant envelopeTime = TimestampReader.read(text(child(child(root, "NewsEnvelope"), "DateAndTime")));
        return ParseResult.ofStories(NAME, items.size(), 0, i -> {
            ArticleDraft d = item(items.get(i), i, ctx, envelopeTime);
            for (String prefix : parsed.declaredPrefixes()) {
                d.warn("undeclared-namespace-prefix", "namespace prefix '" + prefix + "' is used but not declared: declared it and read on");
            }
            return d.build(ctx);
        }).articlesWithRejectionWarnings();
    }

    private ArticleDraft item(Element item, int index, ParseContext ctx, Instant envelopeTime) throws ParseException {
        String where = XmlElements.pathOf(item) + (item.getParentNode() instanceof Element ? "[" + (index + 1) + "]" : "");
        ArticleDraft d = new ArticleDraft(NAME);
        Element ident = child(child(item, "Identification"), "NewsIdentifier");
        String provider = text(child(ident, "ProviderId"));
        String dateId = text(child(ident, "DateId"));
        String itemId = text(child(ident, "NewsItemId"));
        String publicId = text(child(ident, "PublicIdentifier"));
        d.attribute("publicIdentifier", publicId);
        if (provider != null && itemId != null) {
            d.storyId = "urn:newsml:" + provider + ":" + (dateId == null ? "" : dateId) + ":" + itemId;
        } else if (publicId != null) {
            // urn:newsml:provider:date:item:revision[update] - the revision changes with every version
            d.storyId = publicId.replaceFirst("^(urn:newsml:[^:]*:[^:]*:[^:]*):\\d+[A-Z]?$", "$1");
        } else {
            throw ParseException.atPath(NAME, "NewsItem has no NewsIdentifier (ProviderId and NewsItemId, or PublicIdentifier)",
                    where + "/Identification");
        }
        Element revision = child(ident, "RevisionId");
        String rev = text(revision);
        if (rev != null) {
            d.positiveVersion("RevisionId", rev, 1);
        } else if (publicId != null && publicId.matches(".*:\\d+[A-Z]?$")) {
            String tail = publicId.substring(publicId.lastIndexOf(':') + 1).replaceAll("[A-Z]$", "");
            try {
                d.version = Math.max(1, Integer.parseInt(tail));
            } catch (NumberFormatException e) {
                d.version = 1;
            }
        }
        d.attribute("revisionUpdate", attr(revision, "Update"));
        d.source = provider;

        Element mgmt = child(item, "NewsManagement");
        d.attribute("newsItemType", formal(child(mgmt, "NewsItemType")));
        d.versionCreated = time(d, "ThisRevisionCreated", text(child(mgmt, "ThisRevisionCreated")));
        if (d.versionCreated == null) {
            d.versionCreated = envelopeTime;
        }
        d.attribute("firstCreated", text(child(mgmt, "FirstCreated")));
        String status = formal(child(mgmt, "Status"));
        boolean embargoedStatus = false;
        if (status == null) {
            d.warn("no-pub-status", "no NewsManagement/Status: read as usable");
        } else {
            String s = status.substring(status.lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
            switch (s) {
                case "usable" -> d.pubStatus = PubStatus.USABLE;
                case "withheld" -> d.pubStatus = PubStatus.WITHHELD;
                case "canceled", "cancelled", "kill", "killed" -> d.pubStatus = PubStatus.CANCELED;
                case "embargoed" -> embargoedStatus = true;
                default -> d.warn("unknown-pub-status", "Status '" + cut(status) + "' is none of Usable, Withheld, Canceled, Embargoed: read as usable");
            }
        }
        Element willChange = child(mgmt, "StatusWillChange");
        Instant change = time(d, "StatusWillChange", text(child(willChange, "DateAndTime")));
        String future = formal(child(willChange, "FutureStatus"));
        if (change != null && (embargoedStatus || (future != null && future.toLowerCase(Locale.ROOT).endsWith("usable")))) {
            d.embargoed = change;
        } else if (embargoedStatus) {
            d.warn("embargo-without-time", "Status is Embargoed but StatusWillChange gives no time: read as usable");
        }
        String urgency = formal(child(mgmt, "Urgency"));
        if (urgency != null) {
            try {
                d.urgency = Integer.parseInt(urgency);
            } catch (NumberFormatException e) {
                d.warn("bad-urgency", "Urgency '" + cut(urgency) + "' is not an integer: ignored");
            }
        }
        List<String> instructions = new ArrayList<>();
        for (Element ins : children(mgmt, "Instruction")) {
            if (formal(ins) != null) {
                instructions.add(formal(ins));
            }
        }
        d.attribute("instruction", String.join(",", instructions));

        Element component = child(item, "NewsComponent");
        if (component == null) {
            if (d.pubStatus != PubStatus.USABLE) {
                d.body = "";
                d.headline = null;
                return d;
            }
            throw ParseException.atPath(NAME, "no story text: NewsItem has no NewsComponent", where);
        }
        lines(d, component, 0);
        meta(d, component, 0);
        Element text = textItem(component, 0);
        if (text != null) {
            d.body = body(d, child(text, "DataContent"));
        }
        if (d.body.isEmpty()) {
            String caption = caption(component, 0);
            if (caption != null) {
                d.caption = caption;
                d.body = caption;
                d.warn("media-item", "no text component: the story text is the caption");
            }
        }
        if (d.body.isEmpty() && d.headline == null && d.pubStatus == PubStatus.USABLE) {
            throw ParseException.atPath(NAME, "no story text: no headline and no text ContentItem", where);
        }
        d.deriveHeadlineIfMissing(100);
        return d;
    }

    /** NewsLines of this component, else of the first nested component that has them. */
    private static void lines(ArticleDraft d, Element component, int depth) {
        if (component == null || depth > MAX_DEPTH) {
            return;
        }
        Element lines = child(component, "NewsLines");
        if (lines != null) {
            d.headline = d.headline != null ? d.headline : text(child(lines, "HeadLine"));
            d.attribute("subheadline", text(child(lines, "SubHeadLine")));
            if (d.byline == null && text(child(lines, "ByLine")) != null) {
                d.byline = text(child(lines, "ByLine")).replaceFirst("^(?i)(by|von|par|di|da)\\s+", "");
            }
            d.dateline = d.dateline != null ? d.dateline : text(child(lines, "DateLine"));
            d.slugline = d.slugline != null ? d.slugline : text(child(lines, "SlugLine"));
            d.attribute("copyrightLine", text(child(lines, "CopyrightLine")));
        }
        if (d.headline == null) {
            for (Element c : children(component, "NewsComponent")) {
                lines(d, c, depth + 1);
                if (d.headline != null) {
                    return;
                }
            }
        }
    }

    private static void meta(ArticleDraft d, Element component, int depth) {
        if (component == null || depth > MAX_DEPTH) {
            return;
        }
        Element admin = child(component, "AdministrativeMetadata");
        String party = formal(child(child(admin, "Provider"), "Party"));
        if (party != null && (d.source == null || depth == 0)) {
            d.source = party;
        }
        Element desc = child(component, "DescriptiveMetadata");
        if (d.language == null) {
            d.language = formal(child(desc, "Language"));
        }
        for (Element sc : children(desc, "SubjectCode")) {
            for (Element s : children(sc, null)) {
                String code = formal(s);
                if (code != null) {
                    String scheme = attr(s, "Scheme");
                    d.subject(code.contains(":") ? code : (scheme != null && scheme.equalsIgnoreCase("IptcSubjectCodes") || scheme == null
                            ? "subj:" : scheme + ":") + code);
                }
            }
        }
        for (Element c : children(component, "NewsComponent")) {
            meta(d, c, depth + 1);
        }
    }

    /** The text ContentItem: in a {@code Main} component first, then the first text item anywhere. */
    private static Element textItem(Element component, int depth) {
        if (component == null || depth > MAX_DEPTH) {
            return null;
        }
        for (Element ci : children(component, "ContentItem")) {
            if (isText(ci) && child(ci, "DataContent") != null) {
                return ci;
            }
        }
        List<Element> nested = children(component, "NewsComponent");
        for (Element c : nested) {
            if ("main".equalsIgnoreCase(role(c))) {
                Element t = textItem(c, depth + 1);
                if (t != null) {
                    return t;
                }
            }
        }
        for (Element c : nested) {
            String role = role(c);
            if (role == null || !(role.equalsIgnoreCase("caption") || role.equalsIgnoreCase("main"))) {
                Element t = textItem(c, depth + 1);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Text of a {@code Caption} component, if any (picture items). */
    private static String caption(Element component, int depth) {
        if (component == null || depth > MAX_DEPTH) {
            return null;
        }
        for (Element c : children(component, "NewsComponent")) {
            if ("caption".equalsIgnoreCase(role(c))) {
                for (Element ci : children(c, "ContentItem")) {
                    Element data = child(ci, "DataContent");
                    if (data != null) {
                        String t = Whitespace.collapse(data.getTextContent());
                        if (!t.isEmpty()) {
                            return t;
                        }
                    }
                }
            }
            String nested = caption(c, depth + 1);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private static boolean isText(Element ci) {
        String media = formal(child(ci, "MediaType"));
        String mime = formal(child(ci, "MimeType"));
        if (media != null) {
            return media.equalsIgnoreCase("Text") || media.toLowerCase(Locale.ROOT).endsWith(":text");
        }
        return mime == null || mime.startsWith("text/") || mime.contains("xml") || mime.contains("html");
    }

    private static String body(ArticleDraft d, Element data) {
        if (data == null) {
            return "";
        }
        Element html = null;
        Element nitf = null;
        boolean markup = false;
        for (Node n = data.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                markup = true;
                String name = XmlElements.localName(e);
                if (name.equalsIgnoreCase("html")) {
                    html = e;
                } else if (name.equals("nitf")) {
                    nitf = e;
                }
            }
        }
        if (nitf != null) {
            Element body = child(nitf, "body");
            Element content = child(body, "body.content");
            Element bodyHead = child(body, "body.head");
            if (d.headline == null) {
                d.headline = text(child(child(bodyHead, "hedline"), "hl1"));
            }
            if (d.byline == null) {
                d.byline = text(child(bodyHead, "byline"));
            }
            return XmlElements.paragraphs(content != null ? content : body != null ? body : nitf);
        }
        if (html != null) {
            Element body = child(html, "body");
            return XmlElements.paragraphs(body != null ? body : html);
        }
        if (markup) {
            return XmlElements.paragraphs(data);
        }
        String t = data.getTextContent();
        return t == null ? "" : HtmlText.paragraphs(t);
    }

    private static Instant time(ArticleDraft d, String field, String s) {
        if (s == null) {
            return null;
        }
        Instant t = TimestampReader.read(s);
        if (t == null) {
            d.warn("bad-timestamp", field + " '" + cut(s) + "' is not a NewsML date-time: ignored");
        }
        return t;
    }

    private static String role(Element component) {
        return formal(child(component, "Role"));
    }

    private static String formal(Element e) {
        String f = attr(e, "FormalName");
        return f != null ? f : text(e);
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "\u2026" : s;
    }
}

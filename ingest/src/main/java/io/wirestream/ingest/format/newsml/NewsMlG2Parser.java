package io.wirestream.ingest.format.newsml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.wirestream.ingest.format.xml.XmlElements.attr;
import static io.wirestream.ingest.format.xml.XmlElements.child;
import static io.wirestream.ingest.format.xml.XmlElements.children;
import static io.wirestream.ingest.format.xml.XmlElements.text;

/**
 * NewsML-G2: a {@code newsItem}, or a {@code newsMessage} whose {@code itemSet} holds several (one article per
 * {@code newsItem} or {@code planningItem}; {@code packageItem}s and {@code conceptItem}s in a message are references
 * and metadata, not stories, and are skipped; a {@code packageItem} on its own is read as one story from its headline
 * and description). One bad item rejects only itself (see {@link ParseResult#articlesWithRejectionWarnings()}).
 *
 * <p>Story id = {@code @guid}, version = {@code @version}. From {@code itemMeta}: pubStatus, embargoed, versionCreated,
 * provider (= source), signals, edNote. From {@code contentMeta}: urgency, language, subjects, slugline, headline,
 * dateline / located, by / creator, descriptions. Body from the inline XHTML, an inline NITF body, TT's TTNITF, or
 * inline text.
 *
 * <p>Read leniently, each with a warning (see ingest/README.md, "NewsML-G2 as agencies send it"): no {@code version}
 * (1, or 2 with an update signal: {@code sig:update}, {@code sig:correction}, TT's {@code tt_sig:replace}); a version
 * that is not a positive integer (1); no or an unknown {@code pubStatus} (usable); an agency kill signal such as STT's
 * {@code sttinstruct:remove} (canceled); the deprecated {@code icls:} item class scheme; relative namespace URIs; an
 * ISO 639-2 {@code xml:lang} such as {@code swe} (mapped to {@code sv}); timestamps without a zone (UTC); an undeclared
 * namespace prefix (declared and parsed again); malformed JSON in an ANSA {@code semantics} description (ignored).
 * A picture, video or audio item with a caption or description is a story whose text is that caption; an item with
 * no headline, no body and no description holds no story text and is rejected.
 */
public final class NewsMlG2Parser implements WireFormatParser {

    public static final String NAME = "newsml-g2";
    private static final Set<String> ROOTS = Set.of("newsItem", "newsMessage", "itemSet", "packageItem", "planningItem");
    private static final Set<String> STORY_ITEMS = Set.of("newsItem", "planningItem");
    private static final Set<String> UPDATE_SIGNALS = Set.of("sig:update", "sig:correction", "tt_sig:replace");
    private static final Set<String> KILL_SIGNAL_CODES = Set.of("remove", "delete", "kill", "withdraw");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ISO3_TO_ISO2 = iso3Map();

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
        LenientXml.Result parsed = LenientXml.parse(bytes, ctx.declaredCharset(), NAME);
        Element root = parsed.document().getDocumentElement();
        String rootName = XmlElements.localName(root);
        List<Element> items = new ArrayList<>();
        switch (rootName) {
            case "newsItem", "planningItem", "packageItem" -> items.add(root);
            case "itemSet" -> items.addAll(storyItems(root));
            case "newsMessage" -> {
                for (Element set : children(root, "itemSet")) {
                    items.addAll(storyItems(set));
                }
            }
            default -> throw ParseException.atPath(NAME, "root element is <" + root.getNodeName()
                    + ">, not <newsItem> or <newsMessage>", XmlElements.pathOf(root));
        }
        if (items.isEmpty()) {
            throw ParseException.atPath(NAME, "no story text: no newsItem in the itemSet", XmlElements.pathOf(root));
        }
        List<String> rootWarnings = new ArrayList<>();
        for (String prefix : parsed.declaredPrefixes()) {
            rootWarnings.add("undeclared-namespace-prefix\u0000namespace prefix '" + prefix + "' is used but not declared: declared it and read on");
        }
        String relative = relativeNamespaces(root);
        if (relative != null) {
            rootWarnings.add("relative-namespace-uri\u0000relative namespace URIs (" + relative + "): not resolvable, read as names");
        }
        return ParseResult.ofStories(NAME, items.size(), 0, i -> {
            ArticleDraft d = item(items.get(i), ctx);
            for (String w : rootWarnings) {
                String[] kv = w.split("\u0000", 2);
                d.warn(kv[0], kv[1]);
            }
            return d.build(ctx);
        }).articlesWithRejectionWarnings();
    }

    /** The story items of an itemSet; a package alone (no story item beside it) is read as the story. */
    private static List<Element> storyItems(Element set) {
        List<Element> stories = new ArrayList<>();
        List<Element> packages = new ArrayList<>();
        for (Element e : children(set, null)) {
            String n = XmlElements.localName(e);
            if (STORY_ITEMS.contains(n)) {
                stories.add(e);
            } else if (n.equals("packageItem")) {
                packages.add(e);
            }
        }
        return stories.isEmpty() ? packages : stories;
    }

    private ArticleDraft item(Element item, ParseContext ctx) throws ParseException {
        ArticleDraft d = new ArticleDraft(NAME);
        String kind = XmlElements.localName(item);
        String where = XmlElements.pathOf(item);
        Element meta = child(item, "itemMeta");
        Element cm = child(item, "contentMeta");
        d.storyId = attr(item, "guid");
        if (d.storyId == null) {
            throw ParseException.atPath(NAME, kind + " has no guid", where);
        }
        if (meta == null && cm == null && children(item, null).isEmpty()) {
            throw ParseException.atPath(NAME, "no story text: " + kind + " has no itemMeta, contentMeta or content"
                    + " (an elided skeleton?)", where);
        }
        if (!kind.equals("newsItem")) {
            d.attribute("itemKind", kind);
            d.warn(kind.equals("planningItem") ? "planning-item" : "package-item", "a " + kind
                    + (kind.equals("planningItem") ? " (a coverage plan, not a story): read from its headline and description"
                    : " (references to other items): read from its own headline and description"));
        }
        List<String> signals = new ArrayList<>();
        for (Element s : children(meta, "signal")) {
            String q = qcode(s);
            if (q != null) {
                signals.add(q);
            }
        }
        d.attribute("signals", String.join(",", signals));
        boolean update = signals.stream().anyMatch(UPDATE_SIGNALS::contains);
        String version = attr(item, "version");
        if (version != null) {
            d.positiveVersion("version", version, update ? 2 : 1);
        } else {
            d.version = update ? 2 : 1;
            d.warn("no-version", "no version attribute: read as " + d.version + (update ? " (update signal "
                    + String.join(",", signals) + ")" : ""));
        }
        String status = qcode(child(meta, "pubStatus"));
        if (status == null) {
            d.warn("no-pub-status", "no pubStatus: read as usable");
        } else {
            String s = status.substring(Math.max(status.lastIndexOf(':'), status.lastIndexOf('/')) + 1).toLowerCase(Locale.ROOT);
            d.pubStatus = switch (s) {
                case "canceled", "cancelled" -> PubStatus.CANCELED;
                case "withheld" -> PubStatus.WITHHELD;
                case "usable" -> PubStatus.USABLE;
                default -> {
                    d.warn("unknown-pub-status", "pubStatus '" + cut(status) + "' is none of usable, withheld, canceled: read as usable");
                    yield PubStatus.USABLE;
                }
            };
        }
        for (String sig : signals) {
            String code = sig.substring(sig.indexOf(':') + 1).toLowerCase(Locale.ROOT);
            if (!sig.startsWith("sig:") && KILL_SIGNAL_CODES.contains(code) && d.pubStatus != PubStatus.CANCELED) {
                d.pubStatus = PubStatus.CANCELED;
                d.warn("kill-by-agency-signal", "signal " + sig + " withdraws the item although pubStatus is "
                        + (status == null ? "absent" : status) + ": read as canceled");
            }
        }
        d.versionCreated = time(d, "versionCreated", text(child(meta, "versionCreated")));
        d.attribute("firstCreated", text(child(meta, "firstCreated")));
        d.embargoed = time(d, "embargoed", text(child(meta, "embargoed")));
        String itemClass = qcode(child(meta, "itemClass"));
        if (itemClass != null && itemClass.startsWith("icls:")) {
            d.warn("deprecated-item-class-scheme", "itemClass " + itemClass + " uses the deprecated icls: scheme: read as ninat:");
            itemClass = "ninat:" + itemClass.substring(5);
        }
        d.attribute("itemClass", itemClass);
        Element provider = child(meta, "provider");
        String prov = attr(provider, "literal");
        if (prov == null) {
            prov = text(child(provider, "name"));
        }
        if (prov == null && attr(provider, "qcode") != null) {
            prov = attr(provider, "qcode").replaceFirst("^[\\w-]+:", "");
        }
        if (prov == null) {
            prov = attr(provider, "uri");
        }
        d.source = prov != null ? prov : ctx.defaultSource();
        List<String> notes = new ArrayList<>();
        for (Element n : children(meta, "edNote")) {
            if (text(n) != null) {
                notes.add(text(n));
            }
        }
        d.editorialNote = notes.isEmpty() ? null : String.join("\n", notes);

        String urgency = text(child(cm, "urgency"));
        if (urgency != null) {
            try {
                d.urgency = Integer.parseInt(urgency);
            } catch (NumberFormatException e) {
                d.warn("bad-urgency", "urgency '" + cut(urgency) + "' is not an integer: ignored");
            }
        }
        d.language = attr(child(cm, "language"), "tag");
        if (d.language == null) {
            String lang = item.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang");
            d.language = lang == null || lang.isBlank() ? null : language(d, lang.trim());
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
            by.add(byText.replaceFirst("^(?i)(by|von|av|par)\\s+", ""));
        } else {
            for (Element c : children(cm, "creator")) {
                String n = text(child(c, "name")) != null ? text(child(c, "name")) : attr(c, "literal");
                if (n != null) {
                    by.add(n);
                }
            }
        }
        d.byline = by.isEmpty() ? null : String.join(" and ", by);
        String otherDescription = null;
        for (Element desc : children(cm, "description")) {
            String role = attr(desc, "role");
            String value = text(desc);
            if (role != null && role.endsWith("semantics")) {
                semantics(d, value);
            } else if (role != null && role.endsWith("caption")) {
                d.caption = d.caption == null ? value : d.caption;
            } else if (role != null && (role.endsWith("summary") || role.endsWith("abstract") || role.endsWith("teaser"))) {
                d.attribute("summary", value);
                otherDescription = otherDescription == null ? value : otherDescription;
            } else if (value != null && otherDescription == null) {
                otherDescription = value;
            }
        }

        Element contentSet = child(item, "contentSet");
        Element inlineXml = child(contentSet, "inlineXML");
        Element inlineData = child(contentSet, "inlineData");
        if (inlineXml != null) {
            body(d, inlineXml);
        } else if (inlineData != null) {
            String t = inlineData.getTextContent();
            d.body = HtmlText.paragraphs(t == null ? "" : t);
        } else {
            d.attribute("remoteContent", attr(child(contentSet, "remoteContent"), "href"));
        }
        if (kind.equals("packageItem") && d.body.isEmpty()) {
            packageRefs(d, item);
        }
        if (d.body.isEmpty()) {
            String media = itemClass == null ? "" : itemClass.substring(itemClass.indexOf(':') + 1);
            if (d.caption != null || (otherDescription != null && Set.of("picture", "video", "audio", "graphic").contains(media))) {
                d.body = d.caption != null ? d.caption : otherDescription;
                d.warn("media-item", "a " + (media.isEmpty() ? "media" : media) + " item: the story text is its "
                        + (d.caption != null ? "caption" : "description"));
            } else if (otherDescription != null) {
                d.body = otherDescription;
                d.warn("body-from-description", "no inline content: the story text is the item's description");
            }
        }
        if (d.body.isEmpty() && d.headline == null && d.pubStatus == PubStatus.USABLE) {
            throw ParseException.atPath(NAME, "no story text: " + kind + " has no headline, no inline content and no description", where);
        }
        d.deriveHeadlineIfMissing(100);
        return d;
    }

    /** Body of an inlineXML: XHTML {@code body}, a NITF document's {@code body.content}, TT's TTNITF, or the markup itself. */
    private static void body(ArticleDraft d, Element inlineXml) {
        Element html = child(inlineXml, "html");
        Element nitf = child(inlineXml, "nitf");
        Element ttnitf = child(inlineXml, "BODY");
        if (html != null) {
            Element body = child(html, "body");
            // dpa digitalwires put a <header> (date, slugline keywords, the headline again) before the text
            for (Element header : children(body, "header")) {
                body.removeChild(header);
            }
            d.body = XmlElements.paragraphs(body != null ? body : html);
        } else if (nitf != null) {
            Element body = child(nitf, "body");
            Element bodyHead = child(body, "body.head");
            Element content = child(body, "body.content");
            d.body = XmlElements.paragraphs(content != null ? content : body);
            if (d.headline == null) {
                d.headline = text(child(child(bodyHead, "hedline"), "hl1"));
            }
            if (d.byline == null) {
                Element byline = child(bodyHead, "byline");
                if (byline != null) {
                    StringBuilder sb = new StringBuilder();
                    for (Node n = byline.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (!(n instanceof Element e && "byttl".equals(XmlElements.localName(e)))) {
                            sb.append(n.getTextContent());
                        }
                    }
                    String b = Whitespace.collapse(sb).replaceFirst("^(?i)by\\s+", "").replaceAll("[\\s,;]+$", "");
                    d.byline = b.isEmpty() ? null : b;
                }
            }
            if (d.dateline == null) {
                d.dateline = text(child(child(bodyHead, "dateline"), "location"));
            }
        } else if (ttnitf != null) {
            // TT's own NITF dialect: TEXT/RUBRIK (headline), DAT (place, source), INGRESS/P, BRODTEXT/P|CITAT|MELLIS
            Element textEl = child(ttnitf, "TEXT");
            List<String> paras = new ArrayList<>();
            ttParagraphs(textEl != null ? textEl : ttnitf, paras, 0);
            d.body = String.join("\n\n", paras);
            if (d.dateline == null) {
                d.dateline = text(child(child(textEl, "DAT"), "ORT"));
            }
            if (d.headline == null) {
                d.headline = text(child(textEl, "RUBRIK"));
            }
        } else {
            d.body = XmlElements.paragraphs(inlineXml);
        }
    }

    /** A package alone: its text is what it says of the items it references (their headlines and descriptions). */
    private static void packageRefs(ArticleDraft d, Element pkg) {
        List<String> paras = new ArrayList<>();
        for (Element group : XmlElements.descendants(pkg, "group")) {
            for (Element ref : children(group, "itemRef")) {
                String h = text(child(ref, "headline"));
                String desc = text(child(ref, "description"));
                if (h != null && d.headline == null) {
                    d.headline = h;
                }
                if (h != null) {
                    paras.add(h);
                }
                if (desc != null) {
                    paras.add(desc);
                }
            }
        }
        d.body = String.join("\n\n", paras);
    }

    private static void ttParagraphs(Element e, List<String> out, int depth) {
        if (depth > 32) {
            return;
        }
        for (Element c : children(e, null)) {
            String n = XmlElements.localName(c).toUpperCase(Locale.ROOT);
            switch (n) {
                case "RUBRIK", "DAT", "BILD", "FAKTA" -> {
                }
                case "P", "CITAT", "MELLIS" -> {
                    String t = text(c);
                    if (t != null) {
                        out.add(n.equals("CITAT") ? "\u2013 " + t : t);
                    }
                }
                default -> ttParagraphs(c, out, depth + 1);
            }
        }
    }

    private static void semantics(ArticleDraft d, String json) {
        if (json == null) {
            return;
        }
        try {
            JSON.readTree(json);
        } catch (JsonProcessingException e) {
            d.warn("malformed-embedded-json", "the semantics description is not valid JSON: ignored");
        }
    }

    private static Instant time(ArticleDraft d, String field, String s) {
        if (s == null) {
            return null;
        }
        Instant t = TimestampReader.read(s.matches(".*[+-]\\d{4}$") ? s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2) : s);
        if (t == null) {
            d.warn("bad-timestamp", field + " '" + cut(s) + "' is not an ISO 8601 date-time: ignored");
        } else if (s.contains("T") && !s.matches(".*(Z|z|[+-]\\d{2}:?\\d{2})$")) {
            d.warn("timestamp-without-zone", field + " '" + s + "' has no time zone: read as UTC");
        }
        return t;
    }

    /** A BCP 47 tag from an {@code xml:lang}; ISO 639-2 codes ({@code swe}) become their 639-1 form with a warning. */
    private static String language(ArticleDraft d, String lang) {
        String primary = lang.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        String two = primary.length() == 3 ? ISO3_TO_ISO2.get(primary) : null;
        if (two != null) {
            d.warn("non-bcp47-language", "xml:lang '" + cut(lang) + "' is an ISO 639-2 code: read as '" + two + "'");
            return two + lang.substring(primary.length());
        }
        return lang;
    }

    private static Map<String, String> iso3Map() {
        Map<String, String> m = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                m.put(Locale.forLanguageTag(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException e) {
                // no three-letter code known
            }
        }
        m.put("swe", "sv");
        m.put("fin", "fi");
        m.put("nor", "no");
        m.put("dan", "da");
        m.put("ger", "de");
        m.put("fre", "fr");
        return m;
    }

    private static String relativeNamespaces(Element root) {
        NamedNodeMap attrs = root.getAttributes();
        List<String> rel = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (a.getName().startsWith("xmlns") && !a.getValue().isEmpty() && !a.getValue().contains(":")) {
                rel.add(a.getName());
            }
        }
        return rel.isEmpty() ? null : String.join(", ", rel.subList(0, Math.min(4, rel.size()))) + (rel.size() > 4 ? ", \u2026" : "");
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "\u2026" : s;
    }

    private static String qcode(Element e) {
        String q = attr(e, "qcode");
        return q != null ? q : attr(e, "uri");
    }
}

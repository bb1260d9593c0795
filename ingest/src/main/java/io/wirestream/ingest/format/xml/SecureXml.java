package io.wirestream.ingest.format.xml;

import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.TextDecoder;
import io.wirestream.schemas.ParseWarning;
import org.w3c.dom.Document;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one hardened XML parser every XML format uses.
 *
 * <ul>
 *   <li>A {@code DOCTYPE} is allowed ({@code disallow-doctype-decl} false: NITF files declare one) but the external DTD
 *       is never loaded ({@code load-external-dtd} false) and access to external DTDs and schemas is empty.</li>
 *   <li>Any external entity (general or parameter) is refused by the entity resolver with a clear error: an XXE file
 *       fails, it does not silently resolve or silently drop.</li>
 *   <li>Secure processing is on and entity expansion is capped ({@link #ENTITY_EXPANSION_LIMIT}), so a billion-laughs
 *       file fails fast; element depth is capped too.</li>
 *   <li>Text is decoded by this class ({@link #decode}): a UTF-16 BOM, then the charset declared outside the bytes (HTTP
 *       header), then the XML declaration's {@code encoding}, else UTF-8, read leniently (ingest/README.md, "Leniency"):
 *       Latin-1 declared over valid multi-byte UTF-8 is UTF-8, bytes that do not match are Windows-1252, each with a
 *       warning that {@link #parse(byte[], Charset, String, List)} hands back.</li>
 * </ul>
 */
public final class SecureXml {

    public static final int ENTITY_EXPANSION_LIMIT = 1000;
    public static final int MAX_ELEMENT_DEPTH = 256;

    private static final Pattern DECLARED_ENCODING = Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");
    private static final DocumentBuilderFactory FACTORY = newFactory();
    /** Building a DocumentBuilder costs more than parsing a wire story; each thread keeps one and resets it. */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private SecureXml() {
    }

    private static DocumentBuilderFactory newFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/validation", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", String.valueOf(ENTITY_EXPANSION_LIMIT));
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxGeneralEntitySizeLimit", "65536");
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit", "1000000");
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
            return f;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK XML parser does not support the hardening features", e);
        }
    }

    /** Decodes and parses {@code bytes} into a namespace-aware DOM. */
    public static Document parse(byte[] bytes, Charset declaredCharset, String format) throws ParseException {
        return parse(bytes, declaredCharset, format, new ArrayList<>());
    }

    /**
     * Decodes ({@link #decode}) and parses {@code bytes}; what was read leniently (a mislabelled or wrong charset) is
     * added to {@code warnings}.
     */
    public static Document parse(byte[] bytes, Charset declaredCharset, String format, List<ParseWarning> warnings) throws ParseException {
        TextDecoder.Decoded decoded = decode(bytes, declaredCharset, format);
        if (decoded.warning() != null) {
            warnings.add(decoded.warning());
        }
        return parse(decoded.text(), format);
    }

    /**
     * The document's text: a UTF-16 BOM is strict UTF-16; otherwise the charset declared outside the bytes, else the XML
     * declaration's, else UTF-8, read leniently ({@link TextDecoder#lenient}): ISO-8859-1 / Windows-1252 declared over
     * valid multi-byte UTF-8 is UTF-8 ({@code charset-mislabel}), bytes that are not what was declared are Windows-1252
     * ({@code charset-fallback}); an unknown charset name reads as UTF-8 (else Windows-1252) with a warning.
     */
    public static TextDecoder.Decoded decode(byte[] bytes, Charset declaredCharset, String format) throws ParseException {
        if (bytes.length >= 2 && (((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) || ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE))) {
            Charset utf16 = charsetOf(bytes, null, format);
            return new TextDecoder.Decoded(TextDecoder.decode(bytes, 2, utf16, format), utf16, null);
        }
        Charset cs = declaredCharset;
        ParseWarning unknown = null;
        if (cs == null) {
            String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
            Matcher m = DECLARED_ENCODING.matcher(head);
            if (m.find()) {
                try {
                    cs = TextDecoder.charset(m.group(1), format);
                } catch (ParseException e) {
                    unknown = new ParseWarning(TextDecoder.CHARSET_FALLBACK, "unknown encoding '" + m.group(1) + "' declared");
                }
            }
        }
        TextDecoder.Decoded d = TextDecoder.lenient(bytes, 0, cs);
        if (unknown != null) {
            return new TextDecoder.Decoded(d.text(), d.charset(), new ParseWarning(TextDecoder.CHARSET_FALLBACK,
                    unknown.getMessage() + ": read as " + d.charset().name()));
        }
        return d;
    }

    /** Parses already-decoded XML text. */
    public static Document parse(String text, String format) throws ParseException {
        String xml = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setEntityResolver(REFUSE_EXTERNAL);
            builder.setErrorHandler(THROW);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw ParseException.atLine(format, reason(e), e.getLineNumber(), e.getColumnNumber());
        } catch (ExternalEntityRefused e) {
            // the resolver's refusal carries no locator: point at the declaration of what it refused
            int at = e.systemId == null ? -1 : xml.indexOf(e.systemId);
            if (at >= 0) {
                throw ParseException.atIndex(format, e.getMessage(), xml, at);
            }
            throw ParseException.atOffset(format, e.getMessage(), 0);
        } catch (SAXException e) {
            throw ParseException.atOffset(format, reason(e), 0);
        } catch (IOException | RuntimeException e) {
            throw ParseException.atOffset(format, "unreadable XML: " + e.getMessage(), 0);
        }
    }

    /** Charset by BOM, declared charset, XML declaration, else UTF-8. */
    public static Charset charsetOf(byte[] bytes, Charset declaredCharset, String format) throws ParseException {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            return StandardCharsets.UTF_16LE;
        }
        if (declaredCharset != null) {
            return declaredCharset;
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_ENCODING.matcher(head);
        if (m.find()) {
            return TextDecoder.charset(m.group(1), format);
        }
        return StandardCharsets.UTF_8;
    }

    private static String reason(SAXException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (msg.contains("JAXP00010001") || msg.contains("entity expansions")) {
            return "entity expansion limit exceeded (possible billion-laughs attack): " + msg;
        }
        if (msg.contains("accessExternalDTD") || msg.contains("External Entity")) {
            return "external entity refused: " + msg;
        }
        return msg;
    }

    private static final class ExternalEntityRefused extends SAXException {
        private final String systemId;

        ExternalEntityRefused(String publicId, String systemId) {
            super("external entity refused (systemId=" + systemId + (publicId == null ? "" : ", publicId=" + publicId)
                    + "): external entities are never loaded");
            this.systemId = systemId;
        }
    }

    private static final EntityResolver REFUSE_EXTERNAL = (publicId, systemId) -> {
        throw new ExternalEntityRefused(publicId, systemId);
    };

    private static final ErrorHandler THROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // warnings (e.g. an unused DTD) are not errors
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
}

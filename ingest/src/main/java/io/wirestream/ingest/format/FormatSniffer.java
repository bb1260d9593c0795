package io.wirestream.ingest.format;

import io.wirestream.ingest.format.anpa.AnpaParser;
import io.wirestream.ingest.format.feed.AtomParser;
import io.wirestream.ingest.format.feed.RssParser;
import io.wirestream.ingest.format.iptc7901.Iptc7901Parser;
import io.wirestream.ingest.format.newsml.NewsMlG2Parser;
import io.wirestream.ingest.format.newsml1.NewsMl1Parser;
import io.wirestream.ingest.format.email.EmailParser;
import io.wirestream.ingest.format.ninjs.NinjsParser;
import io.wirestream.ingest.format.nitf.NitfParser;
import io.wirestream.ingest.format.plaintext.PlainTextParser;
import io.wirestream.schemas.ParseWarning;
import io.wirestream.schemas.RawArticle;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of parsers: picks one by sniffing the first bytes (the highest {@link WireFormatParser#sniff} wins),
 * or takes a forced one by name, enforces the input size cap and runs it.
 */
public final class FormatSniffer {

    /** How many leading bytes the sniffers see. */
    public static final int SNIFF_BYTES = 4096;
    /** Default input size cap: 10 MiB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("plain", PlainTextParser.NAME), Map.entry("plaintext", PlainTextParser.NAME), Map.entry("text", PlainTextParser.NAME),
            Map.entry("anpa", AnpaParser.NAME), Map.entry("anpa1312", AnpaParser.NAME),
            Map.entry("iptc7901", Iptc7901Parser.NAME), Map.entry("7901", Iptc7901Parser.NAME),
            Map.entry("newsml", NewsMlG2Parser.NAME), Map.entry("newsml-g2", NewsMlG2Parser.NAME), Map.entry("g2", NewsMlG2Parser.NAME),
            Map.entry("json", NinjsParser.NAME),
            Map.entry("newsml1", NewsMl1Parser.NAME), Map.entry("newsml-1.2", NewsMl1Parser.NAME), Map.entry("newsml12", NewsMl1Parser.NAME),
            Map.entry("email", EmailParser.NAME), Map.entry("e-mail", EmailParser.NAME), Map.entry("eml", EmailParser.NAME),
            Map.entry("mime", EmailParser.NAME), Map.entry("rfc5322", EmailParser.NAME));

    private final Map<String, WireFormatParser> parsers;
    private final long maxBytes;

    public FormatSniffer(List<WireFormatParser> parsers, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        Map<String, WireFormatParser> byName = new LinkedHashMap<>();
        for (WireFormatParser p : parsers) {
            byName.put(p.name(), p);
        }
        this.parsers = Collections.unmodifiableMap(byName);
        this.maxBytes = maxBytes;
    }

    /** Every built-in format, 10 MiB cap. */
    public static FormatSniffer defaults() {
        return defaults(DEFAULT_MAX_BYTES);
    }

    public static FormatSniffer defaults(long maxBytes) {
        return new FormatSniffer(List.of(new AnpaParser(), new Iptc7901Parser(), new NitfParser(), new NewsMlG2Parser(),
                new RssParser(), new AtomParser(), new NinjsParser(), new NewsMl1Parser(), new EmailParser(), new PlainTextParser()), maxBytes);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public List<String> formatNames() {
        return List.copyOf(parsers.keySet());
    }

    /** The parser registered under {@code name} or one of its aliases (case-insensitive). */
    public Optional<WireFormatParser> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(parsers.getOrDefault(key, parsers.get(ALIASES.getOrDefault(key, key))));
    }

    /** The parser whose sniffer is most confident about these bytes, if any is at all. */
    public Optional<WireFormatParser> sniff(byte[] bytes) {
        byte[] head = bytes.length <= SNIFF_BYTES ? bytes : Arrays.copyOf(bytes, SNIFF_BYTES);
        WireFormatParser best = null;
        int bestScore = 0;
        for (WireFormatParser p : parsers.values()) {
            int score;
            try {
                score = p.sniff(head);
            } catch (RuntimeException e) {
                score = 0;
            }
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The forced parser when {@code forcedFormat} is given, else the sniffed one; otherwise {@link UnknownFormatException}. */
    public WireFormatParser select(byte[] bytes, String forcedFormat) throws UnknownFormatException {
        if (forcedFormat != null && !forcedFormat.isBlank()) {
            return byName(forcedFormat).orElseThrow(() -> new UnknownFormatException(
                    "unknown format '" + forcedFormat + "'; known: " + String.join(", ", parsers.keySet())));
        }
        return sniff(bytes).orElseThrow(() -> new UnknownFormatException(
                "unrecognised format: the bytes match none of " + String.join(", ", parsers.keySet())));
    }

    /** Size check, parser selection and parsing in one. */
    public ParseResult parse(byte[] bytes, ParseContext ctx, String forcedFormat) throws ParseException {
        if (bytes.length > maxBytes) {
            throw new InputTooLargeException(bytes.length, maxBytes);
        }
        if (bytes.length == 0) {
            throw ParseException.atOffset(null, "empty input", 0);
        }
        WireFormatParser parser = select(bytes, forcedFormat);
        ParseResult result;
        try {
            result = parser.parseAll(bytes, ctx);
        } catch (ParseException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Parsers must not do this (the property tests pin it down); if one does, the input is still rejected with a reason.
            throw new ParseException(parser.name(), "internal parser error: " + e, 0, 0, 0, null, e);
        }
        if (result.articles().isEmpty()) {
            if (!result.failures().isEmpty()) {
                throw result.failures().get(0).error();
            }
            throw ParseException.atOffset(parser.name(), "no article in the input", 0);
        }
        return ctx.storyId() == null ? result : withExplicitId(result, ctx.storyId());
    }

    /**
     * The transport's story id replaces the id of a single-story input (its {@code derived-id} warning goes: the id is no
     * longer derived); several stories keep their own ids, each with an {@code explicit-id-ignored} warning.
     */
    static ParseResult withExplicitId(ParseResult result, String storyId) {
        List<RawArticle> out = new java.util.ArrayList<>();
        for (RawArticle a : result.articles()) {
            // the articles are fresh from the parser and not shared: set the fields in place
            List<ParseWarning> warnings = new java.util.ArrayList<>(a.getWarnings());
            if (result.articles().size() == 1 && storyId.length() <= ArticleDraft.MAX_ID_LENGTH) {
                warnings.removeIf(w -> ArticleDraft.DERIVED_ID.equals(w.getKind()));
                if (!storyId.equals(a.getStoryId())) {
                    java.util.Map<String, String> attrs = new java.util.TreeMap<>(a.getAttributes());
                    attrs.put("copyStoryId", a.getStoryId());
                    a.setAttributes(new java.util.LinkedHashMap<>(attrs));
                }
                a.setStoryId(storyId);
            } else {
                warnings.add(new ParseWarning(EXPLICIT_ID_IGNORED, result.articles().size() == 1
                        ? "the story id given by the transport is longer than " + ArticleDraft.MAX_ID_LENGTH + " characters"
                        : "the story id given by the transport was not used: the input holds " + result.articles().size() + " stories"));
            }
            a.setWarnings(warnings);
            out.add(a);
        }
        return new ParseResult(result.format(), out, result.failures());
    }

    /** Warning kind: the transport gave a story id that could not be applied. */
    public static final String EXPLICIT_ID_IGNORED = "explicit-id-ignored";
}

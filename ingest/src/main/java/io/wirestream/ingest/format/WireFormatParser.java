package io.wirestream.ingest.format;

import io.wirestream.schemas.RawArticle;

import java.util.List;

/**
 * Turns the bytes of one wire file (or HTTP body, or feed document) into the stories it carries.
 *
 * <p>Implementations are stateless and thread-safe. {@link #parse} either returns at least one article or throws a
 * {@link ParseException} that says where and why; it never throws anything else, whatever the bytes.
 */
public interface WireFormatParser {

    /** Stable name of the format, also the value of {@code RawArticle.format} (e.g. {@code nitf}, {@code anpa-1312}). */
    String name();

    /**
     * How sure this parser is that {@code head} (the first bytes of an input, at most {@link FormatSniffer#SNIFF_BYTES})
     * is in its format: 0 = not mine, 100 = certainly mine. Must be cheap and must not throw.
     */
    int sniff(byte[] head);

    /** Parses one input into one or more articles. */
    List<RawArticle> parse(byte[] bytes, ParseContext ctx) throws ParseException;

    /**
     * Parses one input that may hold several stories: the articles, plus the index and error of every story that could
     * not be read. Throws when nothing could be read. Formats with one story per input need not override it.
     */
    default ParseResult parseAll(byte[] bytes, ParseContext ctx) throws ParseException {
        return new ParseResult(name(), parse(bytes, ctx));
    }
}

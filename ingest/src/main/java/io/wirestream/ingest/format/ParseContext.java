package io.wirestream.ingest.format;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a parser knows about an input besides its bytes.
 *
 * @param origin          where the bytes came from: a file name, an URL, {@code stdin}, {@code http}; recorded in the
 *                        {@code origin} attribute (never part of a story id: the same copy gets the same id whichever way
 *                        it arrives)
 * @param defaultSource   the {@code source} to use when the copy does not name its agency (e.g. a feed host)
 * @param declaredCharset charset declared outside the bytes (HTTP {@code Content-Type}), or null
 * @param clock           the clock that stamps {@code received}
 * @param storyId         a story id given by the transport (HTTP {@code X-Story-Id} header or {@code ?id=}), or null;
 *                        when the input holds one story it wins over the copy's own or derived id
 *                        ({@link FormatSniffer#parse} applies it)
 */
public record ParseContext(String origin, String defaultSource, Charset declaredCharset, Clock clock, String storyId) {

    public ParseContext {
        Objects.requireNonNull(clock, "clock");
        origin = origin == null || origin.isBlank() ? "unknown" : origin;
        defaultSource = defaultSource == null || defaultSource.isBlank() ? "wirestream" : defaultSource;
        storyId = storyId == null || storyId.isBlank() ? null : storyId.strip();
    }

    /** A context without an explicit story id. */
    public ParseContext(String origin, String defaultSource, Charset declaredCharset, Clock clock) {
        this(origin, defaultSource, declaredCharset, clock, null);
    }

    /** A context for a named input with the system UTC clock and no declared charset. */
    public static ParseContext of(String origin) {
        return new ParseContext(origin, null, null, Clock.systemUTC());
    }

    public ParseContext withClock(Clock newClock) {
        return new ParseContext(origin, defaultSource, declaredCharset, newClock, storyId);
    }

    public ParseContext withDeclaredCharset(Charset charset) {
        return new ParseContext(origin, defaultSource, charset, clock, storyId);
    }

    public ParseContext withDefaultSource(String source) {
        return new ParseContext(origin, source, declaredCharset, clock, storyId);
    }

    public ParseContext withOrigin(String newOrigin) {
        return new ParseContext(newOrigin, defaultSource, declaredCharset, clock, storyId);
    }

    /**
     * The transport's story id (HTTP {@code X-Story-Id} / {@code ?id=}); blank means none. It replaces the id of a
     * single-story input; an input with several stories keeps theirs and each gets an {@code explicit-id-ignored} warning.
     */
    public ParseContext withStoryId(String id) {
        return new ParseContext(origin, defaultSource, declaredCharset, clock, id);
    }

    /** The receive instant, to the millisecond (the Avro field is timestamp-millis). */
    public Instant received() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The origin's last path segment without its extension ({@code /in/000_abc.txt} gives {@code 000_abc}). */
    public String originBaseName() {
        String name = origin;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return name;
    }
}

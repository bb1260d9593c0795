package io.wirestream.ingest.testutil;

import io.wirestream.ingest.format.ParseContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** The wire fixtures under {@code src/test/resources/fixtures/<format>/}, written from each format's public spec. */
public final class Fixtures {

    /** The instant every test context stamps as {@code received}. */
    public static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05.678Z");
    public static final Clock CLOCK = Clock.fixed(RECEIVED, ZoneOffset.UTC);
    public static final Path ROOT = Path.of("src", "test", "resources", "fixtures");

    private Fixtures() {
    }

    public static byte[] bytes(String format, String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + format + "/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + format + "/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names of the fixtures of one format, sorted. */
    public static List<String> names(String format) {
        try (Stream<Path> files = Files.list(ROOT.resolve(format))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ParseContext context(String origin) {
        return new ParseContext(origin, "wirestream", null, CLOCK);
    }

    /** The real seed article of the project, {@code seeds/NAME}. */
    public static byte[] seed(String name) {
        try {
            return Files.readAllBytes(Path.of("..", "seeds", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

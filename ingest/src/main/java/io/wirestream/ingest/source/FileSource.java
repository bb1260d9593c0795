package io.wirestream.ingest.source;

import io.wirestream.ingest.format.InputTooLargeException;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One-shot ingest of files, folders (recursively, hidden files skipped, sorted by path) and {@code -} for stdin.
 * Each file is one input: parsed, delivered, reported to the listener.
 */
public final class FileSource {

    private final Ingestor ingestor;
    private final ParseContext template;
    private final String forcedFormat;

    /**
     * @param template     clock, default source and declared charset for every input (its origin is replaced per file)
     * @param forcedFormat a format name to use instead of sniffing, or null
     */
    public FileSource(Ingestor ingestor, ParseContext template, String forcedFormat) {
        this.ingestor = ingestor;
        this.template = template;
        this.forcedFormat = forcedFormat;
    }

    /** Ingests every path; returns the outcomes in order. A missing or unreadable path is a rejected input. */
    public List<Ingestor.Outcome> ingest(List<String> paths, InputStream stdin) {
        List<Ingestor.Outcome> outcomes = new ArrayList<>();
        for (String p : paths) {
            if (p.equals("-")) {
                outcomes.add(ingestStream("stdin", stdin));
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile)
                            .filter(f -> !path.relativize(f).toString().matches("(^|.*[/\\\\])\\..*"))
                            .sorted().toList();
                } catch (IOException e) {
                    outcomes.add(ingestor.deliverFailure(p, e));
                    continue;
                }
                for (Path f : files) {
                    outcomes.add(ingestFile(f));
                }
            } else {
                outcomes.add(ingestFile(path));
            }
        }
        return outcomes;
    }

    public Ingestor.Outcome ingestFile(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = BoundedInput.read(file, ingestor.sniffer().maxBytes());
        } catch (InputTooLargeException e) {
            return ingestor.reject(name, e);
        } catch (NoSuchFileException e) {
            return ingestor.reject(name, ParseException.atOffset(null, "no such file", 0));
        } catch (IOException e) {
            return ingestor.reject(name, ParseException.atOffset(null, "unreadable: " + e, 0));
        }
        return ingestor.ingest(name, bytes, withOrigin(name), forcedFormat);
    }

    private Ingestor.Outcome ingestStream(String name, InputStream in) {
        byte[] bytes;
        try {
            bytes = BoundedInput.read(in, ingestor.sniffer().maxBytes());
        } catch (InputTooLargeException e) {
            return ingestor.reject(name, e);
        } catch (IOException e) {
            return ingestor.reject(name, ParseException.atOffset(null, "unreadable: " + e, 0));
        }
        return ingestor.ingest(name, bytes, withOrigin(name), forcedFormat);
    }

    private ParseContext withOrigin(String origin) {
        return new ParseContext(origin, template.defaultSource(), template.declaredCharset(), template.clock());
    }
}

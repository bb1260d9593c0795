package io.wirestream.cli.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.cli.bench.SyntheticCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A hot folder ({@code inbox/} with {@code done/} and {@code rejected/}) as the fault tests see it: synthetic stories
 * dropped in as ninjs files, each with its own {@code uri} (plain text is keyed by headline and lead, which variants of
 * one template may share), written then renamed in, as a wire client would; and what is where afterwards.
 */
final class HotFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path inbox;
    final Path done;
    final Path rejected;

    HotFolder(Path inbox) {
        this.inbox = inbox;
        this.done = inbox.resolve("done");
        this.rejected = inbox.resolve("rejected");
    }

    /** Drops {@code n} stories of {@code corpus} into the inbox; returns the file names. */
    List<String> drop(SyntheticCorpus corpus, int n) throws IOException {
        Files.createDirectories(inbox);
        List<String> names = new ArrayList<>();
        for (SyntheticCorpus.Story story : corpus.take(n)) {
            String base = story.name().replaceFirst("\\.[^.]*$", "");
            String[] blocks = story.text().strip().split("\\n[ \\t]*\\n", 2);
            ObjectNode ninjs = JSON.createObjectNode().put("uri", "urn:fault:" + base).put("type", "text")
                .put("headline", blocks[0].strip()).put("body_text", blocks.length > 1 ? blocks[1] : blocks[0]);
            String name = base + ".json";
            Path tmp = inbox.resolve(name + ".part");
            Files.write(tmp, JSON.writeValueAsBytes(ninjs));
            Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            names.add(name);
        }
        return names;
    }

    /** Files still in the inbox itself (not in done/ or rejected/). */
    List<String> waiting() {
        return names(inbox);
    }

    List<String> inDone() {
        return names(done);
    }

    List<String> inRejected() {
        return names(rejected);
    }

    /** Names found in both done/ and rejected/ (a file handled twice): none, or a bug. */
    Set<String> inBoth() {
        Set<String> both = new HashSet<>(inDone());
        both.retainAll(inRejected());
        return both;
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

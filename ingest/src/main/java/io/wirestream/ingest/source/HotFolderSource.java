package io.wirestream.ingest.source;

import io.wirestream.ingest.format.InputTooLargeException;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A watched hot folder. Files dropped into {@code DIR} are picked up once complete, published, and after the broker
 * acknowledged every article moved to {@code DIR/done/}; a file that cannot be parsed moves to {@code DIR/rejected/}
 * with {@code NAME.error} beside it (format, location, message). A file whose delivery fails stays where it is and is
 * retried on the next scan: nothing is lost.
 *
 * <p>Half-written files are not picked up: names ending in {@code .tmp} or {@code .part} and hidden files are ignored
 * (write, then rename), and any other file must show the same size and modification time for {@code stableFor} first.
 * A {@link WatchService} triggers scans; a scan also runs every {@code pollInterval}, which covers file systems where
 * watching does not work.
 */
public final class HotFolderSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HotFolderSource.class);
    private static final Set<String> PARTIAL_SUFFIXES = Set.of(".tmp", ".part", ".partial", ".crdownload");

    private final Path dir;
    private final Path done;
    private final Path rejected;
    private final Ingestor ingestor;
    private final ParseContext template;
    private final String forcedFormat;
    private final Duration pollInterval;
    private final Duration stableFor;
    private final Map<Path, Seen> seen = new HashMap<>();
    /** Entries that are not files this source can take (sub-directories, dangling links), each logged once. */
    private final java.util.Set<Path> ignored = new java.util.HashSet<>();
    private volatile boolean running;
    private Thread thread;
    private WatchService watch;

    private record Seen(long size, long mtime, long sinceNanos) {
    }

    public HotFolderSource(Path dir, Ingestor ingestor, ParseContext template, String forcedFormat,
                           Duration pollInterval, Duration stableFor) throws IOException {
        this.dir = dir;
        this.done = dir.resolve("done");
        this.rejected = dir.resolve("rejected");
        this.ingestor = ingestor;
        this.template = template;
        this.forcedFormat = forcedFormat;
        this.pollInterval = pollInterval;
        this.stableFor = stableFor;
        Files.createDirectories(done);
        Files.createDirectories(rejected);
    }

    public Path doneDir() {
        return done;
    }

    public Path rejectedDir() {
        return rejected;
    }

    /** Starts the watcher thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        try {
            watch = FileSystems.getDefault().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot watch {} ({}); polling every {}", dir, e.toString(), pollInterval);
            watch = null;
        }
        thread = new Thread(this::loop, "hot-folder-" + dir.getFileName());
        thread.setDaemon(true);
        thread.start();
        LOG.info("watching {} (done: {}, rejected: {})", dir, done, rejected);
    }

    private void loop() {
        while (running) {
            try {
                scanOnce();
                if (watch != null) {
                    WatchKey key = watch.poll(Math.min(pollInterval.toMillis(), Math.max(50, stableFor.toMillis())), TimeUnit.MILLISECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                } else {
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("hot folder scan of {} failed; retrying", dir, e);
            }
        }
    }

    /** One pass over the folder: processes every file that is complete. Returns how many files it processed. */
    public synchronized int scanOnce() {
        List<Path> files;
        List<Path> others;
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> all = list.filter(HotFolderSource::candidate).sorted().toList();
            files = all.stream().filter(Files::isRegularFile).toList();
            others = all.stream().filter(p -> !Files.isRegularFile(p) && !p.equals(done) && !p.equals(rejected)).toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.toString());
            return 0;
        }
        reportIgnored(others);
        seen.keySet().retainAll(files);
        int processed = 0;
        long now = System.nanoTime();
        for (Path f : files) {
            long size;
            long mtime;
            try {
                size = Files.size(f);
                mtime = Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
                continue; // vanished or unreadable for now
            }
            Seen before = seen.get(f);
            if (before == null || before.size != size || before.mtime != mtime) {
                seen.put(f, new Seen(size, mtime, now));
                if (!stableFor.isZero()) {
                    continue;
                }
            } else if (now - before.sinceNanos < stableFor.toNanos()) {
                continue;
            }
            if (process(f)) {
                seen.remove(f);
                processed++;
            }
        }
        return processed;
    }

    /** Says once per entry that a sub-directory or a link to nothing is left where it is (it is never read). */
    private void reportIgnored(List<Path> others) {
        ignored.retainAll(others);
        for (Path p : others) {
            if (ignored.add(p)) {
                String what = Files.isDirectory(p) ? "a directory (sub-directories are not read)"
                    : Files.isSymbolicLink(p) && !Files.exists(p) ? "a symbolic link to nothing"
                    : "not a regular file";
                LOG.warn("{} in {} is {}; it is left where it is and not ingested", p.getFileName(), dir, what);
            }
        }
    }

    private static boolean candidate(Path f) {
        String name = f.getFileName().toString();
        if (name.startsWith(".")) {
            return false;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return PARTIAL_SUFFIXES.stream().noneMatch(lower::endsWith);
    }

    /** Returns true when the file left the folder (done or rejected). */
    private boolean process(Path file) {
        String name = file.getFileName().toString();
        Ingestor.Outcome outcome;
        try {
            byte[] bytes = BoundedInput.read(file, ingestor.sniffer().maxBytes());
            outcome = ingestor.ingest(name, bytes, new ParseContext(name, template.defaultSource(), template.declaredCharset(), template.clock()), forcedFormat);
        } catch (InputTooLargeException e) {
            outcome = ingestor.reject(name, e);
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}; retrying later", file, e.toString());
            return false;
        }
        try {
            if (outcome.accepted()) {
                Path target = move(file, done.resolve(name));
                LOG.info("{}: {} article(s) published ({})", name, outcome.articles().size(), outcome.format());
                if (outcome.partial()) {
                    // the good stories are published; the bad ones are listed beside the file in done/
                    Files.writeString(done.resolve(target.getFileName() + ".error"), errorReport(outcome), StandardCharsets.UTF_8);
                    LOG.warn("{}: {} of its stories rejected: {}", name, outcome.failures().size(), outcome.failures().get(0));
                }
                return true;
            }
            if (outcome.badInput()) {
                Path target = move(file, rejected.resolve(name));
                Files.writeString(rejected.resolve(target.getFileName() + ".error"), errorReport(outcome), StandardCharsets.UTF_8);
                LOG.warn("{}: rejected: {}", name, outcome.error().getMessage());
                return true;
            }
            LOG.warn("{}: delivery failed ({}); the file stays and is retried", name, outcome.error().toString());
            return false;
        } catch (IOException e) {
            LOG.error("{}: processed but could not be moved: {}", name, e.toString());
            return false;
        }
    }

    static String errorReport(Ingestor.Outcome outcome) {
        StringBuilder sb = new StringBuilder();
        sb.append("file: ").append(outcome.input()).append('\n');
        sb.append("format: ").append(outcome.format() == null ? "unknown" : outcome.format()).append('\n');
        for (var f : outcome.failures()) {
            sb.append("story ").append(f.index() + 1).append(": location: ").append(f.error().location())
                    .append("; error: ").append(f.error().reason()).append('\n');
        }
        if (outcome.error() == null) {
            return sb.toString();
        }
        if (outcome.error() instanceof ParseException pe) {
            sb.append("location: ").append(pe.location()).append('\n');
            sb.append("error: ").append(pe.reason()).append('\n');
        } else {
            sb.append("error: ").append(outcome.error()).append('\n');
        }
        return sb.toString();
    }

    /** Moves without overwriting: an existing target gets a numbered sibling ({@code NAME.1}, ...). */
    private static Path move(Path from, Path to) throws IOException {
        Path target = to;
        for (int i = 1; Files.exists(target) || Files.exists(Path.of(target + ".error")); i++) {
            target = to.resolveSibling(to.getFileName() + "." + i);
        }
        try {
            return Files.move(from, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(from, target);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException e) {
            // closing
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

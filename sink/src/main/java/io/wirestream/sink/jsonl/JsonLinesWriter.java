package io.wirestream.sink.jsonl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes JSON lines into files that appear only when complete.
 *
 * <p>Each topic partition has at most one open file at a time, a hidden temporary file
 * ({@code .<name>.tmp}) in the directory of the record's day. A file is finished when the day of the next record
 * differs, when it reaches {@code roll.size.bytes}, at the first {@link #commitAll()} (the task's {@code preCommit})
 * after it has been open {@code roll.interval.ms}, and when the partition is closed: it is flushed, fsynced, renamed
 * atomically to {@code <day>/<prefix>-<topic>-<partition>-<first offset>-<last offset>.jsonl} and the directory
 * fsynced. At a commit before that, the file stays open for appending and is made durable instead: flushed, fsynced,
 * and renamed to {@code .<name>-<last offset>-<bytes>.jsonl.tmp}, which records the committed range and length (the
 * directory fsynced). So a trickle of stories gives one file per interval, not one per commit; a partition's files
 * hold consecutive offset ranges, every visible file is whole, and everything up to the highest last offset on disk,
 * in finished or committed files, is durable. After a crash, {@link #recover} cuts a committed file back to its
 * committed length and finishes it, deletes other temporary files and tells where to resume, so no record is lost
 * (Connect re-delivers from the committed offset) and none is written twice.
 *
 * <p>{@link #durableOffset} is the only offset that may be committed for a partition: the one after the last record in
 * a finished or committed file. Records appended since (or in an abandoned file) are not durable, whatever Connect has
 * delivered.
 */
public final class JsonLinesWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JsonLinesWriter.class);
    private static final String SUFFIX = ".jsonl";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final String TOPIC_ID_SUFFIX = "topic-id";
    /** Where the files of an earlier incarnation of a topic go: {@code <directory>/superseded/<its topic id>/<day>/...}. */
    public static final String SUPERSEDED_DIR = "superseded";

    private final JsonLinesSinkConfig config;
    private final Map<TopicPartition, Segment> open = new HashMap<>();
    /** Next offset to write per partition: records below it are already in a finished file. */
    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();

    public JsonLinesWriter(JsonLinesSinkConfig config) {
        this.config = config;
    }

    private final class Segment {
        final TopicPartition tp;
        final LocalDate day;
        final long first;
        final Path dir;
        final long openedNanos = System.nanoTime();
        Path temp;
        final FileChannel channel;
        final OutputStream out;
        long last;
        long bytes;
        /** Last offset and length made durable by {@link #sync}; -1 before the first. */
        long committedLast = -1;
        long committedBytes;

        Segment(TopicPartition tp, LocalDate day, long first) throws IOException {
            this.tp = tp;
            this.day = day;
            this.first = first;
            this.last = first;
            this.dir = config.directory().resolve(day.toString());
            Files.createDirectories(dir);
            this.temp = dir.resolve("." + baseName(tp) + String.format("%020d", first) + SUFFIX + TEMP_SUFFIX);
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        }

        void finish() throws IOException {
            out.flush();
            closeAsFinished(last);
            log.debug("Finished {}-{} of {} ({} bytes)", first, last, tp, bytes);
        }

        /** fsync, close, rename into place as holding {@code first..lastOffset}, fsync the directory. */
        private void closeAsFinished(long lastOffset) throws IOException {
            if (config.fsync()) {
                channel.force(true);
            }
            channel.close();
            Path target = dir.resolve(baseName(tp) + String.format("%020d-%020d", first, lastOffset) + SUFFIX);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            if (config.fsync()) {
                fsyncDirectory(dir);
            }
        }

        /** Makes what was appended durable, keeps the file open: flush, fsync, the committed range into the name. */
        void sync() throws IOException {
            if (committedLast == last && committedBytes == bytes) {
                return;
            }
            out.flush();
            if (config.fsync()) {
                channel.force(false);
            }
            Path named = dir.resolve(committedTempName(tp, first, last, bytes));
            Files.move(temp, named, StandardCopyOption.ATOMIC_MOVE); // the open channel stays valid
            temp = named;
            if (config.fsync()) {
                fsyncDirectory(dir);
            }
            committedLast = last;
            committedBytes = bytes;
        }

        /** After a failure: the committed part becomes a finished file, what came after it is dropped. */
        void abandon() {
            try {
                if (committedLast >= 0) {
                    channel.truncate(committedBytes);
                    closeAsFinished(committedLast);
                } else {
                    channel.close();
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                log.warn("Could not finish or delete {} (recovery on the next start will)", temp, e);
            }
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** {@code .<prefix>-<topic>-<partition>-<first>-<last>-<bytes>.jsonl.tmp}: an open file committed up to there. */
    private String committedTempName(TopicPartition tp, long first, long last, long bytes) {
        return "." + baseName(tp) + String.format("%020d-%020d-%d", first, last, bytes) + SUFFIX + TEMP_SUFFIX;
    }

    private String baseName(TopicPartition tp) {
        return config.filePrefix() + "-" + tp.topic() + "-" + tp.partition() + "-";
    }

    /**
     * Finishes the partition's committed temporary files (cut back to their committed length: lines appended after
     * the last commit are dropped, Connect re-delivers them), deletes the other temporary files, and returns the
     * offset after the last one in a finished file, or -1 when the partition has no file yet.
     */
    public long recover(TopicPartition tp) throws IOException {
        Path root = config.directory();
        Files.createDirectories(root);
        String base = baseName(tp);
        long last = -1;
        List<Path> temps = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("." + base) && name.endsWith(TEMP_SUFFIX)) {
                    temps.add(p);
                } else if (name.startsWith(base) && name.endsWith(SUFFIX)) {
                    String[] range = name.substring(base.length(), name.length() - SUFFIX.length()).split("-");
                    if (range.length == 2 && range[1].matches("\\d+")) {
                        last = Math.max(last, Long.parseLong(range[1]));
                    }
                }
            }
        }
        for (Path temp : temps) {
            String name = temp.getFileName().toString();
            String[] range = name.substring(base.length() + 1, name.length() - SUFFIX.length() - TEMP_SUFFIX.length()).split("-");
            if (range.length == 3 && range[0].matches("\\d+") && range[1].matches("\\d+") && range[2].matches("\\d+")) {
                long committedBytes = Long.parseLong(range[2]);
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    if (channel.size() > committedBytes) {
                        channel.truncate(committedBytes);
                    }
                    channel.force(true);
                }
                Path target = temp.resolveSibling(base + range[0] + "-" + range[1] + SUFFIX);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(temp.getParent());
                log.info("Finished {} from its committed part ({} bytes; lines appended after the last commit are re-delivered)",
                        target, committedBytes);
                last = Math.max(last, Long.parseLong(range[1]));
            } else {
                log.info("Deleting unfinished file {} (its records are re-delivered)", temp);
                Files.deleteIfExists(temp);
            }
        }
        long next = last < 0 ? -1 : last + 1;
        if (next >= 0) {
            nextOffset.put(tp, next);
        }
        return next;
    }

    /**
     * {@link #recover(TopicPartition)} for the incarnation {@code topicId} of the partition's topic (its Kafka topic id;
     * null when unknown, which skips the check). The directory records, per partition, the topic id its files were
     * written from ({@code .<prefix>-<topic>-<partition>-topic-id}). When that differs, the files belong to a topic
     * that was deleted and created again under the same name (e.g. the broker's data was reset): their offsets mean
     * nothing for this topic, so they are moved to {@code superseded/<old id>/} with a WARN and the partition starts a
     * new output generation from whatever Connect delivers; nothing of the new topic is skipped. Files without a
     * recorded id (written before the check existed) are taken as this topic's when their last offset is below the
     * partition's {@code logEndOffset} (-1: unknown), and superseded otherwise: they cannot be this topic's.
     */
    public long recover(TopicPartition tp, String topicId, long logEndOffset) throws IOException {
        if (topicId == null || topicId.isBlank()) {
            return recover(tp);
        }
        Path root = config.directory();
        Files.createDirectories(root);
        Path marker = root.resolve("." + baseName(tp) + TOPIC_ID_SUFFIX);
        String recorded = Files.exists(marker) ? Files.readString(marker).trim() : null;
        if (!topicId.equals(recorded)) {
            List<Path> files = filesOf(tp);
            long lastOnDisk = recorded == null ? lastOffset(files, baseName(tp)) : -1;
            boolean adopt = recorded == null && !files.isEmpty() && (logEndOffset < 0 || lastOnDisk < logEndOffset);
            if (adopt) {
                log.warn("{}: the files in {} carry no topic id (written before the sink recorded one); their last offset {} "
                        + "fits the topic (log end {}), so they are taken as written from topic id {}", tp, root, lastOnDisk,
                        logEndOffset, topicId);
            } else if (!files.isEmpty()) {
                String old = recorded == null ? "unknown-" + System.currentTimeMillis() : recorded;
                Path target = root.resolve(SUPERSEDED_DIR).resolve(old);
                for (Path file : files) {
                    Path moved = target.resolve(root.relativize(file));
                    Files.createDirectories(moved.getParent());
                    Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE);
                }
                log.warn("{}: the {} file(s) in {} were written from {} of the same name, not from this topic (id {}): the "
                        + "topic was deleted and created again (e.g. the broker's data was reset). They are moved to {} and "
                        + "this partition starts a new output generation; nothing of the current topic is skipped.", tp,
                        files.size(), root, recorded == null ? "an earlier topic (no topic id recorded)" : "topic id " + recorded,
                        topicId, target);
            }
            Path temp = root.resolve("." + baseName(tp) + TOPIC_ID_SUFFIX + ".new");
            Files.writeString(temp, topicId + "\n");
            Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            nextOffset.remove(tp);
        }
        return recover(tp);
    }

    /** The highest last offset in the names of the finished files among {@code files}, or -1. */
    private static long lastOffset(List<Path> files, String base) {
        long last = -1;
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.startsWith(base) && name.endsWith(SUFFIX)) {
                String[] range = name.substring(base.length(), name.length() - SUFFIX.length()).split("-");
                if (range.length == 2 && range[1].matches("\\d+")) {
                    last = Math.max(last, Long.parseLong(range[1]));
                }
            }
        }
        return last;
    }

    /** The partition's finished and temporary files under the directory's day folders. */
    private List<Path> filesOf(TopicPartition tp) throws IOException {
        String base = baseName(tp);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(config.directory(), 2)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (p.getNameCount() - config.directory().getNameCount() == 2 && Files.isRegularFile(p)
                        && (name.startsWith(base) && name.endsWith(SUFFIX) || name.startsWith("." + base) && name.endsWith(TEMP_SUFFIX))) {
                    found.add(p);
                }
            }
        }
        return found;
    }

    /** Appends one line (without its newline) for the record at {@code offset}; skips offsets already on disk. */
    public boolean write(TopicPartition tp, long offset, Long timestamp, byte[] line) throws IOException {
        Long next = nextOffset.get(tp);
        if (next != null && offset < next) {
            return false;
        }
        LocalDate day = LocalDate.ofInstant(timestamp == null || timestamp < 0 ? Instant.now() : Instant.ofEpochMilli(timestamp),
                config.rollTimeZone());
        Segment segment = open.get(tp);
        if (segment != null && (!segment.day.equals(day) || segment.bytes >= config.rollSizeBytes())) {
            finish(tp);
            segment = null;
        }
        if (segment == null) {
            segment = new Segment(tp, day, offset);
            open.put(tp, segment);
        }
        segment.out.write(line);
        segment.out.write('\n');
        segment.bytes += line.length + 1;
        segment.last = offset;
        return true;
    }

    /**
     * The offset after the last record of the partition in a finished or committed (flushed, fsynced, renamed) file,
     * or -1 when this writer knows of none. Only this may be committed: a record appended since, or in an abandoned
     * file, is not durable.
     */
    public long durableOffset(TopicPartition tp) {
        Long next = nextOffset.get(tp);
        return next == null ? -1 : next;
    }

    /** Finishes the partition's open file, if any. */
    public void finish(TopicPartition tp) throws IOException {
        Segment segment = open.remove(tp);
        if (segment != null) {
            segment.finish();
            nextOffset.put(tp, segment.last + 1);
        }
    }

    /**
     * Makes everything written so far durable: files open for {@code roll.interval.ms} or longer are finished (and
     * visible), the others synced and kept open for appending.
     */
    public void commitAll() throws IOException {
        long now = System.nanoTime();
        long interval = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(config.rollIntervalMs());
        for (TopicPartition tp : List.copyOf(open.keySet())) {
            Segment segment = open.get(tp);
            if (now - segment.openedNanos >= interval) {
                finish(tp);
            } else {
                segment.sync();
                nextOffset.put(tp, segment.last + 1);
            }
        }
    }

    /** Finishes every open file: after this returns, everything written so far is durable and visible. */
    public void finishAll() throws IOException {
        for (TopicPartition tp : List.copyOf(open.keySet())) {
            finish(tp);
        }
    }

    /** Finishes the partition's file and forgets the partition (it was revoked). */
    public void release(TopicPartition tp) throws IOException {
        try {
            finish(tp);
        } finally {
            nextOffset.remove(tp);
        }
    }

    /** Deletes unfinished files without making them visible (after a failure). */
    public void abandonAll() {
        open.values().forEach(Segment::abandon);
        open.clear();
    }

    @Override
    public void close() {
        try {
            finishAll();
        } catch (IOException e) {
            abandonAll();
            throw new UncheckedIOException(e);
        }
    }
}

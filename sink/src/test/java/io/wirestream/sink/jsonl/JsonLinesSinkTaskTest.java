package io.wirestream.sink.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.ConnectRecords;

/** The task as Connect drives it (open, put, preCommit, close), with a fake {@link SinkTaskContext}. */
class JsonLinesSinkTaskTest {

    private static final String TOPIC = "news.enriched";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @TempDir
    Path dir;

    private final ConnectRecords records = new ConnectRecords(TOPIC);
    private final FakeContext context = new FakeContext();

    @AfterEach
    void closeRecords() throws Exception {
        records.close();
    }

    /** What Connect's WorkerSinkTaskContext does that matters here: it remembers the offsets the task asks for. */
    private static final class FakeContext implements SinkTaskContext {
        final Map<TopicPartition, Long> offsets = new HashMap<>();

        @Override public Map<String, String> configs() { return Map.of(); }
        @Override public void offset(Map<TopicPartition, Long> offsets) { this.offsets.putAll(offsets); }
        @Override public void offset(TopicPartition tp, long offset) { offsets.put(tp, offset); }
        @Override public void timeout(long timeoutMs) { }
        @Override public Set<TopicPartition> assignment() { return Set.of(P0, P1); }
        @Override public void pause(TopicPartition... partitions) { }
        @Override public void resume(TopicPartition... partitions) { }
        @Override public void requestCommit() { }
        @Override public PluginMetrics pluginMetrics() { return null; }
    }

    /** A task that finishes its files at every commit (roll.interval.ms 0), so each commit's lines are visible. */
    private JsonLinesSinkTask startedTask() {
        return startedTask("0");
    }

    private JsonLinesSinkTask startedTask(String rollIntervalMs) {
        JsonLinesSinkTask task = new JsonLinesSinkTask();
        task.initialize(context);
        task.start(Map.of("directory", dir.toString(), "roll.interval.ms", rollIntervalMs));
        return task;
    }

    private SinkRecord story(int partition, long offset) {
        return records.record(Articles.plain(String.format("r%04d", offset), 1, "story " + offset), partition, offset);
    }

    /** The same record stamped on another day (so it goes to another day's directory). */
    private static SinkRecord on(String day, SinkRecord r) {
        return r.newRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), r.valueSchema(), r.value(),
                Instant.parse(day + "T12:00:00Z").toEpochMilli());
    }

    private static List<SinkRecord> stories(JsonLinesSinkTaskTest t, int partition, long from, long to) {
        List<SinkRecord> batch = new ArrayList<>();
        for (long o = from; o < to; o++) {
            batch.add(t.story(partition, o));
        }
        return batch;
    }

    private List<String> lines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        return lines;
    }

    private static Map<TopicPartition, OffsetAndMetadata> current(TopicPartition tp, long offset) {
        return new HashMap<>(Map.of(tp, new OffsetAndMetadata(offset)));
    }

    @Test
    void preCommitReturnsTheOffsetAfterTheLastRecordInAFinishedFile() throws Exception {
        JsonLinesSinkTask task = startedTask();
        task.open(List.of(P0));
        task.put(stories(this, 0, 0, 5));

        assertThat(task.preCommit(current(P0, 5))).containsExactly(Map.entry(P0, new OffsetAndMetadata(5)));
        assertThat(lines()).hasSize(5);
        // Connect counts records that reached no file (e.g. dropped by the converter with errors.tolerance=all):
        // the committed offset stays after the last record on disk
        assertThat(task.preCommit(current(P0, 7))).containsExactly(Map.entry(P0, new OffsetAndMetadata(5)));
        task.close(List.of(P0));
        task.stop();
    }

    @Test
    void aTrickleOfStoriesAcrossManyCommitsGoesIntoOneFileAndEachCommitCoversWhatWasAppended() throws Exception {
        JsonLinesSinkTask task = startedTask("3600000");
        task.open(List.of(P0));
        for (long offset = 0; offset < 5; offset++) {
            task.put(List.of(story(0, offset)));
            assertThat(task.preCommit(current(P0, offset + 1))).containsExactly(Map.entry(P0, new OffsetAndMetadata(offset + 1)));
        }
        task.close(List.of(P0));
        task.stop();

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !n.contains("topic-id")))
                .singleElement().satisfies(name -> assertThat(name).endsWith("-00000000000000000000-00000000000000000004.jsonl"));
        }
        assertThat(lines()).hasSize(5);
    }

    @Test
    void aWriteErrorAbandonsTheOpenFilesAndTheirOffsetsAreNeverCommitted() throws Exception {
        JsonLinesSinkTask task = startedTask();
        task.open(List.of(P0, P1));
        task.put(stories(this, 0, 0, 3)); // in partition 0's open file, not durable yet
        Files.writeString(dir.resolve("2019-01-01"), "a file where the day's directory should be");

        assertThatThrownBy(() -> task.put(List.of(on("2019-01-01", story(1, 0))))).isInstanceOf(ConnectException.class);

        // Connect's current offsets count the first put (it returned); after the failure Connect still closes the
        // partitions with a final commit (WorkerSinkTask.closeAllPartitions), which must not cover the lost file
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(Map.of(P0, new OffsetAndMetadata(3), P1, new OffsetAndMetadata(0)));
        assertThat(lines()).isEmpty();
        assertThat(committed).doesNotContainKey(P0).doesNotContainKey(P1);
        task.close(List.of(P0, P1));
        task.stop();
    }

    @Test
    void aRestartResumesAfterTheFilesAndCommitsOnlyWhatItWrote() throws Exception {
        JsonLinesSinkTask first = startedTask();
        first.open(List.of(P0));
        first.put(stories(this, 0, 0, 300));
        assertThat(first.preCommit(current(P0, 300))).containsEntry(P0, new OffsetAndMetadata(300));
        first.close(List.of(P0));
        first.stop();

        JsonLinesSinkTask second = startedTask();
        second.open(List.of(P0));
        assertThat(context.offsets).containsEntry(P0, 300L);
        second.put(stories(this, 0, 0, 310)); // Connect re-delivers from an older committed offset: 0..299 are skipped
        assertThat(second.preCommit(current(P0, 310))).containsEntry(P0, new OffsetAndMetadata(310));
        assertThat(lines()).hasSize(310).doesNotHaveDuplicates();
        second.close(List.of(P0));
        second.stop();
    }

    @Test
    void recordsThatVanishedFromKafkaBeforeARestartAreReportedAsAGap() throws Exception {
        // the CI failure of JsonLinesSinkConnectIT: the broker's retention deleted offsets 300..582 (2018 timestamps,
        // 7-day retention) while the worker was down; the consumer reset to the log start offset 583 without an error
        JsonLinesSinkTask first = startedTask();
        first.open(List.of(P0));
        first.put(stories(this, 0, 0, 300));
        first.preCommit(current(P0, 300));
        first.close(List.of(P0));
        first.stop();

        Logger taskLog = (Logger) LoggerFactory.getLogger(JsonLinesSinkTask.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        taskLog.addAppender(logged);
        try {
            JsonLinesSinkTask second = startedTask();
            second.open(List.of(P0));
            second.put(stories(this, 0, 583, 600));
            assertThat(second.preCommit(current(P0, 600))).containsEntry(P0, new OffsetAndMetadata(600));
            second.close(List.of(P0));
            second.stop();
        } finally {
            taskLog.detachAppender(logged);
        }
        assertThat(logged.list).anySatisfy(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("WARN");
            assertThat(e.getFormattedMessage()).contains("resumed at offset 300").contains("first record is at offset 583")
                    .contains("offsets 300..582 were not delivered");
        });
        assertThat(lines()).hasSize(317);
    }
}

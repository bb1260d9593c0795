package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.ops.verify.VerifyReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirestream ingest --watch} in a child JVM, SIGKILLed half-way through a hot folder that holds 2,000 files,
 * then started again: every file ends exactly once in done/ (none left in the inbox, none rejected, none in both, no
 * numbered second copy, no {@code .error}), and after enrich news.enriched holds every story exactly once.
 *
 * <p>The hot folder is at-least-once towards news.raw: a file moves to done/ only after the broker acknowledged its
 * stories, so the file being published when the process died stays in the inbox and is published again after the
 * restart. news.raw may therefore hold one re-sent copy (one file is in flight at a time); enrich drops such exact
 * duplicates, so news.enriched (read committed) is exactly once. The test asserts both.
 */
@WithKafka
class IngestProcessKillIT {

    static final int FILES = 2_000;
    static final int PARTITIONS = 3;
    /** A bound, not the expected time: the files go through in ~40 s on an idle two-core machine. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void anIngestProcessKilledHalfWayThroughAFullHotFolderHandlesEveryFileOnceAndLosesNoStory(KafkaEnv env) throws Exception {
        try (FaultHarness h = new FaultHarness(env.bootstrapServers(), env.schemaRegistryUrl(), work, null, false)) {
            h.createCoreTopics(PARTITIONS);
            HotFolder folder = new HotFolder(work.resolve("inbox"));
            List<String> files = folder.drop(FaultHarness.corpus("hot-" + h.topics.prefix().replace(".", "")), FILES);

            ChildJvm.Child ingest = h.startIngestProcess(folder.inbox);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> folder.inDone().size() >= FILES / 4);
            FaultHarness.kill(ingest.process());
            int doneAtKill = folder.inDone().size();
            h.startIngestProcess(folder.inbox);

            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> folder.waiting().isEmpty() && folder.inDone().size() + folder.inRejected().size() >= FILES);
            h.startEnrich(PARTITIONS, (short) 1); // after the hot folder, so the two do not share the CPU
            VerifyReport report = h.awaitVerified(TIMEOUT, 1);
            System.out.println("ingest process kill (" + doneAtKill + " of " + FILES + " files in done/ at the kill):\n"
                + report.toText());

            assertThat(doneAtKill).as("killed half-way").isBetween(1, FILES - 1);
            assertThat(folder.inDone()).as("every file once in done/, under its own name").containsExactlyInAnyOrderElementsOf(files);
            assertThat(folder.inRejected()).isEmpty();
            assertThat(folder.inBoth()).isEmpty();
            assertThat(report.stages()).hasSize(1);
            FaultHarness.assertEveryStoryOnce(report, FILES);
            assertThat(report.rawRecords() - report.rawStories()).as("re-sent copies on news.raw: the file in flight at the kill")
                .isBetween(0L, 1L);
        }
    }
}

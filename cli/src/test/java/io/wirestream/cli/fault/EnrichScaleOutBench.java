package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.ops.progress.DeliveryProgress;
import io.wirestream.ops.verify.VerifyReport;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out evidence (issue 14): the same backlog of stories drained by 1, then 2 enrich instances, each a separate OS
 * process ({@code wirestream enrich}, exactly once, one stream thread), on a three-broker embedded KRaft cluster. Each
 * run has its own topics and application id; the stories are published first, so the figure is how fast enrich
 * drains a backlog: from the moment every instance has joined the group until neither of its stages is behind
 * (news.raw and the cluster stage's repartition topic), then {@code verify} checks every story is in news.enriched
 * exactly once.
 *
 * <p>Not a CI test (the name is neither {@code *Test} nor {@code *IT}): {@code mvn -B -pl cli -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=EnrichScaleOutBench}.
 * Knobs (system properties): {@code scaleout.stories} (4000), {@code scaleout.partitions} of news.raw and the output
 * topics (6), {@code scaleout.instances} (1,2).
 */
@WithKafka(nodes = 3)
class EnrichScaleOutBench {

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path work;

    @Test
    void theSameBacklogDrainedByOneThenTwoEnrichProcessesOnThreeBrokers(KafkaEnv env) throws Exception {
        int stories = Integer.getInteger("scaleout.stories", 4000);
        int partitions = Integer.getInteger("scaleout.partitions", 6);
        List<Integer> instanceCounts = Arrays.stream(System.getProperty("scaleout.instances", "1,2").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
        List<String> rows = new ArrayList<>();
        for (int instances : instanceCounts) {
            Path run = java.nio.file.Files.createDirectories(work.resolve("run-" + instances));
            try (FaultHarness h = new FaultHarness(env.bootstrapServers(), env.schemaRegistryUrl(), run, null, false)) {
                h.createCoreTopics(partitions);
                h.publish(stories);
                double loadBefore = loadAverage();
                for (int i = 0; i < instances; i++) {
                    h.startEnrichProcess("i" + i, partitions);
                }
                h.awaitGroupMembers(h.enrichApplicationId(), instances, TIMEOUT);
                long joined = System.nanoTime();
                long deadline = joined + TIMEOUT.toNanos();
                double firstStageSeconds = -1;
                try (DeliveryProgress progress = new DeliveryProgress(env.bootstrapServers())) {
                    while (true) {
                        FaultHarness.EnrichBacklog backlog = h.enrichBacklog(progress);
                        if (backlog.firstStage() == 0 && firstStageSeconds < 0) {
                            firstStageSeconds = (System.nanoTime() - joined) / 1e9;
                        }
                        if (backlog.total() == 0 && h.committedRecords(h.topics.enriched()) > 0) {
                            break;
                        }
                        assertThat(System.nanoTime()).as("enrich drained %d stories within %s", stories, TIMEOUT).isLessThan(deadline);
                        Thread.sleep(250); // progress is committed offsets on the broker; there is nothing to wait on
                    }
                }
                double seconds = (System.nanoTime() - joined) / 1e9;
                VerifyReport report = h.awaitVerified(TIMEOUT, 1);
                FaultHarness.assertEveryStoryOnce(report, stories);
                rows.add(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.0f | %.1f / %.1f |", instances, partitions,
                    stories, firstStageSeconds, seconds, stories / seconds, loadBefore, loadAverage()));
            }
        }
        System.out.println("enrich scale-out, 3 brokers (stories drained from the moment every instance joined):\n"
            + "| enrich processes | partitions | stories | first stage done (s) | both stages done (s) | stories/s | load average before / after |\n"
            + "| --- | --- | --- | --- | --- | --- | --- |\n" + String.join("\n", rows));
        assertThat(rows).hasSize(instanceCounts.size());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

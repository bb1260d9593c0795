package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.ops.verify.VerifyReport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two enrich instances as separate OS processes ({@code wirestream enrich}, same application id, exactly once v2, 4
 * partitions), one SIGKILLed while it is enriching, more stories sent while it is down, then started again (same state
 * directory): news.enriched, read committed, must hold every story exactly once and none stale. What the killed one had
 * written in its open transaction is aborted (fenced by its restart, or by the transaction timeout) and redone by the
 * instance that takes its partitions over.
 */
@WithKafka
class EnrichProcessKillIT {

    static final int PARTITIONS = 4;
    static final int STORIES = 2_000;
    /** A bound for each wait, not the expected time: generous because CI machines may be loaded (load 45-69 seen on two cores). */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void anEnrichProcessKilledMidStreamAndRestartedLeavesEveryStoryOnceInNewsEnriched(KafkaEnv env) throws Exception {
        try (FaultHarness h = new FaultHarness(env.bootstrapServers(), env.schemaRegistryUrl(), work, null, false)) {
            ChildJvm.Child a = h.startEnrichProcess("a", PARTITIONS);
            h.awaitLeaders(h.topics.raw(), PARTITIONS);
            h.awaitLeaders(h.topics.enriched(), PARTITIONS);
            ChildJvm.Child b = h.startEnrichProcess("b", PARTITIONS);
            h.awaitGroupMembers(h.enrichApplicationId(), 2, TIMEOUT);

            h.publish(STORIES / 2);
            // kill b while it is enriching: some of the first half committed, not all of it
            long[] atKill = new long[2];
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> h.committedRecords(h.topics.enriched()) >= STORIES / 8);
            FaultHarness.kill(b.process());
            atKill[0] = h.committedRecords(h.topics.enriched());
            atKill[1] = h.endOffsets(h.topics.enriched(), false).values().stream().mapToLong(Long::longValue).sum();

            h.publish(STORIES / 4); // while b is down: a takes b's partitions after its session times out
            h.startEnrichProcess("b", PARTITIONS);
            h.publish(STORIES - STORIES / 2 - STORIES / 4);

            VerifyReport report = h.awaitVerified(TIMEOUT, 1);
            System.out.println("enrich process kill (news.enriched at the kill: " + atKill[0] + " committed offsets of "
                + atKill[1] + " written):\n" + report.toText());
            assertThat(atKill[0]).as("killed mid-stream, not before or after").isLessThan(STORIES / 2);
            assertThat(a.process().isAlive()).as(a.output()).isTrue();
            assertThat(report.stages()).hasSize(1);
            FaultHarness.assertEveryStoryOnce(report, STORIES);
            assertThat(report.rawRecords()).isEqualTo(STORIES);
        }
    }
}

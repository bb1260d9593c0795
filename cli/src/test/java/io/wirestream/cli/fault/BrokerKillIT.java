package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.local.kafka.ProcessKafkaCluster;
import io.wirestream.local.registry.EmbeddedSchemaRegistry;
import io.wirestream.ops.verify.StageReport;
import io.wirestream.ops.verify.VerifyReport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers as separate OS processes (replication 3, min.insync.replicas 2, as docker-compose): one SIGKILLed
 * while stories stream through ingest's publisher, exactly-once enrich and a Connect worker (JSON Lines and
 * PostgreSQL), stories still sent while it is dead, then it is started again; then a rolling restart of all three,
 * each broker back with every ISR full before the next goes. {@code verify} must find every acknowledged story exactly
 * once on news.enriched and in both sinks.
 */
class BrokerKillIT {

    static final int STORIES = 3000;
    static final int PER_SECOND = 100;
    static final Duration TIMEOUT = Duration.ofMinutes(6);

    @TempDir
    Path work;

    @Test
    void aBrokerKilledMidStreamThenARollingRestartLeaveNoStoryLostOrDuplicatedOnNewsEnrichedOrInTheSinks() throws Exception {
        try (ProcessKafkaCluster cluster = ProcessKafkaCluster.start();
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(cluster.bootstrapServers());
             FaultHarness h = new FaultHarness(cluster.bootstrapServers(), registry.url(), work, FaultHarness.POSTGRES_URL, true)) {
            h.startEnrich(3, (short) 3);
            h.startSinkWorker();
            long sent;
            try (FaultHarness.StoryStream stream = h.streamStories(PER_SECOND)) {
                await().atMost(TIMEOUT).until(() -> stream.acked() >= STORIES / 6);
                cluster.kill(2);
                long atKill = stream.sent();
                await().atMost(TIMEOUT).until(() -> stream.acked() >= atKill + STORIES / 6);
                cluster.start(2);
                cluster.rollingRestart();
                await().atMost(TIMEOUT).until(() -> stream.sent() >= STORIES);
                sent = stream.stop();
            }

            VerifyReport report = h.awaitVerified(TIMEOUT, 3);
            System.out.println("broker kill (broker 2 SIGKILLed after " + STORIES / 6 + " stories, then a rolling restart; "
                + sent + " stories sent):\n" + report.toText());
            assertThat(report.rawStories()).isEqualTo(sent);
            for (StageReport stage : report.stages()) {
                assertThat(stage.expected()).as(stage.stage()).isEqualTo((int) sent);
                assertThat(stage.present()).as(stage.stage()).isEqualTo((int) sent);
                assertThat(stage.missing()).as(stage.stage()).isEmpty();
                assertThat(stage.duplicated()).as(stage.stage()).isEmpty();
            }
        }
    }
}

package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.ops.verify.StageReport;
import io.wirestream.ops.verify.VerifyReport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers (replication 3, min.insync.replicas 2, as docker-compose), one of them stopped while thousands of
 * stories stream through ingest's publisher and exactly-once enrich, then started again: {@code verify} must find
 * every story exactly once on news.enriched.
 */
@WithKafka(nodes = 3)
class BrokerStopIT {

    static final int STORIES = 2000;
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void aBrokerStoppedMidStreamAndRestartedLeavesNoStoryLostOrDuplicatedOnNewsEnriched(KafkaEnv env) throws Exception {
        try (FaultHarness h = new FaultHarness(env.bootstrapServers(), env.schemaRegistryUrl(), work, null, false)) {
            h.startEnrich(3, (short) 3);
            h.publish(STORIES / 4);
            env.stopBroker(2);
            h.publish(STORIES / 2);
            env.startBroker(2);
            h.publish(STORIES - STORIES / 4 - STORIES / 2);

            VerifyReport report = h.awaitVerified(TIMEOUT, 1);
            System.out.println("broker stop (3 brokers, broker 2 stopped after " + STORIES / 4 + " stories):\n" + report.toText());
            StageReport enriched = report.stage("news.enriched");
            assertThat(report.rawStories()).isEqualTo(STORIES);
            assertThat(enriched.expected()).isEqualTo(STORIES);
            assertThat(enriched.present()).isEqualTo(STORIES);
            assertThat(enriched.duplicated()).isEmpty();
            assertThat(enriched.missing()).isEmpty();
        }
    }
}

package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.local.net.CuttableProxy;
import io.wirestream.ops.verify.StageReport;
import io.wirestream.ops.verify.VerifyReport;
import io.wirestream.sink.runtime.EmbeddedConnect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL unreachable (a proxy between the sink and the shared server is cut) for longer than the sink's old retry
 * budget while stories keep coming, then back: {@code verify} must find every story once in both sinks, and the
 * PostgreSQL task must never have failed.
 */
@WithKafka
class PostgresOutageIT {

    static final int STORIES = 400;
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path work;

    @Test
    void anOutageLongerThanTheOldRetryBudgetEndsWithEveryStoryInBothSinksAndNoTaskFailed(KafkaEnv env) throws Exception {
        try (FaultHarness h = new FaultHarness(env.bootstrapServers(), env.schemaRegistryUrl(), work, FaultHarness.POSTGRES_URL, true);
             CuttableProxy proxy = CuttableProxy.start("127.0.0.1", 5432)) {
            h.startEnrich(3, (short) 1);
            String viaProxy = FaultHarness.POSTGRES_URL.replace(":5432/", ":" + proxy.port() + "/");
            try (EmbeddedConnect connect = h.startInProcessWorker(viaProxy, Map.of("retry.backoff.ms", "200", "retry.backoff.max.ms", "1000"))) {
                h.publish(STORIES / 2);
                await().atMost(TIMEOUT).until(() -> h.verifyQuietly() != null && h.verifyQuietly().stage("postgres").present() > 0);
                proxy.cut();
                h.publish(STORIES - STORIES / 2);
                // the old task gave up after 10 retries, about one connection attempt each
                await().atMost(TIMEOUT).until(() -> {
                    if (failed(connect, "wirestream-postgres")) {
                        throw new IllegalStateException("the PostgreSQL task failed during the outage");
                    }
                    return proxy.refusedConnections() >= 25;
                });
                proxy.restore();

                VerifyReport report = h.awaitVerified(TIMEOUT, 3);
                System.out.println("PostgreSQL outage (" + proxy.refusedConnections() + " refused connections):\n" + report.toText());
                for (StageReport stage : report.stages()) {
                    assertThat(stage.present()).as(stage.stage()).isEqualTo(STORIES);
                    assertThat(stage.expected()).as(stage.stage()).isEqualTo(STORIES);
                }
                assertThat(failed(connect, "wirestream-postgres")).isFalse();
            }
        }
    }

    private static boolean failed(EmbeddedConnect connect, String connector) {
        var status = connect.status(connector);
        return status != null && status.tasks().stream().anyMatch(t -> "FAILED".equals(t.state()));
    }
}

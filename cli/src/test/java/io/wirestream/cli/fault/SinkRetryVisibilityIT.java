package io.wirestream.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.local.net.CuttableProxy;
import io.wirestream.ops.lag.AdminLagSource;
import io.wirestream.ops.lag.ConnectRestSinkRetries;
import io.wirestream.ops.lag.GroupLag;
import io.wirestream.ops.lag.GroupStatus;
import io.wirestream.ops.lag.LagMonitor;
import io.wirestream.ops.lag.LagMonitorSettings;
import io.wirestream.ops.metrics.JmxMetricsReader;
import io.wirestream.ops.metrics.MetricCatalog;
import io.wirestream.ops.report.LagReport;
import io.wirestream.sink.runtime.EmbeddedConnect;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the PostgreSQL sink retries an outage inside its task (Connect still says RUNNING), ops see it: the lag
 * monitor shows the sink's group RETRYING with the reason and since when, the metric says so, and the worker's
 * report ({@code up}'s output) has one line when the task starts waiting and one when it writes again, and the
 * worker's {@code GET /wirestream/sink-retries} says it to another process ({@code wirestream lag --connect-url}).
 */
@WithKafka
class SinkRetryVisibilityIT {

    static final Duration TIMEOUT = Duration.ofMinutes(2);
    static final String GROUP = "connect-wirestream-postgres";

    @TempDir
    Path work;

    @Test
    void aDatabaseOutageShowsTheSinkGroupRetryingWithItsReasonAndOneLineEachWhenItStartsWaitingAndWhenItRecovers(KafkaEnv env)
        throws Exception {
        List<String> report = new CopyOnWriteArrayList<>();
        try (FaultHarness h = new FaultHarness(env.bootstrapServers(), env.schemaRegistryUrl(), work, FaultHarness.POSTGRES_URL, true);
             CuttableProxy proxy = CuttableProxy.start("127.0.0.1", 5432);
             LagMonitor lag = new LagMonitor(AdminLagSource.connect(env.bootstrapServers(), Duration.ofSeconds(10)),
                 LagMonitorSettings.defaults().withPollInterval(Duration.ofSeconds(1)).withWindow(Duration.ofSeconds(10)), Clock.systemUTC())
                 .withSinkRetries(new JmxMetricsReader()::sinkRetries)) {
            h.startEnrich(1, (short) 1);
            String viaProxy = FaultHarness.POSTGRES_URL.replace(":5432/", ":" + proxy.port() + "/");
            try (EmbeddedConnect connect = h.startInProcessWorker(viaProxy, Map.of("retry.backoff.ms", "200", "retry.backoff.max.ms", "1000"))) {
                connect.restartFailedTasks(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5), report::add);
                h.publish(10);
                await().atMost(TIMEOUT).until(() -> h.verifyQuietly() != null && h.verifyQuietly().stage("postgres").present() == 10);
                assertThat(group(lag).status()).isNotEqualTo(GroupStatus.RETRYING);

                proxy.cut();
                h.publish(10);
                await().atMost(TIMEOUT).until(() -> report.stream().anyMatch(l -> l.contains("is waiting for PostgreSQL")));
                GroupLag retrying = await().atMost(TIMEOUT).ignoreExceptions().until(() -> group(lag), g -> g.status() == GroupStatus.RETRYING);
                assertThat(retrying.retry().connector()).isEqualTo("wirestream-postgres");
                assertThat(retrying.retry().reason()).isNotBlank();
                assertThat(retrying.retry().attempts()).isPositive();
                assertThat(LagReport.table(lag.latest(), Map.of(), false)).contains("RETRYING", "waiting for PostgreSQL since");
                // another process (wirestream lag --connect-url) reads it from the worker's REST API
                assertThat(new ConnectRestSinkRetries(connect.restUrl(), Duration.ofSeconds(10)).get()).singleElement()
                    .satisfies(r -> assertThat(r.group()).isEqualTo(GROUP));
                assertThat(new JmxMetricsReader().read()).anySatisfy(s -> {
                    assertThat(s.def()).isEqualTo(MetricCatalog.SINK_TASK_RETRYING);
                    assertThat(s.labelValues()).containsExactly("wirestream-postgres", "0");
                    assertThat(s.value()).isEqualTo(1.0);
                });

                proxy.restore();
                await().atMost(TIMEOUT).until(() -> report.stream().anyMatch(l -> l.contains("PostgreSQL is back")));
                await().atMost(TIMEOUT).ignoreExceptions().until(() -> group(lag), g -> g.status() != GroupStatus.RETRYING && g.retry() == null);
                await().atMost(TIMEOUT).until(() -> h.verifyQuietly() != null && h.verifyQuietly().stage("postgres").present() == 20);
                System.out.println("sink retry report:\n" + String.join("\n", report));
                assertThat(report.stream().filter(l -> l.contains("is waiting for PostgreSQL"))).hasSize(1);
                assertThat(report.stream().filter(l -> l.contains("PostgreSQL is back"))).hasSize(1);
                assertThat(report).noneMatch(l -> l.contains("FAILED"));
            }
        }
    }

    private static GroupLag group(LagMonitor lag) {
        return lag.poll().group(GROUP).orElseThrow(() -> new AssertionError(GROUP + " not listed"));
    }
}

package io.wirestream.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wirestream.ops.testutil.InMemoryLagSource;
import io.wirestream.ops.testutil.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LagMonitorTest {

    private static final TopicPartition P0 = new TopicPartition("news.raw", 0);
    private static final TopicPartition P1 = new TopicPartition("news.raw", 1);

    private MutableClock clock;
    private InMemoryLagSource cluster;
    private LagMonitor monitor;

    @BeforeEach
    void setUp() {
        clock = MutableClock.atEpochMillis(1_700_000_000_000L);
        cluster = new InMemoryLagSource();
        monitor = new LagMonitor(cluster, LagMonitorSettings.defaults()
            .withPollInterval(Duration.ofSeconds(10)).withWindow(Duration.ofSeconds(60)), clock);
    }

    @Test
    void reportsLagInOffsetsAndSecondsPerPartitionAndGroup() {
        cluster.group("enrich", "Stable", 1).end(P0, 100).end(P1, 50).commit("enrich", P0, 100).commit("enrich", P1, 50);
        monitor.poll();
        clock.advanceSeconds(10);
        cluster.end(P0, 200).end(P1, 50);
        LagSnapshot s = monitor.poll();
        GroupLag g = s.group("enrich").orElseThrow();
        assertThat(g.totalLag()).isEqualTo(100);
        assertThat(g.maxLag()).isEqualTo(100);
        // offset 100 was the end 10 s ago
        assertThat(g.maxLagSeconds()).isCloseTo(10.0, within(1e-9));
        assertThat(g.partitions()).extracting(PartitionLag::partition).containsExactly(0, 1);
        assertThat(g.partitions().get(1).lag()).isZero();
        assertThat(g.partitions().get(1).lagSeconds()).isZero();
        assertThat(g.members()).isEqualTo(1);
    }

    @Test
    void aSinkGroupWhoseTaskRetriesItsDatabaseIsRetryingWithTheReasonAndSinceWhenUntilItWritesAgain() {
        List<SinkRetry> retrying = new ArrayList<>();
        monitor.withSinkRetries(() -> List.copyOf(retrying));
        cluster.group("connect-wirestream-postgres", "Stable", 1).end(P0, 100).commit("connect-wirestream-postgres", P0, 90)
            .group("connect-wirestream-jsonl", "Stable", 1).commit("connect-wirestream-jsonl", P0, 100);
        java.time.Instant since = clock.instant();
        retrying.add(new SinkRetry("wirestream-postgres", 0, "PostgreSQL", "Connection refused (SQLSTATE 08001)", since, 3));

        LagSnapshot s = monitor.poll();
        GroupLag pg = s.group("connect-wirestream-postgres").orElseThrow();
        assertThat(pg.status()).isEqualTo(GroupStatus.RETRYING);
        assertThat(pg.retry().reason()).isEqualTo("Connection refused (SQLSTATE 08001)");
        assertThat(s.group("connect-wirestream-jsonl").orElseThrow().status()).isEqualTo(GroupStatus.OK);
        assertThat(io.wirestream.ops.report.LagReport.table(s, java.util.Map.of(), false))
            .contains("RETRYING", "waiting for PostgreSQL since " + since + " (3 attempts): Connection refused (SQLSTATE 08001)");
        @SuppressWarnings("unchecked")
        var json = (List<java.util.Map<String, Object>>) io.wirestream.ops.report.LagReport
            .lagDocument(s, java.util.Map.of(), Duration.ofSeconds(60)).get("groups");
        assertThat(json).filteredOn(g -> g.get("group").equals("connect-wirestream-postgres")).singleElement()
            .satisfies(g -> assertThat(g).containsEntry("status", "RETRYING")
                .extractingByKey("retry").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("since", since.toString()).containsEntry("attempts", 3));
        // retrying is not failing: lag exits 3 only for ERR and STOP
        assertThat(GroupStatus.RETRYING.failing()).isFalse();

        retrying.clear();
        clock.advanceSeconds(10);
        GroupLag back = monitor.poll().group("connect-wirestream-postgres").orElseThrow();
        assertThat(back.status()).isNotEqualTo(GroupStatus.RETRYING);
        assertThat(back.retry()).isNull();
    }

    @Test
    void stoppedGroupWithoutMembersStaysReportedAndItsLagKeepsRising() {
        cluster.group("archive", "Empty", 0).end(P0, 10).commit("archive", P0, 10);
        monitor.poll();
        List<Double> seconds = new ArrayList<>();
        List<Long> lags = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            clock.advanceSeconds(10);
            cluster.end(P0, 10 + i * 100L);
            GroupLag g = monitor.poll().group("archive").orElseThrow();
            seconds.add(g.maxLagSeconds());
            lags.add(g.totalLag());
        }
        assertThat(lags).isSorted().doesNotHaveDuplicates();
        assertThat(seconds).isSorted().doesNotHaveDuplicates();
        assertThat(monitor.latest().group("archive").orElseThrow().status()).isEqualTo(GroupStatus.STOP);
        assertThat(monitor.latest().failing()).isTrue();
    }

    @Test
    void includeAndExcludeFilterGroups() {
        monitor = new LagMonitor(cluster, LagMonitorSettings.defaults().withInclude("news-.*").withExclude(".*-test"), clock);
        cluster.group("news-a", "Stable", 1).group("news-a-test", "Stable", 1).group("other", "Stable", 1);
        assertThat(monitor.poll().groups()).extracting(GroupLag::group).containsExactly("news-a");
    }

    @Test
    void groupDeletedFromTheClusterIsDropped() {
        cluster.group("a", "Empty", 0).end(P0, 5).commit("a", P0, 5);
        assertThat(monitor.poll().groups()).hasSize(1);
        cluster.removeGroup("a");
        assertThat(monitor.poll().groups()).isEmpty();
    }

    @Test
    void failedPollKeepsTheLastGroupsAndSaysWhy() {
        cluster.group("a", "Stable", 1).end(P0, 5).commit("a", P0, 5);
        monitor.poll();
        cluster.failWith(new IllegalStateException("broker down"));
        LagSnapshot s = monitor.poll();
        assertThat(s.error()).hasValue("broker down");
        assertThat(s.groups()).extracting(GroupLag::group).containsExactly("a");
        cluster.failWith(null);
        assertThat(monitor.poll().error()).isEmpty();
    }

    @Test
    void listenersGetEverySnapshot() {
        List<LagSnapshot> seen = new ArrayList<>();
        monitor.addListener(seen::add);
        monitor.poll();
        monitor.poll();
        assertThat(seen).hasSize(2);
    }
}

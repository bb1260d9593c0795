package io.wirestream.ops.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.ops.alert.AlertState;
import io.wirestream.ops.lag.GroupLag;
import io.wirestream.ops.lag.GroupStatus;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.lag.PartitionLag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LagReportTest {

    private static final Instant T = Instant.parse("2026-11-25T18:00:00Z");

    private static LagSnapshot snapshot() {
        PartitionLag p0 = new PartitionLag("news.raw", 0, 60, 0, 100, 40, 12.5, GroupStatus.STOP);
        PartitionLag p1 = new PartitionLag("news.raw", 1, 10, 0, 10, 0, Double.NaN, GroupStatus.OK);
        return new LagSnapshot(T, List.of(
            new GroupLag("wirestream-enrich", "Empty", 0, GroupStatus.STOP, 40, 40, 12.5, List.of(p0, p1)),
            new GroupLag("connect-jsonl", "Stable", 1, GroupStatus.OK, 0, 0, 0, List.of())), Optional.empty());
    }

    @Test
    void tableHasOneLineAGroupAndPartitionsOnRequest() {
        Map<String, AlertState> alerts = Map.of("wirestream-enrich",
            new AlertState("wirestream-enrich", false, true, List.of("status STOP"), T));
        String table = LagReport.table(snapshot(), alerts, false);
        assertThat(table.lines().toList()).hasSize(4);
        assertThat(table).contains("GROUP", "STATUS", "TOTAL LAG", "MAX LAG S")
            .containsPattern("wirestream-enrich\\s+STOP\\s+Empty\\s+0\\s+40\\s+12\\.5\\s+ALERT: status STOP")
            .contains("1 group(s) in ERR or STOP");
        String verbose = LagReport.table(snapshot(), Map.of(), true);
        assertThat(verbose).contains("news.raw-0", "committed 60  end 100  lag 40  lag 12.5 s  STOP", "lag ? s");
    }

    @Test
    void jsonUsesNullForUnknownSecondsAndCarriesAlerts() {
        String json = LagReport.toJson(LagReport.lagDocument(snapshot(), Map.of(), Duration.ofSeconds(30)));
        assertThat(json).contains("\"window_seconds\" : 30.0", "\"lag_seconds\" : null", "\"lag_seconds\" : 12.5",
            "\"status\" : \"STOP\"", "\"firing\" : false", "\"error\" : null");
    }

    @Test
    void emptyClusterSaysSo() {
        assertThat(LagReport.table(LagSnapshot.empty(T), Map.of(), false)).contains("(no consumer groups)");
    }
}

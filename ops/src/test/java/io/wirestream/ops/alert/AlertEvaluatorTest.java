package io.wirestream.ops.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.ops.OpsConfig;
import io.wirestream.ops.lag.GroupLag;
import io.wirestream.ops.lag.GroupStatus;
import io.wirestream.ops.lag.LagSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

    private static GroupLag group(String id, GroupStatus status, double maxLagSeconds) {
        return new GroupLag(id, "Stable", 1, status, 10, 10, maxLagSeconds, List.of());
    }

    private static LagSnapshot snapshot(long second, GroupLag... groups) {
        return new LagSnapshot(Instant.ofEpochSecond(second), List.of(groups), Optional.empty());
    }

    @Test
    void perGroupThresholdsOverrideTheDefaultRuleByRule() {
        AlertRules rules = AlertRules.from((Map.of(
            "alert.default.lag.seconds.max", "60",
            "alert.news.enrich.v2.lag.seconds.max", "5",
            "alert.connect-jsonl.statuses", "STALL, stop")));
        assertThat(rules.forGroup("other")).isEqualTo(new AlertRule(60, Set.of(GroupStatus.ERR, GroupStatus.STOP)));
        assertThat(rules.forGroup("news.enrich.v2")).isEqualTo(new AlertRule(5, Set.of(GroupStatus.ERR, GroupStatus.STOP)));
        assertThat(rules.forGroup("connect-jsonl")).isEqualTo(new AlertRule(60, Set.of(GroupStatus.STALL, GroupStatus.STOP)));
    }

    @Test
    void badAlertKeysAreRejectedWithTheKey() {
        assertThatThrownBy(() -> new OpsConfig(Map.of("alert.g.lag.seconds.max", "lots"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("alert.g.lag.seconds.max");
        assertThatThrownBy(() -> new OpsConfig(Map.of("alert.g.statuses", "BAD"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("BAD");
        assertThatThrownBy(() -> new OpsConfig(Map.of("alert.g.lag.max", "1"))).isInstanceOf(ConfigException.class)
            .hasMessageContaining("unknown alert key");
    }

    @Test
    void crossingAThresholdFiresAndGoingBackResolves() {
        AlertEvaluator evaluator = new AlertEvaluator(AlertRules.from((Map.of("alert.default.lag.seconds.max", "30"))));
        assertThat(evaluator.evaluate(snapshot(0, group("g", GroupStatus.OK, 10))).get("g").firing()).isFalse();

        AlertState lag = evaluator.evaluate(snapshot(5, group("g", GroupStatus.WARN, 31))).get("g");
        assertThat(lag.firing()).isTrue();
        assertThat(lag.lagFiring()).isTrue();
        assertThat(lag.statusFiring()).isFalse();
        assertThat(lag.reasons()).containsExactly("lag 31.0 s > 30.0 s");
        assertThat(lag.since()).isEqualTo(Instant.ofEpochSecond(5));

        AlertState both = evaluator.evaluate(snapshot(10, group("g", GroupStatus.STOP, 40))).get("g");
        assertThat(both.statusFiring()).isTrue();
        assertThat(both.since()).as("still firing since the first crossing").isEqualTo(Instant.ofEpochSecond(5));

        AlertState resolved = evaluator.evaluate(snapshot(15, group("g", GroupStatus.OK, 0))).get("g");
        assertThat(resolved.firing()).isFalse();
        assertThat(resolved.since()).isEqualTo(Instant.ofEpochSecond(15));
        assertThat(evaluator.states()).containsKey("g");
    }

    @Test
    void negativeThresholdAndEmptyStatusesTurnRulesOff() {
        AlertEvaluator evaluator = new AlertEvaluator(AlertRules.from((Map.of(
            "alert.default.lag.seconds.max", "-1", "alert.default.statuses", ""))));
        assertThat(evaluator.evaluate(snapshot(0, group("g", GroupStatus.ERR, 1e9))).get("g").firing()).isFalse();
    }
}

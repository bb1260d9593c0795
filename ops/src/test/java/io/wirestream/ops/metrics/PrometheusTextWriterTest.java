package io.wirestream.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextWriterTest {

    @Test
    void writesHelpTypeAndSamplesGroupedByFamily() {
        String text = PrometheusTextWriter.write(List.of(
            MetricCatalog.LAG_OFFSETS.sample(40, "g1", "news.raw", "0"),
            MetricCatalog.GROUP_MEMBERS.sample(0, "g1"),
            MetricCatalog.LAG_OFFSETS.sample(2, "g2", "news.raw", "1")));
        assertThat(text).isEqualTo("""
            # HELP wirestream_consumergroup_lag_offsets Offsets the group has still to read on the partition: log-end offset minus committed offset.
            # TYPE wirestream_consumergroup_lag_offsets gauge
            wirestream_consumergroup_lag_offsets{group="g1",topic="news.raw",partition="0"} 40
            wirestream_consumergroup_lag_offsets{group="g2",topic="news.raw",partition="1"} 2
            # HELP wirestream_consumergroup_members Active members of the group (0: nobody consumes; the group is still reported).
            # TYPE wirestream_consumergroup_members gauge
            wirestream_consumergroup_members{group="g1"} 0
            """);
    }

    @Test
    void escapesLabelValuesAndSpellsSpecialNumbers() {
        String text = PrometheusTextWriter.write(List.of(
            MetricCatalog.GROUP_MAX_LAG_SECONDS.sample(Double.NaN, "a\"b\\c\nd"),
            MetricCatalog.GROUP_MAX_LAG_SECONDS.sample(1.25, "x"),
            MetricCatalog.GROUP_MAX_LAG_SECONDS.sample(Double.POSITIVE_INFINITY, "y")));
        assertThat(text).contains("{group=\"a\\\"b\\\\c\\nd\"} NaN", "{group=\"x\"} 1.25", "{group=\"y\"} +Inf");
    }

    @Test
    void metricWithoutLabelsHasNoBraces() {
        assertThat(PrometheusTextWriter.write(List.of(MetricCatalog.LAG_POLL_UP.sample(1)))).contains("\nwirestream_lag_poll_up 1\n");
    }

    @Test
    void sampleMustMatchTheLabels() {
        assertThatThrownBy(() -> MetricCatalog.GROUP_MEMBERS.sample(1)).isInstanceOf(IllegalArgumentException.class);
    }
}

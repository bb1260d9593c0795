package io.wirestream.ops.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTableTest {

    @Test
    void keepsRowsWithinTheRetentionAndAlignsSeries() {
        HistoryTable t = new HistoryTable(Duration.ofSeconds(10), 100, 10);
        t.add(0, Map.of("a", 1.0));
        t.add(5_000, Map.of("a", 2.0, "b", 7.0));
        t.add(12_000, Map.of("b", Double.NaN));
        HistoryTable.Columns c = t.columns();
        assertThat(c.t()).containsExactly(5L, 12L);
        assertThat(c.series().get("a")).containsExactly(2.0, null);
        assertThat(c.series().get("b")).containsExactly(7.0, null);
    }

    @Test
    void boundedInRowsAndSeries() {
        HistoryTable t = new HistoryTable(Duration.ofHours(1), 3, 2);
        for (int i = 0; i < 10; i++) {
            Map<String, Double> row = new java.util.LinkedHashMap<>();
            row.put("s0", 0.0);
            row.put("s" + i, (double) i);
            t.add(i * 1_000L, row);
        }
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.columns().series()).as("s1 was charted but its rows aged out; s2..s9 were never charted").containsOnlyKeys("s0");
        assertThat(t.droppedSeries()).hasSize(8);
    }

    @Test
    void ignoresRowsOutOfOrder() {
        HistoryTable t = new HistoryTable(Duration.ofHours(1), 10, 10);
        t.add(2_000, Map.of("a", 1.0));
        t.add(1_000, Map.of("a", 2.0));
        assertThat(t.columns().series().get("a")).isEqualTo(Arrays.asList(1.0));
    }
}

package io.wirestream.ops.metrics;

import io.wirestream.ops.alert.AlertState;
import io.wirestream.ops.lag.GroupLag;
import io.wirestream.ops.lag.GroupStatus;
import io.wirestream.ops.lag.LagSnapshot;
import io.wirestream.ops.lag.PartitionLag;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a lag snapshot and the alert states into {@link MetricCatalog} samples. */
public final class LagMetrics {

    private LagMetrics() {
    }

    public static List<MetricSample> samples(LagSnapshot snapshot, Map<String, AlertState> alerts) {
        List<MetricSample> out = new ArrayList<>();
        Map<String, PartitionLag> partitions = new LinkedHashMap<>();
        Map<GroupStatus, Integer> byStatus = new EnumMap<>(GroupStatus.class);
        for (GroupStatus s : GroupStatus.values()) {
            byStatus.put(s, 0);
        }
        for (GroupLag g : snapshot.groups()) {
            String group = g.group();
            for (PartitionLag p : g.partitions()) {
                String part = Integer.toString(p.partition());
                out.add(MetricCatalog.LAG_OFFSETS.sample(p.lag(), group, p.topic(), part));
                out.add(MetricCatalog.LAG_SECONDS.sample(p.lagSeconds(), group, p.topic(), part));
                out.add(MetricCatalog.COMMITTED_OFFSET.sample(p.committed(), group, p.topic(), part));
                for (GroupStatus s : GroupStatus.values()) {
                    out.add(MetricCatalog.PARTITION_STATUS.sample(p.status() == s ? 1 : 0, group, p.topic(), part, s.name()));
                }
                partitions.putIfAbsent(p.topic() + "\u0000" + p.partition(), p);
            }
            out.add(MetricCatalog.GROUP_LAG_OFFSETS.sample(g.totalLag(), group));
            out.add(MetricCatalog.GROUP_MAX_LAG_OFFSETS.sample(g.maxLag(), group));
            out.add(MetricCatalog.GROUP_MAX_LAG_SECONDS.sample(g.maxLagSeconds(), group));
            out.add(MetricCatalog.GROUP_MEMBERS.sample(g.members(), group));
            for (GroupStatus s : GroupStatus.values()) {
                out.add(MetricCatalog.GROUP_STATUS.sample(g.status() == s ? 1 : 0, group, s.name()));
            }
            out.add(MetricCatalog.GROUP_STATUS_CODE.sample(g.status().ordinal(), group));
            AlertState alert = alerts.get(group);
            out.add(MetricCatalog.GROUP_ALERT.sample(alert != null && alert.lagFiring() ? 1 : 0, group, "lag_seconds"));
            out.add(MetricCatalog.GROUP_ALERT.sample(alert != null && alert.statusFiring() ? 1 : 0, group, "status"));
            byStatus.merge(g.status(), 1, Integer::sum);
        }
        for (PartitionLag p : partitions.values()) {
            String part = Integer.toString(p.partition());
            out.add(MetricCatalog.PARTITION_LOG_END_OFFSET.sample(p.logEndOffset(), p.topic(), part));
            out.add(MetricCatalog.PARTITION_LOG_START_OFFSET.sample(p.logStartOffset(), p.topic(), part));
        }
        byStatus.forEach((s, n) -> out.add(MetricCatalog.GROUPS.sample(n, s.name())));
        out.add(MetricCatalog.LAG_POLL_TIMESTAMP.sample(snapshot.time().toEpochMilli() / 1000.0));
        out.add(MetricCatalog.LAG_POLL_UP.sample(snapshot.error().isPresent() ? 0 : 1));
        return out;
    }
}

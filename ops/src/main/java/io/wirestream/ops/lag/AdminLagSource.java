package io.wirestream.ops.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeStreamsGroupsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LagSource} over Kafka's {@link Admin} client. Lists classic and new-protocol consumer groups (Kafka Streams
 * apps on the classic protocol and Connect sink tasks are consumer groups too) and Kafka 4's streams-protocol groups
 * (KIP-1071), reads committed offsets of every group in one request per kind, and the log start and end offsets of
 * the partitions they touch in two more.
 *
 * <p>End offsets are read with {@code read_committed} isolation, i.e. the last stable offset, which is what a
 * transactional (exactly-once) consumer can reach; for non-transactional topics it equals the high watermark.
 */
public final class AdminLagSource implements LagSource {

    private static final Logger LOG = LoggerFactory.getLogger(AdminLagSource.class);

    private final Admin admin;
    private final boolean ownsAdmin;
    private final Duration timeout;
    private final TransactionMarkerProbe markers;
    private volatile Set<String> streamsGroupIds = Set.of();

    /** Wraps an existing client; {@link #close()} leaves it open. Lag counts transaction markers (no probe). */
    public AdminLagSource(Admin admin, Duration timeout) {
        this(admin, false, timeout, null);
    }

    /**
     * Wraps an existing client and reads past transaction markers with a consumer made from {@code clientProps}
     * (bootstrap servers and security settings); {@link #close()} leaves the admin client open.
     */
    public AdminLagSource(Admin admin, Duration timeout, Map<String, ?> clientProps) {
        this(admin, false, timeout, clientProps);
    }

    private AdminLagSource(Admin admin, boolean ownsAdmin, Duration timeout, Map<String, ?> clientProps) {
        this.admin = admin;
        this.ownsAdmin = ownsAdmin;
        this.timeout = timeout;
        this.markers = clientProps == null ? null : new TransactionMarkerProbe(clientProps, MARKER_PROBE_TIMEOUT);
    }

    /** How long one probe past transaction markers may take before the lag is reported as counted. */
    private static final Duration MARKER_PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** Creates its own admin client for {@code bootstrapServers}; {@link #close()} closes it. */
    public static AdminLagSource connect(String bootstrapServers, Duration timeout) {
        return connect(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), timeout);
    }

    /** Creates its own admin client from client properties; {@link #close()} closes it. */
    public static AdminLagSource connect(Map<String, ?> adminProps, Duration timeout) {
        Properties props = new Properties();
        props.putAll(adminProps);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "wirestream-ops");
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Map<String, Object> clientProps = new HashMap<>();
        props.forEach((k, v) -> clientProps.put(String.valueOf(k), v));
        return new AdminLagSource(Admin.create(props), true, timeout, clientProps);
    }

    @Override
    public List<ConsumerGroupInfo> groups() {
        List<ConsumerGroupInfo> groups = new ArrayList<>(consumerGroups());
        List<ConsumerGroupInfo> streams = streamsGroups();
        Set<String> ids = new HashSet<>();
        streams.forEach(g -> ids.add(g.groupId()));
        streamsGroupIds = Set.copyOf(ids);
        groups.addAll(streams);
        return groups;
    }

    private List<ConsumerGroupInfo> consumerGroups() {
        Collection<GroupListing> listings = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()
            .timeoutMs(timeoutMs())).all());
        List<String> ids = listings.stream().map(GroupListing::groupId).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> described = admin
            .describeConsumerGroups(ids, new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs()))
            .describedGroups();
        List<ConsumerGroupInfo> groups = new ArrayList<>(ids.size());
        for (GroupListing listing : listings) {
            String state = listing.groupState().map(Object::toString).orElse("Unknown");
            int members = 0;
            try {
                ConsumerGroupDescription description = get(described.get(listing.groupId()));
                state = description.groupState() == null ? state : description.groupState().toString();
                members = description.members().size();
            } catch (GroupIdNotFoundException e) {
                continue; // deleted between list and describe
            } catch (KafkaException e) {
                LOG.debug("describe of group {} failed, keeping the listed state: {}", listing.groupId(), e.toString());
            }
            groups.add(new ConsumerGroupInfo(listing.groupId(), state, members));
        }
        return groups;
    }

    /** Groups on Kafka 4's streams rebalance protocol (KIP-1071); none on brokers that do not support it. */
    private List<ConsumerGroupInfo> streamsGroups() {
        Collection<GroupListing> listings;
        try {
            listings = get(admin.listGroups(ListGroupsOptions.forStreamsGroups().timeoutMs(timeoutMs())).all());
        } catch (UnsupportedVersionException e) {
            return List.of();
        }
        List<String> ids = listings.stream().map(GroupListing::groupId).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<StreamsGroupDescription>> described = admin
            .describeStreamsGroups(ids, new DescribeStreamsGroupsOptions().timeoutMs(timeoutMs())).describedGroups();
        List<ConsumerGroupInfo> groups = new ArrayList<>(ids.size());
        for (GroupListing listing : listings) {
            String state = listing.groupState().map(Object::toString).orElse("Unknown");
            int members = 0;
            try {
                StreamsGroupDescription description = get(described.get(listing.groupId()));
                state = description.groupState() == null ? state : description.groupState().toString();
                members = description.members().size();
            } catch (GroupIdNotFoundException e) {
                continue;
            } catch (KafkaException e) {
                LOG.debug("describe of streams group {} failed, keeping the listed state: {}", listing.groupId(), e.toString());
            }
            groups.add(new ConsumerGroupInfo(listing.groupId(), state, members));
        }
        return groups;
    }

    @Override
    public Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groupIds) {
        Map<String, Map<TopicPartition, Long>> out = new LinkedHashMap<>();
        List<String> consumer = groupIds.stream().filter(g -> !streamsGroupIds.contains(g)).toList();
        List<String> streams = groupIds.stream().filter(streamsGroupIds::contains).toList();
        if (!consumer.isEmpty()) {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
            consumer.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
            var result = admin.listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs()));
            for (String group : consumer) {
                collect(out, group, () -> get(result.partitionsToOffsetAndMetadata(group)));
            }
        }
        if (!streams.isEmpty()) {
            Map<String, ListStreamsGroupOffsetsSpec> specs = new LinkedHashMap<>();
            streams.forEach(g -> specs.put(g, new ListStreamsGroupOffsetsSpec()));
            var result = admin.listStreamsGroupOffsets(specs, new ListStreamsGroupOffsetsOptions().timeoutMs(timeoutMs()));
            for (String group : streams) {
                collect(out, group, () -> get(result.partitionsToOffsetAndMetadata(group)));
            }
        }
        return out;
    }

    private static void collect(Map<String, Map<TopicPartition, Long>> out, String group,
                                java.util.function.Supplier<Map<TopicPartition, OffsetAndMetadata>> fetch) {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = fetch.get();
        } catch (GroupIdNotFoundException e) {
            return;
        }
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null && om.offset() >= 0) {
                committed.put(tp, om.offset());
            }
        });
        out.put(group, committed);
    }

    @Override
    public Map<TopicPartition, PartitionOffsets> partitionOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> starts = list(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = list(partitions, OffsetSpec.latest());
        Map<TopicPartition, PartitionOffsets> out = new HashMap<>();
        ends.forEach((tp, end) -> {
            long start = Math.min(starts.getOrDefault(tp, 0L), end);
            out.put(tp, new PartitionOffsets(Math.max(0, start), end));
        });
        return out;
    }

    private Map<TopicPartition, Long> list(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        ListOffsetsResult result = admin.listOffsets(request,
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs()));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            try {
                out.put(tp, get(result.partitionResult(tp)).offset());
            } catch (UnknownTopicOrPartitionException e) {
                LOG.debug("partition {} does not exist (any more)", tp);
            }
        }
        return out;
    }

    @Override
    public Map<TopicPartition, Long> firstReadable(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        return markers == null || committed.isEmpty() ? Map.of() : markers.firstReadable(committed, ends);
    }

    @Override
    public List<TopicPartition> partitionsOf(Collection<String> topics) {
        List<TopicPartition> out = new ArrayList<>();
        if (topics.isEmpty()) {
            return out;
        }
        var described = admin.describeTopics(topics).topicNameValues();
        for (String topic : topics) {
            try {
                TopicDescription description = get(described.get(topic));
                description.partitions().forEach(p -> out.add(new TopicPartition(topic, p.partition())));
            } catch (UnknownTopicOrPartitionException e) {
                LOG.debug("topic {} does not exist", topic);
            }
        }
        return out;
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Waits for a future; unwraps Kafka's own exceptions so callers can catch them by type. */
    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaException ke) {
                throw ke;
            }
            throw new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("no answer from the cluster within "
                + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"), e);
        }
    }

    @Override
    public void close() {
        if (markers != null) {
            markers.close();
        }
        if (ownsAdmin) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}

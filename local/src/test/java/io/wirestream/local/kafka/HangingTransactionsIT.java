package io.wirestream.local.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.requests.TransactionResult;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction left open on a partition after its coordinator has forgotten it: what a kill -9 of the single node
 * in PREPARE_COMMIT leaves behind (see {@link HangingTransactions}). Made here by leaving a transaction (a record and
 * a group's offset commit) open, stopping the node, deleting {@code __transaction_state} and the clean-shutdown file.
 */
class HangingTransactionsIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void aTransactionWhoseMarkersWereLostBlocksReadersAndTheGroupUntilTheNextStartAbortsIt() throws Exception {
        String topic = "hang-" + UUID.randomUUID();
        String group = "hang-group-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(topic, 0);

        KafkaProducer<String, String> leftOpen;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> plain = producer(kafka, Map.of())) {
                plain.send(new ProducerRecord<>(topic, "k", "before")).get();
            }
            leftOpen = producer(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hang-" + UUID.randomUUID(),
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(15).toMillis()));
            leftOpen.initTransactions();
            leftOpen.beginTransaction();
            leftOpen.send(new ProducerRecord<>(topic, "k", "never decided")).get();
            leftOpen.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(1)), new ConsumerGroupMetadata(group));
        }
        leftOpen.close(Duration.ZERO);
        forgetTransactionsAndCrash(dataDir.resolve(EmbeddedKafka.LOG_DIR_NAME));

        // without the repair: the partition's last stable offset stays at the open transaction, and the group's
        // offsets stay unstable (the hang of a restarted `wirestream up`)
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, Map.of(), false); Admin admin = admin(kafka)) {
            List<HangingTransactions.Hanging> hanging = HangingTransactions.find(admin, TIMEOUT);
            assertThat(hanging).extracting(h -> h.partition().topic()).contains(topic, "__consumer_offsets");
            assertThat(lastStableOffset(admin, partition)).isEqualTo(1);
            assertThat(endOffset(admin, partition)).isEqualTo(2);
            try (KafkaConsumer<String, String> consumer = readCommitted(kafka, group)) {
                assertThatThrownBy(() -> consumer.committed(Set.of(partition), Duration.ofSeconds(5)))
                        .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            }
        }
        forgetTransactionsAndCrash(dataDir.resolve(EmbeddedKafka.LOG_DIR_NAME));

        // with it (the default start): the transaction is aborted, readers and the group move on
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir); Admin admin = admin(kafka)) {
            assertThat(HangingTransactions.find(admin, TIMEOUT)).isEmpty();
            assertThat(lastStableOffset(admin, partition)).isEqualTo(endOffset(admin, partition));
            try (KafkaConsumer<String, String> consumer = readCommitted(kafka, group)) {
                // the aborted offset commit is gone: no committed offset, and no UNSTABLE_OFFSET_COMMIT any more
                assertThat(consumer.committed(Set.of(partition), Duration.ofSeconds(30))).containsEntry(partition, null);
                assertThat(readToEnd(consumer, partition, endOffset(admin, partition))).containsExactly("before");
            }
        }
    }

    @Test
    void aTransactionItsCoordinatorCommittedIsCommittedOnThePartitionsThatLostTheirMarker() throws Exception {
        String first = "hang-a-" + UUID.randomUUID();
        String second = "hang-b-" + UUID.randomUUID();
        String group = "hang-group-" + UUID.randomUUID();
        TopicPartition input = new TopicPartition(first, 0);
        TopicPartition output = new TopicPartition(second, 0);

        long beforeMarker;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(first, 1, (short) 1), new NewTopic(second, 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = producer(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "hang-" + UUID.randomUUID()))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(first, "k", "first")).get();
                producer.send(new ProducerRecord<>(second, "k", "second")).get();
                producer.sendOffsetsToTransaction(Map.of(input, new OffsetAndMetadata(1)), new ConsumerGroupMetadata(group));
                beforeMarker = Files.size(segment(dataDir, output));
                producer.commitTransaction();
            }
        }
        // the kill between the markers: the coordinator wrote CompleteCommit, one partition never got its COMMIT
        loseTheLastMarker(dataDir, output, beforeMarker);
        Files.deleteIfExists(dataDir.resolve(EmbeddedKafka.LOG_DIR_NAME).resolve(EmbeddedKafka.CLEAN_SHUTDOWN_FILE));

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, Map.of(), false); Admin admin = admin(kafka)) {
            List<HangingTransactions.Hanging> hanging = HangingTransactions.find(admin, TIMEOUT);
            assertThat(hanging).extracting(h -> h.partition(), h -> h.result())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(output, TransactionResult.COMMIT));
            assertThat(lastStableOffset(admin, output)).isZero();
        }
        Files.deleteIfExists(dataDir.resolve(EmbeddedKafka.LOG_DIR_NAME).resolve(EmbeddedKafka.CLEAN_SHUTDOWN_FILE));

        // the default start commits it: the output is there beside the input's offset the group already counts as done
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir); Admin admin = admin(kafka)) {
            assertThat(HangingTransactions.find(admin, TIMEOUT)).isEmpty();
            try (KafkaConsumer<String, String> consumer = readCommitted(kafka, group)) {
                assertThat(consumer.committed(Set.of(input), Duration.ofSeconds(30))).containsEntry(input, new OffsetAndMetadata(1));
                assertThat(readToEnd(consumer, output, endOffset(admin, output))).containsExactly("second");
                assertThat(readToEnd(consumer, input, endOffset(admin, input))).containsExactly("first");
            }
        }
    }

    @Test
    void aTransactionItsCoordinatorListsAsOngoingIsLeftToTheCoordinator() throws Exception {
        String topic = "hang-open-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(topic, 0);
        // the coordinator looks for timed-out transactions every second instead of every 10 s
        Map<String, String> quickTimeouts = Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");

        KafkaProducer<String, String> leftOpen;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, quickTimeouts)) {
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            leftOpen = producer(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hang-" + UUID.randomUUID(),
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 5_000));
            leftOpen.initTransactions();
            leftOpen.beginTransaction();
            leftOpen.send(new ProducerRecord<>(topic, "k", "in flight at the crash")).get();
        }
        leftOpen.close(Duration.ZERO);
        Files.deleteIfExists(dataDir.resolve(EmbeddedKafka.LOG_DIR_NAME).resolve(EmbeddedKafka.CLEAN_SHUTDOWN_FILE));

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0, quickTimeouts); Admin admin = admin(kafka)) {
            // the repair wrote nothing (a marker of its own would race the coordinator's abort with an older epoch)...
            assertThat(endOffset(admin, partition)).isEqualTo(1);
            // ...and the coordinator aborts it at its timeout, so readers move on
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> lastStableOffset(admin, partition) == endOffset(admin, partition));
            assertThat(endOffset(admin, partition)).isEqualTo(2);
            try (KafkaConsumer<String, String> consumer = readCommitted(kafka, "hang-group-" + UUID.randomUUID())) {
                assertThat(readToEnd(consumer, partition, 2)).isEmpty();
            }
        }
    }

    /** The first segment file of {@code tp}'s log. */
    private static Path segment(Path dataDir, TopicPartition tp) {
        return dataDir.resolve(EmbeddedKafka.LOG_DIR_NAME).resolve(tp.topic() + "-" + tp.partition()).resolve("00000000000000000000.log");
    }

    /**
     * Cuts {@code tp}'s log back to {@code size} bytes (the marker written after it is gone) and removes what Kafka
     * rebuilds from the log: its indexes and producer-state snapshots.
     */
    private static void loseTheLastMarker(Path dataDir, TopicPartition tp, long size) throws IOException {
        Path log = segment(dataDir, tp);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
        try (Stream<Path> files = Files.list(log.getParent())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".index") || f.toString().endsWith(".timeindex")
                    || f.toString().endsWith(".snapshot")).toList()) {
                Files.delete(f);
            }
        }
    }

    /** The coordinator no longer knows the transaction, and the next start counts as one after a crash. */
    private static void forgetTransactionsAndCrash(Path logDir) throws IOException {
        try (Stream<Path> dirs = Files.list(logDir)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("__transaction_state-")).toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        Files.deleteIfExists(logDir.resolve(EmbeddedKafka.CLEAN_SHUTDOWN_FILE));
    }

    /** Every value a read-committed consumer gets from the start of {@code tp} up to {@code end}. */
    private static List<String> readToEnd(KafkaConsumer<String, String> consumer, TopicPartition tp, long end) {
        List<String> values = new java.util.ArrayList<>();
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(tp) < end && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
        }
        assertThat(consumer.position(tp)).as("read to the end of " + tp).isEqualTo(end);
        return values;
    }

    private static long lastStableOffset(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .partitionResult(tp).get().offset();
    }

    private static long endOffset(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .partitionResult(tp).get().offset();
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka, Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(extra);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> readCommitted(EmbeddedKafka kafka, String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
    }
}

package io.wirestream.local.kafka;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Transactions a partition still holds open although their coordinator has finished with them, and their abort.
 *
 * <p>Why a single node needs this: when the node dies while a transaction is in PREPARE_COMMIT (Streams commits every
 * 200 ms, so a crash often lands there), the restarted coordinator resends the markers as soon as it has loaded
 * {@code __transaction_state}, which is before the restarted broker is unfenced. For that moment no partition has a
 * live leader; the marker sender takes leaderless partitions for deleted ones ("these partitions are likely deleted
 * already and hence can be skipped"), writes COMPLETE_COMMIT and never sends the markers again. Those partitions keep
 * an open transaction for good: their last stable offset stops there, so read_committed readers and the restore of a
 * changelog wait forever, and the transactional offset commit on {@code __consumer_offsets} stays pending, so the
 * group's consumers get UNSTABLE_OFFSET_COMMIT on every offset fetch. (Seen as {@code wirestream up} restarted after
 * a kill -9 whose enrich committed nothing, ever.)
 *
 * <p>The repair is Kafka's own for hanging transactions ({@code kafka-transactions.sh find-hanging} / {@code abort}):
 * an ABORT marker on each such partition, written with the producer's epoch and coordinator epoch. On one node every
 * partition loses its markers at once, so the whole transaction is rolled back everywhere and the application
 * redoes it from its previous committed offsets: nothing is lost and nothing is doubled. A transaction the
 * coordinator still owns (ONGOING with that partition, or PREPARE_*) is left to the coordinator.
 */
final class HangingTransactions {

    private static final Logger log = LoggerFactory.getLogger(HangingTransactions.class);
    private static final Duration RETRY = Duration.ofMillis(250);
    private static final String TRANSACTION_STATE = "__transaction_state";
    private static final Set<TransactionState> COORDINATOR_BUSY =
            Set.of(TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    /** One partition's open transaction that no coordinator will ever finish. */
    record Hanging(TopicPartition partition, ProducerState producer, String coordinatorState) {
        AbortTransactionSpec abortSpec() {
            return new AbortTransactionSpec(partition, producer.producerId(), (short) producer.producerEpoch(),
                    producer.coordinatorEpoch().orElse(0));
        }
    }

    private HangingTransactions() {
    }

    /**
     * Waits until every partition has a leader and no coordinator is still writing markers, then returns the open
     * transactions that no coordinator owns (see the class comment).
     */
    static List<Hanging> find(Admin admin, Duration timeout) throws InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        Set<TopicPartition> partitions = retry(deadline, "every partition to have a leader", () -> ledPartitions(admin));
        // a coordinator that has not loaded its partitions yet lists nothing: "unknown" must mean unknown, not "not yet"
        List<String> probes = probeIds(partitions);
        retry(deadline, "the transaction coordinators to load __transaction_state", () -> loaded(admin, probes));
        // no client runs yet, so from here a transaction's state can only move on by the coordinator's own timeout
        Collection<TransactionListing> transactions = retry(deadline, "the transaction coordinators to finish writing markers", () -> {
            Collection<TransactionListing> all = admin.listTransactions().all().get();
            return all.stream().anyMatch(t -> COORDINATOR_BUSY.contains(t.state())) ? null : all;
        });
        Map<TopicPartition, PartitionProducerState> producers =
                retry(deadline, "the partitions' producer states", () -> admin.describeProducers(partitions).all().get());

        Map<TopicPartition, ProducerState> open = new HashMap<>();
        producers.forEach((tp, state) -> state.activeProducers().stream()
                .filter(p -> p.currentTransactionStartOffset().isPresent())
                .forEach(p -> open.put(tp, p)));
        if (open.isEmpty()) {
            return List.of();
        }
        Map<Long, TransactionListing> listings = new HashMap<>();
        transactions.forEach(t -> listings.put(t.producerId(), t));
        List<String> ongoing = listings.values().stream()
                .filter(t -> t.state() == TransactionState.ONGOING).map(TransactionListing::transactionalId).toList();
        Map<String, TransactionDescription> described = ongoing.isEmpty() ? Map.of()
                : retry(deadline, "the ongoing transactions", () -> admin.describeTransactions(ongoing).all().get());

        List<Hanging> hanging = new ArrayList<>();
        open.forEach((tp, producer) -> {
            TransactionListing listing = listings.get(producer.producerId());
            TransactionDescription owner = listing == null ? null : described.get(listing.transactionalId());
            boolean owned = owner != null && owner.producerEpoch() == producer.producerEpoch() && owner.topicPartitions().contains(tp);
            if (!owned) {
                hanging.add(new Hanging(tp, producer, listing == null ? "unknown to every coordinator" : listing.state().toString()));
            }
        });
        return hanging;
    }

    /** Writes an ABORT marker on each partition; returns how many were aborted. */
    static int abort(Admin admin, List<Hanging> hanging, Duration timeout) throws InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        for (Hanging h : hanging) {
            // the group coordinator may still be loading __consumer_offsets: asked again until the deadline
            retry(deadline, "the abort marker on " + h.partition(), () -> {
                admin.abortTransaction(h.abortSpec()).all().get();
                return Boolean.TRUE;
            });
            log.warn("Aborted a transaction left open on {} since offset {} by producer {} (epoch {}; coordinator: {}): "
                            + "its markers were lost in an unclean shutdown, and readers of the partition were stuck behind it",
                    h.partition(), h.producer().currentTransactionStartOffset().getAsLong(), h.producer().producerId(),
                    h.producer().producerEpoch(), h.coordinatorState());
        }
        return hanging.size();
    }

    /** {@link #find} then {@link #abort} within one timeout; returns how many were aborted. */
    static int repair(Admin admin, Duration timeout) throws InterruptedException, TimeoutException {
        Instant started = Instant.now();
        List<Hanging> hanging = find(admin, timeout);
        return hanging.isEmpty() ? 0 : abort(admin, hanging, timeout.minus(Duration.between(started, Instant.now())));
    }

    /**
     * One transactional id per {@code __transaction_state} partition (the coordinator's own mapping: the id's hash
     * modulo the partition count), none of which any producer uses.
     */
    private static List<String> probeIds(Set<TopicPartition> partitions) {
        int count = (int) partitions.stream().filter(tp -> tp.topic().equals(TRANSACTION_STATE)).count();
        Map<Integer, String> byPartition = new HashMap<>();
        for (int i = 0; byPartition.size() < count; i++) {
            String id = "wirestream-hanging-transactions-probe-" + i;
            byPartition.putIfAbsent(org.apache.kafka.common.utils.Utils.abs(id.hashCode()) % count, id);
        }
        return List.copyOf(byPartition.values());
    }

    /** True once every probe is answered "no such transactional id", i.e. by a coordinator that has loaded its partition. */
    private static Boolean loaded(Admin admin, List<String> probes) throws InterruptedException {
        for (String probe : probes) {
            try {
                admin.describeTransactions(List.of(probe)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TransactionalIdNotFoundException)) {
                    return null;
                }
            }
        }
        return Boolean.TRUE;
    }

    /** Every partition of every topic (internal ones too), or null while one has no leader. */
    private static Set<TopicPartition> ledPartitions(Admin admin) throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
        Set<TopicPartition> partitions = new HashSet<>();
        for (TopicDescription d : descriptions.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    return null;
                }
                partitions.add(new TopicPartition(d.name(), p.partition()));
            }
        }
        return partitions;
    }

    @FunctionalInterface
    private interface Attempt<T> {
        /** The result, or null when it is not there yet. */
        T get() throws Exception;
    }

    /** Asks again every {@link #RETRY} while the answer is null or an error (coordinators loading, no leader yet). */
    private static <T> T retry(Instant deadline, String what, Attempt<T> attempt) throws InterruptedException, TimeoutException {
        Exception last = null;
        while (true) {
            try {
                T result = attempt.get();
                if (result != null) {
                    return result;
                }
            } catch (ExecutionException e) {
                last = e.getCause() instanceof Exception cause ? cause : e;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (Instant.now().isAfter(deadline)) {
                TimeoutException timeout = new TimeoutException("timed out waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
                if (last != null) {
                    timeout.initCause(last);
                }
                throw timeout;
            }
            TimeUnit.MILLISECONDS.sleep(RETRY.toMillis()); // the broker pushes nothing a client could wait on
        }
    }
}

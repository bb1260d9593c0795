package io.wirestream.local.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.TransactionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Transactions a partition still holds open although their coordinator has finished with them, and their completion.
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
 * <p>The repair writes the marker the coordinator would have written, with the producer's epoch and coordinator epoch:
 * <ul>
 *   <li>the coordinator has the transaction as CompleteCommit (the crash came after its decision, between the
 *       partitions' COMMIT markers, or while it resent them): a COMMIT marker. Aborting there would roll the output
 *       back on some partitions while the consumer group's offsets, already committed on theirs, count the input as
 *       done: a story lost.</li>
 *   <li>no coordinator knows the producer, or it has the transaction as CompleteAbort or Empty: an ABORT marker
 *       (Kafka's own {@code kafka-transactions.sh find-hanging} / {@code abort}); the application redoes the work
 *       from its committed offsets.</li>
 *   <li>the coordinator has it as Ongoing: nothing. The coordinator aborts it itself, when the producer starts again
 *       or at its timeout, with a newer epoch; an ABORT written here first with the older one is refused ("invalid
 *       producer epoch") on any partition the coordinator's own markers reached in the meantime.</li>
 * </ul>
 * No client runs while it does this, so a hanging partition's transaction is its producer's last one, the one the
 * coordinator's state describes.
 */
final class HangingTransactions {

    private static final Logger log = LoggerFactory.getLogger(HangingTransactions.class);
    private static final Duration RETRY = Duration.ofMillis(250);
    /** Bound on one marker request (connect and answer); a slow one is asked again until the repair's deadline. */
    private static final Duration MARKER_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String TRANSACTION_STATE = "__transaction_state";
    private static final Set<TransactionState> COORDINATOR_BUSY =
            Set.of(TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    /**
     * One partition's open transaction that no coordinator will ever finish, the marker that finishes it (with
     * {@code markerEpoch}, the newer of the partition's and the coordinator's epoch for the producer) and its leader.
     */
    record Hanging(TopicPartition partition, Node leader, ProducerState producer, String coordinatorState,
                   TransactionResult result, short markerEpoch) {
    }

    private HangingTransactions() {
    }

    /**
     * Waits until every partition has a leader and no coordinator is still writing markers, then returns the open
     * transactions that no coordinator owns (see the class comment).
     */
    static List<Hanging> find(Admin admin, Duration timeout) throws InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        Map<TopicPartition, Node> leaders = retry(deadline, "every partition to have a leader", () -> ledPartitions(admin));
        Set<TopicPartition> partitions = leaders.keySet();
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
        List<String> known = open.values().stream().map(p -> listings.get(p.producerId())).filter(java.util.Objects::nonNull)
                .map(TransactionListing::transactionalId).distinct().toList();
        Map<String, TransactionDescription> described = known.isEmpty() ? Map.of()
                : retry(deadline, "the open transactions' coordinator state", () -> describe(admin, known));

        List<Hanging> hanging = new ArrayList<>();
        open.forEach((tp, producer) -> {
            TransactionListing listing = listings.get(producer.producerId());
            TransactionDescription coordinator = listing == null ? null : described.get(listing.transactionalId());
            if (coordinator == null) {
                hanging.add(new Hanging(tp, leaders.get(tp), producer, "unknown to every coordinator",
                        TransactionResult.ABORT, (short) producer.producerEpoch()));
                return;
            }
            TransactionState state = coordinator.state();
            if (state == TransactionState.ONGOING) {
                if (!coordinator.topicPartitions().contains(tp)) {
                    log.warn("{} holds a transaction open since offset {} for producer {} (epoch {}), which its coordinator "
                                    + "lists as ongoing (epoch {}) without that partition; left to the coordinator",
                            tp, producer.currentTransactionStartOffset().getAsLong(), producer.producerId(),
                            producer.producerEpoch(), coordinator.producerEpoch());
                }
                return;
            }
            short epoch = (short) Math.max(producer.producerEpoch(), coordinator.producerEpoch());
            hanging.add(new Hanging(tp, leaders.get(tp), producer, state.toString(),
                    state == TransactionState.COMPLETE_COMMIT ? TransactionResult.COMMIT : TransactionResult.ABORT, epoch));
        });
        return hanging;
    }

    /** Writes each partition's marker; returns how many were written. */
    static int complete(List<Hanging> hanging, Duration timeout) throws InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        TransactionMarkerWriter writer = new TransactionMarkerWriter(MARKER_REQUEST_TIMEOUT);
        for (Hanging h : hanging) {
            // the group coordinator may still be loading __consumer_offsets: asked again until the deadline
            retry(deadline, "the " + h.result() + " marker on " + h.partition(), () -> {
                Errors error = writer.write(h.leader(), h.partition(), h.producer().producerId(), h.markerEpoch(),
                        h.producer().coordinatorEpoch().orElse(0), h.result());
                if (error == Errors.NONE) {
                    return Boolean.TRUE;
                }
                if (error.exception() instanceof RetriableException) {
                    throw error.exception();
                }
                throw new NonRetriable(error.exception("the " + h.result() + " marker on " + h.partition() + " was refused: "
                        + error.message()));
            });
            log.warn("{} a transaction left open on {} since offset {} by producer {} (epoch {}; coordinator: {}): "
                            + "its markers were lost in an unclean shutdown, and readers of the partition were stuck behind it",
                    h.result() == TransactionResult.COMMIT ? "Committed" : "Aborted", h.partition(),
                    h.producer().currentTransactionStartOffset().getAsLong(), h.producer().producerId(),
                    h.producer().producerEpoch(), h.coordinatorState());
        }
        return hanging.size();
    }

    /** {@link #find} then {@link #complete} within one timeout; returns how many were completed. */
    static int repair(Admin admin, Duration timeout) throws InterruptedException, TimeoutException {
        Instant started = Instant.now();
        List<Hanging> hanging = find(admin, timeout);
        return hanging.isEmpty() ? 0 : complete(hanging, timeout.minus(Duration.between(started, Instant.now())));
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

    /**
     * The coordinators' descriptions of {@code ids}; an id a coordinator no longer knows (expired since it was listed)
     * is left out, so its producer counts as unknown, instead of failing every attempt until the deadline.
     */
    private static Map<String, TransactionDescription> describe(Admin admin, List<String> ids) throws InterruptedException, ExecutionException {
        org.apache.kafka.clients.admin.DescribeTransactionsResult result = admin.describeTransactions(ids);
        Map<String, TransactionDescription> described = new HashMap<>();
        for (String id : ids) {
            try {
                described.put(id, result.description(id).get());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TransactionalIdNotFoundException)) {
                    throw e;
                }
            }
        }
        return described;
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

    /** Every partition of every topic (internal ones too) with its leader, or null while one has no leader. */
    private static Map<TopicPartition, Node> ledPartitions(Admin admin) throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
        Map<TopicPartition, Node> partitions = new HashMap<>();
        for (TopicDescription d : descriptions.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    return null;
                }
                partitions.put(new TopicPartition(d.name(), p.partition()), p.leader());
            }
        }
        return partitions;
    }

    /** An answer that asking again will not change. */
    private static final class NonRetriable extends RuntimeException {
        NonRetriable(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
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
            } catch (NonRetriable e) {
                throw (RuntimeException) e.getCause();
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

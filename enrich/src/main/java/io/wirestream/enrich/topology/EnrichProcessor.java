package io.wirestream.enrich.topology;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.enrich.cluster.StoryPrint;
import io.wirestream.enrich.cluster.StoryPrinter;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Lineage;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.BiFunction;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dedupes and annotates one RawArticle at a time (see {@link StoryState#decide}) and hands what is to be written
 * (a {@link StagedStory}: the news.enriched bytes, already measured, and the topic routes) to the cluster stage
 * ({@link ClusterProcessor}) through the single-partition repartition topic. The annotation and the size check run
 * before the store is touched, so a story the annotator fails on (or too large) leaves no trace but its DLQ record.
 * A wall-clock punctuator purges stories not emitted for longer than the retention, so the store stays bounded;
 * a purged story is treated as new if it comes back.
 *
 * <p>Embargoes. A story that would be enriched but whose {@code embargoed} time is still ahead of the wall clock is
 * held in the {@value EnrichTopology#EMBARGO_STORE} store instead (a newer embargoed version replaces the held one;
 * an older or identical one is dropped). A wall-clock punctuation every {@link #EMBARGO_CHECK_INTERVAL} releases
 * every held story whose embargo has lifted: it is annotated and emitted as if it had just arrived, with the lineage
 * of its news.raw record. A version arriving without an embargo (or with one already past) replaces a held older
 * version and is emitted at once. A kill notice for a held story withdraws it unseen: the held story is dropped, and
 * so is the kill when no version of the story was ever emitted (nothing downstream to withdraw; the dedupe state
 * remembers the kill, so a replay of the held version stays dropped); when an earlier version was emitted, the kill
 * passes through as usual. Both stores are changelogged, so held stories survive a restart; all output of a
 * punctuation is part of the task's transaction under exactly-once like any other.
 */
final class EnrichProcessor implements Processor<String, RawArticle, String, StagedStory> {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichProcessor.class);
    /** Metric group {@code stream-wirestream-enrich-metrics}, one entity per task. */
    static final String METRIC_SCOPE = io.wirestream.schemas.PipelineNames.ENRICH_METRIC_SCOPE;

    private final Function<RawArticle, Annotation> annotator;
    private final String taxonomyVersion;
    private final String enricherVersion;
    private final Duration retention;
    private final int maxOutputBytes;
    /** Encodes for news.enriched (with the record's headers); the bytes are measured, then written as they are. */
    private final BiFunction<Headers, EnrichedArticle, byte[]> encodeForEnriched;

    /** How often held stories are checked for a lifted embargo (wall clock). */
    static final Duration EMBARGO_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** Encodes and decodes RawArticles for the embargo store with news.raw's own serde. */
    record RawCodec(Function<RawArticle, byte[]> encode, Function<byte[], RawArticle> decode) {
    }

    private final RawCodec rawCodec;
    private final StoryPrinter printer = new StoryPrinter(EnrichTopology.CLUSTER_SETTINGS);
    private ProcessorContext<String, StagedStory> context;
    private KeyValueStore<String, StoryState> store;
    private KeyValueStore<String, HeldStory> embargoed;
    private Sensor held;
    private Sensor released;
    private Sensor withdrawnUnseen;
    private Sensor releaseFailed;
    private final List<Sensor> sensors = new ArrayList<>();
    private Sensor enriched;
    private Sensor killed;
    private Sensor duplicates;
    private Sensor stale;
    private Sensor skipped;
    private Sensor purged;

    EnrichProcessor(Function<RawArticle, Annotation> annotator, String taxonomyVersion, String enricherVersion,
                    EnrichLimits limits, BiFunction<Headers, EnrichedArticle, byte[]> encodeForEnriched, RawCodec rawCodec) {
        this.rawCodec = rawCodec;
        this.annotator = annotator;
        this.taxonomyVersion = taxonomyVersion;
        this.enricherVersion = enricherVersion;
        this.retention = limits.dedupeRetention();
        this.maxOutputBytes = limits.maxOutputBytes();
        this.encodeForEnriched = encodeForEnriched;
    }

    /** How often the purge runs: a tenth of the retention, between a minute and an hour. */
    static Duration purgeInterval(Duration retention) {
        Duration tenth = retention.dividedBy(10);
        Duration minute = Duration.ofMinutes(1);
        Duration hour = Duration.ofHours(1);
        return tenth.compareTo(minute) < 0 ? minute : tenth.compareTo(hour) > 0 ? hour : tenth;
    }

    @Override
    public void init(ProcessorContext<String, StagedStory> context) {
        this.context = context;
        this.store = context.getStateStore(EnrichTopology.STORE);
        StreamsMetrics metrics = context.metrics();
        String task = context.taskId().toString();
        enriched = sensor(metrics, task, "enriched");
        killed = sensor(metrics, task, "killed");
        duplicates = sensor(metrics, task, "duplicate-dropped");
        stale = sensor(metrics, task, "stale-dropped");
        skipped = sensor(metrics, task, "tombstone-skipped");
        purged = sensor(metrics, task, "state-purged");
        held = sensor(metrics, task, "embargo-held");
        released = sensor(metrics, task, "embargo-released");
        withdrawnUnseen = sensor(metrics, task, "embargo-withdrawn-unseen");
        releaseFailed = sensor(metrics, task, "embargo-release-failed");
        this.embargoed = context.getStateStore(EnrichTopology.EMBARGO_STORE);
        context.schedule(purgeInterval(retention), PunctuationType.WALL_CLOCK_TIME, this::purge);
        context.schedule(EMBARGO_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::releaseLifted);
    }

    /** Emits every held story whose embargo has lifted by {@code nowMs}, in embargo order. */
    void releaseLifted(long nowMs) {
        List<KeyValue<String, HeldStory>> due = new ArrayList<>();
        try (KeyValueIterator<String, HeldStory> all = embargoed.all()) {
            while (all.hasNext()) {
                KeyValue<String, HeldStory> entry = all.next();
                if (entry.value.releaseMs() <= nowMs) {
                    due.add(entry);
                }
            }
        }
        due.sort(java.util.Comparator.comparingLong(e -> e.value.releaseMs()));
        for (KeyValue<String, HeldStory> entry : due) {
            // a registry outage here fails the thread: the transaction aborts and the story stays held
            RawArticle raw = rawCodec.decode().apply(entry.value.raw());
            StoryState previous = store.get(entry.key);
            if (StoryState.decide(previous, raw) != StoryState.Decision.ENRICH) {
                embargoed.delete(entry.key);
                LOG.info("story {} v{}: embargo lifted but a newer or equal version was emitted meanwhile; dropped",
                    entry.key, raw.getVersion());
                continue;
            }
            Record<String, RawArticle> record = new Record<>(entry.key, raw, nowMs, new RecordHeaders());
            try {
                enrich(record, raw, previous, entry.value.lineage());
            } catch (RuntimeException e) {
                if (isRegistryOutage(e)) {
                    throw e;
                }
                // what would have sent the story to the dead letter queue on arrival (the annotator failing on it,
                // an oversize output): a punctuation has no input record to dead-letter, so it is logged and dropped
                embargoed.delete(entry.key);
                releaseFailed.record();
                LOG.error("story {} v{} (news.raw {}-{}@{}): embargo lifted but it could not be enriched, dropped: {}",
                    entry.key, raw.getVersion(), entry.value.lineage().getTopic(), entry.value.lineage().getPartition(),
                    entry.value.lineage().getOffset(), e.toString());
                continue;
            }
            embargoed.delete(entry.key);
            released.record();
            LOG.info("story {} v{}: embargo lifted at {}, released", entry.key, raw.getVersion(),
                Instant.ofEpochMilli(entry.value.releaseMs()));
        }
    }

    private static boolean isRegistryOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.wirestream.schemas.registry.RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /** Deletes the state of stories last emitted before {@code now - retention}. */
    void purge(long nowMs) {
        long cutoff = nowMs - retention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, StoryState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, StoryState> entry = all.next();
                if (entry.value.emittedAtMs() < cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
        expired.forEach(key -> purged.record());
        if (!expired.isEmpty()) {
            LOG.info("purged the dedupe state of {} stories not seen for {}", expired.size(), retention);
        }
    }

    private Sensor sensor(StreamsMetrics metrics, String task, String operation) {
        Sensor sensor = metrics.addRateTotalSensor(METRIC_SCOPE, task, operation, Sensor.RecordingLevel.INFO);
        sensors.add(sensor);
        return sensor;
    }

    @Override
    public void process(Record<String, RawArticle> record) {
        RawArticle raw = record.value();
        if (raw == null) {
            skipped.record();
            String where = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("news.raw");
            LOG.warn("record {} with key {} has no value (a tombstone) and is skipped: news.raw carries story versions, "
                + "a story is withdrawn by a kill notice (pubStatus CANCELED), not by a null value", where, record.key());
            return;
        }
        String storyId = raw.getStoryId();
        StoryState previous = store.get(storyId);
        HeldStory heldNow = embargoed.get(storyId);
        if (heldNow != null && StoryState.isKill(raw)) {
            embargoed.delete(storyId);
            withdrawnUnseen.record();
            if (previous == null || previous.withdrawn()) {
                // nobody downstream saw any version: the kill has nothing to withdraw and is dropped with the held story
                store.put(storyId, StoryState.killed(previous, raw, context.currentSystemTimeMs()));
                LOG.info("story {} v{}: {} notice before the embargo lifted; held v{} withdrawn unseen, notice dropped",
                    storyId, raw.getVersion(), raw.getPubStatus(), heldNow.version());
                return;
            }
            LOG.info("story {}: held v{} withdrawn unseen by a {} notice, which passes through for the emitted v{}",
                storyId, heldNow.version(), raw.getPubStatus(), previous.version());
        }
        StoryState.Decision decision = StoryState.decide(previous, raw);
        if (decision == StoryState.Decision.ENRICH && heldNow != null && !StoryState.isKill(raw)) {
            if (raw.getVersion() < heldNow.version()) {
                stale.record();
                LOG.debug("story {} v{}: older than the held v{}, dropped", storyId, raw.getVersion(), heldNow.version());
                return;
            }
            if (heldNow.contentHash().equals(raw.getContentHash())) {
                duplicates.record();
                LOG.debug("story {} v{}: duplicate of the held version, dropped", storyId, raw.getVersion());
                return;
            }
        }
        if (decision == StoryState.Decision.ENRICH && raw.getEmbargoed() != null
            && raw.getEmbargoed().toEpochMilli() > context.currentSystemTimeMs()) {
            embargoed.put(storyId, new HeldStory(raw.getEmbargoed().toEpochMilli(), raw.getVersion(), raw.getContentHash(),
                lineage(), rawCodec.encode().apply(raw)));
            held.record();
            LOG.info("story {} v{}: embargoed until {}, held", storyId, raw.getVersion(), raw.getEmbargoed());
            return;
        }
        if (decision == StoryState.Decision.ENRICH && heldNow != null) {
            // a version free to publish now supersedes the held one
            embargoed.delete(storyId);
        }
        switch (decision) {
            case DUPLICATE -> {
                duplicates.record();
                LOG.debug("story {} v{}: exact duplicate, dropped", storyId, raw.getVersion());
            }
            case STALE -> {
                stale.record();
                LOG.debug("story {} v{}: stale (last emitted v{}), dropped", storyId, raw.getVersion(), previous.version());
            }
            case KILL -> kill(record, raw, previous);
            case ENRICH -> enrich(record, raw, previous, lineage());
        }
    }

    private void enrich(Record<String, RawArticle> record, RawArticle raw, StoryState previous, Lineage lineage) {
        Annotation annotation = annotator.apply(raw);
        // clusterId = its own id until the cluster stage assigns one, so the measured record is a valid output as it is
        EnrichedArticle out = EnrichedArticle.newBuilder()
            .setArticle(raw)
            .setEntities(annotation.entities())
            .setTopics(annotation.topics())
            .setAmounts(annotation.amounts())
            .setDates(annotation.dates())
            .setLineage(lineage)
            .setEnricherVersion(enricherVersion)
            .setTaxonomyVersion(taxonomyVersion)
            .setEnrichedAt(now())
            .setClusterId(raw.getStoryId())
            .setDuplicateOf(null)
            .build();
        byte[] encoded = encode(record, raw, out);
        // MinHash here, one task per news.raw partition, rather than in the single cluster task
        StoryPrint print = printer.print(ClusterStory.of(out));
        List<String> slugs = new ArrayList<>(new LinkedHashSet<>(annotation.topics().stream().map(TopicTag::getCode).toList()));

        store.put(raw.getStoryId(), StoryState.enriched(raw, slugs, context.currentSystemTimeMs()));
        // re-classified: the story no longer belongs under the topics its previous version was routed to, so the
        // cluster stage removes it from their compacted topics
        List<String> dropped = previous == null ? List.of() : previous.topicsNotIn(slugs);
        context.forward(record.withKey(raw.getStoryId()).withValue(new StagedStory(false, encoded, slugs, dropped, print)));
        enriched.record();
    }

    private void kill(Record<String, RawArticle> record, RawArticle raw, StoryState previous) {
        EnrichedArticle out = EnrichedArticle.newBuilder()
            .setArticle(raw)
            .setLineage(lineage())
            .setEnricherVersion(enricherVersion)
            .setTaxonomyVersion(taxonomyVersion)
            .setEnrichedAt(now())
            .build();
        byte[] encoded = encode(record, raw, out);
        store.put(raw.getStoryId(), StoryState.killed(previous, raw, context.currentSystemTimeMs()));
        List<String> routes = previous == null ? List.of() : previous.topics();
        context.forward(record.withKey(raw.getStoryId()).withValue(new StagedStory(true, encoded, routes, List.of(), null)));
        killed.record();
        LOG.info("story {} v{}: {} notice passed through to enriched and {} topic topic(s)",
            raw.getStoryId(), raw.getVersion(), raw.getPubStatus(), previous == null ? 0 : previous.topics().size());
    }

    /** The news.enriched bytes of {@code out}, or {@link OutputTooLargeException} when over the limit. */
    private byte[] encode(Record<String, RawArticle> record, RawArticle raw, EnrichedArticle out) {
        byte[] encoded = encodeForEnriched.apply(record.headers(), out);
        if (encoded.length > maxOutputBytes) {
            throw new OutputTooLargeException(raw.getStoryId(), encoded.length, maxOutputBytes);
        }
        return encoded;
    }

    private Lineage lineage() {
        RecordMetadata meta = context.recordMetadata()
            .orElseThrow(() -> new IllegalStateException("no record metadata: enrich must read from a source topic"));
        return new Lineage(meta.topic(), meta.partition(), meta.offset());
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    @Override
    public void close() {
        sensors.forEach(context.metrics()::removeSensor);
        sensors.clear();
    }
}

package io.wirestream.enrich.topology;

import io.wirestream.enrich.annotate.Annotation;
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
 * Dedupes, annotates and routes one RawArticle at a time (see {@link StoryState#decide}). The annotation runs
 * before the store is touched, so a story the annotator fails on leaves no trace but its DLQ record.
 * A wall-clock punctuator purges stories not emitted for longer than the retention, so the store stays bounded;
 * a purged story is treated as new if it comes back.
 */
final class EnrichProcessor implements Processor<String, RawArticle, String, Object> {

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

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, StoryState> store;
    private final List<Sensor> sensors = new ArrayList<>();
    private Sensor enriched;
    private Sensor killed;
    private Sensor duplicates;
    private Sensor stale;
    private Sensor skipped;
    private Sensor purged;

    EnrichProcessor(Function<RawArticle, Annotation> annotator, String taxonomyVersion, String enricherVersion,
                    EnrichLimits limits, BiFunction<Headers, EnrichedArticle, byte[]> encodeForEnriched) {
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
    public void init(ProcessorContext<String, Object> context) {
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
        context.schedule(purgeInterval(retention), PunctuationType.WALL_CLOCK_TIME, this::purge);
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
        switch (StoryState.decide(previous, raw)) {
            case DUPLICATE -> {
                duplicates.record();
                LOG.debug("story {} v{}: exact duplicate, dropped", storyId, raw.getVersion());
            }
            case STALE -> {
                stale.record();
                LOG.debug("story {} v{}: stale (last emitted v{}), dropped", storyId, raw.getVersion(), previous.version());
            }
            case KILL -> kill(record, raw, previous);
            case ENRICH -> enrich(record, raw, previous);
        }
    }

    private void enrich(Record<String, RawArticle> record, RawArticle raw, StoryState previous) {
        Annotation annotation = annotator.apply(raw);
        EnrichedArticle out = EnrichedArticle.newBuilder()
            .setArticle(raw)
            .setEntities(annotation.entities())
            .setTopics(annotation.topics())
            .setAmounts(annotation.amounts())
            .setDates(annotation.dates())
            .setLineage(lineage())
            .setEnricherVersion(enricherVersion)
            .setTaxonomyVersion(taxonomyVersion)
            .setEnrichedAt(now())
            .build();
        byte[] encoded = encode(record, raw, out);
        List<String> slugs = new ArrayList<>(new LinkedHashSet<>(annotation.topics().stream().map(TopicTag::getCode).toList()));

        store.put(raw.getStoryId(), StoryState.enriched(raw, slugs, context.currentSystemTimeMs()));
        String key = raw.getStoryId();
        context.forward(record.withKey(key).withValue(encoded), EnrichTopology.ENRICHED_SINK);
        for (String slug : slugs) {
            context.forward(record.withKey(key).withValue(new RoutedArticle(slug, out, encoded)), EnrichTopology.TOPIC_SINK);
        }
        if (previous != null) {
            // re-classified: the story no longer belongs under these topics, so remove it from their compacted topics
            for (String slug : previous.topicsNotIn(slugs)) {
                context.forward(record.withKey(key).withValue(RoutedArticle.tombstone(slug)), EnrichTopology.TOPIC_SINK);
            }
        }
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
        String key = raw.getStoryId();
        context.forward(record.withKey(key).withValue(encoded), EnrichTopology.ENRICHED_SINK);
        if (previous != null) {
            for (String slug : previous.topics()) {
                context.forward(record.withKey(key).withValue(new RoutedArticle(slug, out, encoded)), EnrichTopology.TOPIC_SINK);
            }
        }
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

package io.wirestream.enrich.topology;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.enrich.cluster.ClusterSettings;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.topic.Topics;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology, as a function of its inputs:
 * <pre>
 *   news.raw ──▶ enrich (stores "stories", "embargoed") ──▶ &lt;application.id&gt;-cluster-input-repartition (1 partition)
 *     ──▶ cluster (store "clusters") ──┬──▶ news.enriched
 *                                      └──▶ news.topic.&lt;slug&gt;  (one record per assigned topic)
 * </pre>
 * The first stage runs one task per news.raw partition; the second one task in all, so the cluster index sees every
 * story. Keys are the story ids on both sides of the repartition topic.
 * <ul>
 *   <li>Values that cannot be deserialized never reach the processor: Kafka Streams' deserialization exception
 *       handler sends their original bytes to the dead letter queue (see {@code EnrichConfig}).</li>
 *   <li>The {@code enrich} processor keeps a {@link StoryState} per story id in the {@value #STORE} store
 *       (changelogged, so it survives restarts and moves with its partition): exact duplicates and stale
 *       versions are dropped, kill notices pass through as withheld records (to news.enriched and to every
 *       topic topic the story was routed to), everything else is annotated.</li>
 *   <li>A story whose {@code embargoed} time lies ahead (wall clock) is held in the {@value #EMBARGO_STORE} store
 *       and released, annotated, to news.enriched and its topic topics when a wall-clock punctuation finds its
 *       embargo lifted; a kill notice arriving before that drops it unseen (see {@code EnrichProcessor}).</li>
 *   <li>Every enriched story gets a {@code clusterId} (and {@code duplicateOf} when it is a near-duplicate copy of
 *       an earlier story under another id) from the {@value #CLUSTER_STORE} store: see
 *       {@link io.wirestream.enrich.cluster.ClusterAssigner}. Kill notices carry neither and leave the index.</li>
 *   <li>An exception while processing (the annotator failing on a story) goes to the processing exception
 *       handler, which also sends the original bytes to the dead letter queue; the state is left untouched.</li>
 * </ul>
 * Keys are story ids everywhere (plain strings), so all versions of a story stay on one partition.
 * {@code enrichedAt} is the stream thread's wall clock ({@code ProcessorContext.currentSystemTimeMs()}, which
 * {@code TopologyTestDriver} lets tests set).
 */
public final class EnrichTopology {

    /** Name of the dedupe store (its changelog is {@code <application.id>-stories-changelog}). */
    public static final String STORE = "stories";
    /**
     * Name of the embargo store: stories whose embargo has not lifted, held until it does (changelogged, so they
     * survive a restart: its changelog is {@code <application.id>-embargoed-changelog}).
     */
    public static final String EMBARGO_STORE = "embargoed";
    /**
     * Name of the cluster index store: MinHash signatures, entity ids and LSH / entity buckets of the stories of the
     * last 48 hours, by which each new story gets its {@code clusterId} and {@code duplicateOf} (changelogged:
     * {@code <application.id>-clusters-changelog}).
     */
    public static final String CLUSTER_STORE = "clusters";
    /**
     * The one set of cluster settings both stages use: the enrich stage prints each story with them and the cluster
     * stage compares those prints, so the two must never disagree (signature length, bands, entities kept).
     */
    static final ClusterSettings CLUSTER_SETTINGS = ClusterSettings.defaults();
    static final String SOURCE = "raw-source";
    static final String PROCESSOR = "enrich";
    static final String ENRICHED_SINK = "enriched-sink";
    static final String TOPIC_SINK = "topic-sink";
    static final String CLUSTER_PROCESSOR = "cluster";
    /**
     * Name of the single-partition repartition topic between the two stages:
     * {@code <application.id>-cluster-input-repartition} (see {@link ClusterProcessor}).
     */
    public static final String CLUSTER_REPARTITION = "cluster-input";

    /**
     * The repartition topic of the app {@code applicationId}. A story is through enrich only once the app's group has
     * consumed news.raw and then this topic up to its committed end: "caught up on news.raw" alone is stage 1.
     */
    public static String clusterRepartitionTopic(String applicationId) {
        return applicationId + "-" + CLUSTER_REPARTITION + "-repartition";
    }

    private EnrichTopology() {
    }

    /** The topology with the default limits. */
    public static Topology build(Topics topics, Annotator annotator,
                                 Serde<RawArticle> rawSerde, Serde<EnrichedArticle> enrichedSerde) {
        return build(topics, annotator, rawSerde, enrichedSerde, EnrichLimits.defaults());
    }

    /**
     * Builds the topology.
     *
     * @param topics        topic names (prefix from config)
     * @param annotator     annotates one story; shared by all stream threads, so it must be thread-safe
     * @param rawSerde      configured value serde for news.raw
     * @param enrichedSerde configured value serde for news.enriched and news.topic.*
     * @param limits        dedupe retention and largest output record
     */
    public static Topology build(Topics topics, Annotator annotator,
                                 Serde<RawArticle> rawSerde, Serde<EnrichedArticle> enrichedSerde, EnrichLimits limits) {
        Objects.requireNonNull(annotator, "annotator");
        return build(topics, annotator::annotate, annotator.taxonomyVersion(), rawSerde, enrichedSerde, limits);
    }

    /**
     * The topology around any annotation function: tests inject failures through it, benchmarks a trivial one to
     * measure what the topology itself costs.
     */
    public static Topology build(Topics topics, Function<RawArticle, Annotation> annotator, String taxonomyVersion,
                          Serde<RawArticle> rawSerde, Serde<EnrichedArticle> enrichedSerde, EnrichLimits limits) {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(annotator, "annotator");
        Objects.requireNonNull(taxonomyVersion, "taxonomyVersion");
        Objects.requireNonNull(limits, "limits");
        String enrichedTopic = topics.enriched();
        StoreBuilder<KeyValueStore<String, StoryState>> store =
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), new StoryStateSerde());

        StoreBuilder<KeyValueStore<String, HeldStory>> embargoed =
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EMBARGO_STORE), Serdes.String(), HeldStory.serde());
        StoreBuilder<KeyValueStore<String, byte[]>> clusters =
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLUSTER_STORE), Serdes.String(), Serdes.ByteArray());
        String rawTopic = topics.raw();

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store);
        builder.addStateStore(embargoed);
        builder.addStateStore(clusters);
        BiFunction<Headers, EnrichedArticle, byte[]> encodeForEnriched =
            (headers, article) -> enrichedSerde.serializer().serialize(enrichedTopic, headers, article);
        Function<byte[], EnrichedArticle> decodeEnriched = bytes -> enrichedSerde.deserializer().deserialize(enrichedTopic, bytes);
        KStream<String, StagedStory> staged = builder
            .stream(rawTopic, Consumed.with(Serdes.String(), rawSerde).withName(SOURCE))
            .process(() -> new EnrichProcessor(annotator, taxonomyVersion, enricherVersion(), limits, encodeForEnriched,
                new EnrichProcessor.RawCodec(article -> rawSerde.serializer().serialize(rawTopic, article),
                    bytes -> rawSerde.deserializer().deserialize(rawTopic, bytes))),
                Named.as(PROCESSOR), STORE, EMBARGO_STORE);
        // one partition, so one task sees every story whatever news.raw partition its id hashed to; keys stay story ids
        KStream<String, Object> clustered = staged
            .repartition(Repartitioned.with(Serdes.String(), StagedStory.serde())
                .withName(CLUSTER_REPARTITION).withNumberOfPartitions(1))
            .process(() -> new ClusterProcessor(decodeEnriched, encodeForEnriched, limits.maxOutputBytes()),
                Named.as(CLUSTER_PROCESSOR), CLUSTER_STORE);
        // the cluster stage encodes for news.enriched itself (to bound the size), so this sink writes those bytes as they are
        clustered.to(enrichedTopic, Produced.with(Serdes.String(), writeOnly(Serdes.ByteArray().serializer())).withName(ENRICHED_SINK));
        clustered.to((String key, Object routed, org.apache.kafka.streams.processor.RecordContext context) ->
                topics.forTopic(((RoutedArticle) routed).slug()),
            Produced.with(Serdes.String(), writeOnly(RoutedArticle.serializer(enrichedSerde.serializer(), decodeEnriched, enrichedTopic))).withName(TOPIC_SINK));
        return builder.build();
    }

    /** A value serde for a sink that only ever writes (both sinks hang off one {@code KStream<String, Object>}). */
    @SuppressWarnings("unchecked")
    private static Serde<Object> writeOnly(Serializer<?> serializer) {
        Deserializer<Object> none = (topic, bytes) -> {
            throw new UnsupportedOperationException("write-only serde");
        };
        return Serdes.serdeFrom((Serializer<Object>) serializer, none);
    }

    /**
     * Version stamped on every output as {@code enricherVersion}: the enrich jar's {@code Implementation-Version},
     * or {@code dev} when running from classes (tests, IDE).
     */
    public static String enricherVersion() {
        String version = EnrichTopology.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}

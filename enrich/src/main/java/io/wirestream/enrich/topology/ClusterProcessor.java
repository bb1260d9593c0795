package io.wirestream.enrich.topology;

import io.wirestream.enrich.cluster.ClusterAssigner;
import io.wirestream.enrich.cluster.ClusterSettings;
import io.wirestream.schemas.EnrichedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second stage of the topology: reads every deduplicated, annotated story from the single-partition
 * {@value EnrichTopology#CLUSTER_REPARTITION} repartition topic, so the one task running it sees the stories of every
 * news.raw partition and its {@value EnrichTopology#CLUSTER_STORE} index links copies whatever their story ids hash
 * to. It sets {@code clusterId} / {@code duplicateOf}, writes the story to news.enriched and its
 * {@code news.topic.<slug>}s (keys are the story ids, as on news.raw), and indexes it only once that output is
 * accepted. Kill notices pass through unchanged and leave the index.
 *
 * <p>The {@code enrich} stage already measured the story against {@code max.output.bytes} with {@code clusterId} =
 * its own id (and sent it to the dead letter queue if it was too large). A story that only the ids of another
 * cluster would push over the limit is written as that measured record, its own cluster, and is not indexed.
 */
final class ClusterProcessor implements Processor<String, StagedStory, String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProcessor.class);

    private final Function<byte[], EnrichedArticle> decode;
    private final BiFunction<Headers, EnrichedArticle, byte[]> encodeForEnriched;
    private final int maxOutputBytes;
    private final List<Sensor> sensors = new ArrayList<>();
    private ProcessorContext<String, Object> context;
    private ClusterAssigner clusters;
    private Sensor clusterJoined;
    private Sensor clusterDuplicate;
    private Sensor clusterExpired;

    ClusterProcessor(Function<byte[], EnrichedArticle> decode, BiFunction<Headers, EnrichedArticle, byte[]> encodeForEnriched,
                     int maxOutputBytes) {
        this.decode = decode;
        this.encodeForEnriched = encodeForEnriched;
        this.maxOutputBytes = maxOutputBytes;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        ClusterSettings settings = EnrichTopology.CLUSTER_SETTINGS;
        this.clusters = new ClusterAssigner(settings, new StreamsClusterStore(context.getStateStore(EnrichTopology.CLUSTER_STORE)));
        StreamsMetrics metrics = context.metrics();
        String task = context.taskId().toString();
        clusterJoined = sensor(metrics, task, "cluster-joined");
        clusterDuplicate = sensor(metrics, task, "cluster-duplicate");
        clusterExpired = sensor(metrics, task, "cluster-expired");
        context.schedule(EnrichProcessor.purgeInterval(settings.window()), PunctuationType.WALL_CLOCK_TIME, this::expireClusters);
    }

    private Sensor sensor(StreamsMetrics metrics, String task, String operation) {
        Sensor sensor = metrics.addRateTotalSensor(EnrichProcessor.METRIC_SCOPE, task, operation, Sensor.RecordingLevel.INFO);
        sensors.add(sensor);
        return sensor;
    }

    /** Removes stories indexed before {@code now - window} from the cluster index. */
    void expireClusters(long nowMs) {
        int expired = clusters.expire(nowMs);
        for (int i = 0; i < expired; i++) {
            clusterExpired.record();
        }
        if (expired > 0) {
            LOG.info("cluster index: {} stories older than {} expired", expired, clusters.settings().window());
        }
    }

    @Override
    public void process(Record<String, StagedStory> record) {
        StagedStory staged = record.value();
        if (staged == null) {
            return;
        }
        // decoded only when more than the bytes is needed (a kill, a record staged without a print, a log line, a tail
        // that cannot be patched); a registry outage decoding fails the thread (the record is read again), as on news.raw
        Decoded story = new Decoded(staged.enrichedBytes(), record.headers());
        byte[] encoded = staged.enrichedBytes();
        if (staged.kill()) {
            clusters.remove(story.article().getArticle().getStoryId());
        } else {
            // the enrich stage printed the story (MinHash is most of the cluster step's CPU, and it runs there in
            // parallel); a record staged by an older enrich carries no print, so it is printed here
            ClusterAssigner.Proposal proposal = staged.print() != null ? clusters.propose(staged.print())
                : clusters.propose(ClusterStory.of(story.article()));
            ClusterAssigner.Assignment cluster = proposal.assignment();
            String storyId = proposal.print().storyId();
            byte[] assigned = assign(story, storyId, cluster);
            if (assigned.length > maxOutputBytes) {
                LOG.warn("story {} v{}: {} bytes with cluster {} (over max.output.bytes {}); written as its own cluster, "
                    + "not indexed", storyId, story.article().getArticle().getVersion(), assigned.length, cluster.clusterId(),
                    maxOutputBytes);
            } else {
                encoded = assigned;
                clusters.accept(proposal);
                // DEBUG like the dedupe drops: routine on a busy wire (a line per story at 100/s in the soak); counted by the metrics
                if (proposal.replaced() == null && cluster.duplicateOf() != null) {
                    clusterDuplicate.record();
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("story {} v{}: near-duplicate of {} (cluster {})", storyId,
                            story.article().getArticle().getVersion(), cluster.duplicateOf(), cluster.clusterId());
                    }
                } else if (proposal.replaced() == null && !cluster.clusterId().equals(storyId)) {
                    clusterJoined.record();
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("story {} v{}: joins cluster {}", storyId, story.article().getArticle().getVersion(),
                            cluster.clusterId());
                    }
                }
            }
        }
        String key = record.key();
        context.forward(record.withKey(key).withValue(encoded), EnrichTopology.ENRICHED_SINK);
        for (String slug : staged.routes()) {
            context.forward(record.withKey(key).withValue(new RoutedArticle(slug, encoded)), EnrichTopology.TOPIC_SINK);
        }
        for (String slug : staged.dropped()) {
            context.forward(record.withKey(key).withValue(RoutedArticle.tombstone(slug)), EnrichTopology.TOPIC_SINK);
        }
    }

    /**
     * The story's bytes with the assigned cluster: the enrich stage's bytes with their tail patched
     * ({@link ClusterFields}; as they are when its own id and no original stand), else decoded and encoded again.
     */
    private byte[] assign(Decoded story, String storyId, ClusterAssigner.Assignment cluster) {
        byte[] encoded = story.bytes;
        byte[] patched = ClusterFields.assign(encoded, storyId, cluster.clusterId(), cluster.duplicateOf());
        if (patched != null) {
            return patched;
        }
        EnrichedArticle out = story.article();
        if (cluster.clusterId().equals(out.getClusterId()) && Objects.equals(cluster.duplicateOf(), out.getDuplicateOf())) {
            return encoded;
        }
        return encodeForEnriched.apply(story.headers, EnrichedArticle.newBuilder(out)
            .setClusterId(cluster.clusterId()).setDuplicateOf(cluster.duplicateOf()).build());
    }

    /** A staged story's bytes, decoded the first time something asks. */
    private final class Decoded {
        final byte[] bytes;
        final Headers headers;
        private EnrichedArticle article;

        Decoded(byte[] bytes, Headers headers) {
            this.bytes = bytes;
            this.headers = headers;
        }

        EnrichedArticle article() {
            if (article == null) {
                article = decode.apply(bytes);
            }
            return article;
        }
    }

    @Override
    public void close() {
        sensors.forEach(context.metrics()::removeSensor);
        sensors.clear();
    }
}

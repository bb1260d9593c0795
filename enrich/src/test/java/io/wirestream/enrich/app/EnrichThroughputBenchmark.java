package io.wirestream.enrich.app;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.enrich.topology.EnrichLimits;
import io.wirestream.enrich.topology.EnrichTopology;
import io.wirestream.enrich.topology.RawArticles;
import io.wirestream.local.kafka.EmbeddedKafka;
import io.wirestream.local.registry.EmbeddedSchemaRegistry;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * End-to-end throughput of the enrich app on this machine: an embedded single-node KRaft broker and the embedded
 * registry, N distinct seed-sized stories pre-loaded into news.raw, then EnrichApp (exactly_once_v2, real annotator,
 * default taxonomy) started; the figure is stories/s between the first and the last committed input offset of the
 * app's consumer group, so start-up and rebalance are left out. With {@code annotator=none} the annotator is
 * replaced by a constant annotation (three topics), which measures what the topology itself costs (dedupe store,
 * Avro serdes, fan-out, transactions). With {@code annotator=replay} every story gets the seed's real annotation,
 * computed once: the same outputs and fan-out as {@code real} without the annotator's CPU, so the difference between
 * the two is what annotating costs the pipeline. With {@code corpus=copies} (the default) story i is the seed plus
 * "Take i.", so every story is a near-duplicate of the last 64 and is compared with all of them (the cluster step's
 * worst case); {@code corpus=shuffled} shuffles the seed's words per story, so the stories share no LSH bucket (no
 * candidates: what the cluster step costs on a wire of unrelated stories). Not a test: run by hand (see the module
 * README).
 * <pre>
 *   java ... io.wirestream.enrich.app.EnrichThroughputBenchmark [stories=20000] [partitions=3] [threads=1]
 *       [commit.interval.ms=100] [annotator=real|replay|none] [corpus=copies|shuffled]
 * </pre>
 */
public final class EnrichThroughputBenchmark {

    private EnrichThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long commitIntervalMs = args.length > 3 ? Long.parseLong(args[3]) : 100;
        String annotatorMode = args.length > 4 ? args[4] : "real";
        if (!List.of("real", "replay", "none").contains(annotatorMode)) {
            throw new IllegalArgumentException("annotator must be real, replay or none, not " + annotatorMode);
        }
        String corpus = args.length > 5 ? args[5] : "copies";
        if (!List.of("copies", "shuffled").contains(corpus)) {
            throw new IllegalArgumentException("corpus must be copies or shuffled, not " + corpus);
        }
        Path dir = Files.createTempDirectory("enrich-bench");
        try {
            run(dir, stories, partitions, threads, commitIntervalMs, annotatorMode, corpus);
        } finally {
            deleteRecursively(dir);  // broker logs of a 20,000-story run are several hundred MB
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void run(Path dir, int stories, int partitions, int threads, long commitIntervalMs, String annotatorMode,
                            String corpus) throws Exception {
        Annotator annotator = Annotator.withDefaultTaxonomy();

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, Object> props = new HashMap<>();
            props.put(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
            props.put(EnrichConfig.TOPIC_PARTITIONS_CONFIG, partitions);
            props.put(EnrichConfig.NUM_STREAM_THREADS_CONFIG, threads);
            props.put(EnrichConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
            props.put(EnrichConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            EnrichConfig config = new EnrichConfig(props);
            Topics topics = config.topics();
            EnrichApp.ensureTopics(admin, EnrichApp.wantedTopics(topics, annotator.taxonomy().slugs(), partitions,
                EnrichConfig.TOPIC_FANOUT_PARTITIONS_DEFAULT, (short) 1));

            RawArticle seed = RawArticles.seed("bench");
            long produceStart = System.nanoTime();
            Map<String, Object> producerProps = new HashMap<>();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            try (Serde<RawArticle> serde = AvroSerdes.specific(RawArticle.class, registry.url(), false);
                 KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(producerProps, new StringSerializer(), serde.serializer())) {
                for (int i = 0; i < stories; i++) {
                    String id = "bench-" + i;
                    String body = corpus.equals("copies") ? seed.getBody() + "\n\nTake " + i + "." : shuffledWords(seed.getBody(), i);
                    RawArticle story = RawArticle.newBuilder(seed).setStoryId(id).setContentHash(seed.getContentHash() + i)
                        .setBody(body).build();
                    producer.send(new ProducerRecord<>(topics.raw(), id, story));
                }
                producer.flush();
            }
            System.out.printf("produced %,d stories in %.1f s%n", stories, (System.nanoTime() - produceStart) / 1e9);

            List<TopicPartition> rawPartitions = new java.util.ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                rawPartitions.add(new TopicPartition(topics.raw(), p));
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            rawPartitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long end = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS).values()) {
                end += info.offset();
            }

            List<TopicTag> constantTopics = List.of("diplomacy", "defence", "missile-defense").stream()
                .map(slug -> TopicTag.newBuilder().setCode(slug).setLabel(slug).setIptc(null).setScore(1).setEvidence(List.of()).build())
                .toList();
            Annotation constant = annotatorMode.equals("replay") ? annotator.annotate(seed)
                : new Annotation(List.of(), constantTopics, List.of(), List.of());
            try (Serde<RawArticle> rawSerde = AvroSerdes.specific(RawArticle.class, registry.url(), false);
                 Serde<EnrichedArticle> enrichedSerde = AvroSerdes.specific(EnrichedArticle.class, registry.url(), false);
                 KafkaStreams app = new KafkaStreams(annotatorMode.equals("real")
                     ? EnrichTopology.build(topics, annotator, rawSerde, enrichedSerde)
                     : EnrichTopology.build(topics, raw -> constant, "constant", rawSerde, enrichedSerde, EnrichLimits.defaults()),
                     config.streamsProperties())) {
                long start = System.nanoTime();
                app.start();
                long firstAt = 0;
                long firstCommitted = 0;
                long firstCpu = 0;
                long committed = 0;
                while (committed < end) {
                    Thread.sleep(100);
                    committed = 0;
                    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(config.applicationId())
                        .partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
                    for (TopicPartition tp : rawPartitions) {
                        OffsetAndMetadata om = offsets.get(tp);
                        committed += om == null ? 0 : om.offset();
                    }
                    if (firstAt == 0 && committed > 0) {
                        firstAt = System.nanoTime();
                        firstCommitted = committed;
                        firstCpu = streamThreadsCpuNanos();
                    }
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                        throw new IllegalStateException("gave up after 30 min at " + committed + " of " + end);
                    }
                }
                // the cluster stage (one task) reads the single-partition repartition topic: done when it has committed
                // past the last story there (the last offset is the enrich stage's final commit marker)
                TopicPartition staged = new TopicPartition(
                    config.applicationId() + "-" + EnrichTopology.CLUSTER_REPARTITION + "-repartition", 0);
                long stagedEnd = admin.listOffsets(Map.of(staged, OffsetSpec.latest())).all().get(60, TimeUnit.SECONDS)
                    .get(staged).offset();
                while (true) {
                    OffsetAndMetadata om = admin.listConsumerGroupOffsets(config.applicationId())
                        .partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS).get(staged);
                    if (om != null && om.offset() >= stagedEnd - 1) {
                        break;
                    }
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                        throw new IllegalStateException("gave up after 30 min: cluster stage at " + om + " of " + stagedEnd);
                    }
                    Thread.sleep(100);
                }
                long doneAt = System.nanoTime();
                long cpu = streamThreadsCpuNanos() - firstCpu;
                double seconds = (doneAt - firstAt) / 1e9;
                System.out.printf("enrich (%s annotator, %s): %,d stories, %d partition(s), %d thread(s), commit.interval.ms=%d: "
                        + "first commit after %.1f s, then %,d stories in %.1f s = %,.0f stories/s%n",
                    annotatorMode, corpus, stories, partitions, threads, commitIntervalMs, (firstAt - start) / 1e9,
                    committed - firstCommitted, seconds, (committed - firstCommitted) / seconds);
                // on a shared machine the rate follows the load; the stream threads' CPU per story much less so
                System.out.printf("stream threads (and their producers' network threads) CPU: %.1f s = %.0f us per story%n", cpu / 1e9,
                    cpu / 1e3 / (committed - firstCommitted));
            }
        }
    }

    /**
     * CPU time used so far by the app's stream threads and their producers' network threads (every thread whose name
     * holds "-StreamThread-"; they live as long as the app).
     */
    private static long streamThreadsCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-StreamThread-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** The words of {@code text} in an order of their own per {@code seed}: same length and words, no shared shingles. */
    private static String shuffledWords(String text, int seed) {
        List<String> words = new java.util.ArrayList<>(List.of(text.split("\\s+")));
        java.util.Collections.shuffle(words, new java.util.Random(seed));
        return String.join(" ", words);
    }
}

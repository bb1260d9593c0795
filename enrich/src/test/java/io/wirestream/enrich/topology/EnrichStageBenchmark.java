package io.wirestream.enrich.topology;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.enrich.app.EnrichConfig;
import io.wirestream.enrich.cluster.StoryPrinter;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.Lineage;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * CPU per story of the enrich stage alone, with the real annotator, on seed-sized stories (the seed plus "Take i.",
 * each a new story id): a {@link TopologyTestDriver} over news.raw ─▶ {@link EnrichProcessor} (RocksDB stores as in
 * enrich) ─▶ the StagedStory serde, so it counts what the stream thread does for the stage: the RawArticle decode,
 * dedupe store, annotation, Avro encode, the print, the staged record's serialization (not the producer). Then the
 * parts alone in the same JVM (annotator, print, encode), as a breakdown. Not a test: run by hand (module README,
 * "Throughput, measured").
 * <pre>
 *   java ... io.wirestream.enrich.topology.EnrichStageBenchmark [stories=3000] [rounds=5]
 * </pre>
 * After a first round not counted (JIT warm-up), prints per round the CPU per story of the stage and of its parts, and
 * at the end the median over the rounds.
 */
public final class EnrichStageBenchmark {

    private EnrichStageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Annotator annotator = Annotator.withDefaultTaxonomy();
        double[] stage = new double[rounds];
        double[] annotate = new double[rounds];
        double[] print = new double[rounds];
        double[] encode = new double[rounds];
        // a round not counted first: the JIT compiles the stage's code and Kafka Streams' (most of the first round)
        stage(annotator, -1, stories);
        parts(annotator, -1, stories);
        for (int round = 0; round < rounds; round++) {
            stage[round] = stage(annotator, round, stories);
            double[] parts = parts(annotator, round, stories);
            annotate[round] = parts[0];
            print[round] = parts[1];
            encode[round] = parts[2];
            System.out.printf(Locale.ROOT, "round %d, %d seed-sized stories: enrich stage %.1f us CPU per story "
                + "(annotator %.1f, print %.1f, encode %.1f)%n", round + 1, stories, stage[round], annotate[round],
                print[round], encode[round]);
        }
        System.out.printf(Locale.ROOT, "median of %d rounds: enrich stage %.1f us CPU per story (annotator %.1f, print %.1f, "
            + "encode %.1f)%n", rounds, median(stage), median(annotate), median(print), median(encode));
    }

    /**
     * The mock registry with the id of a (subject, schema) cached, as the HTTP client used in production caches it:
     * the mock looks every schema up by its JSON text (a {@code Schema.toString} per record written), which would
     * count a cost of the test registry as the stage's.
     */
    private static SchemaRegistryClient caching(SchemaRegistryClient mock) {
        Map<List<Object>, Object> ids = new ConcurrentHashMap<>();
        return (SchemaRegistryClient) Proxy.newProxyInstance(SchemaRegistryClient.class.getClassLoader(),
            new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> {
                try {
                    if ((method.getName().equals("register") || method.getName().equals("lookupId")) && args.length == 2) {
                        List<Object> key = List.of(method.getName(), args[0], new IdentityKey(args[1]));
                        Object id = ids.get(key);
                        if (id == null) {
                            id = method.invoke(mock, args);
                            ids.put(key, id);
                        }
                        return id;
                    }
                    return method.invoke(mock, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    private record IdentityKey(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey other && other.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static RawArticle story(RawArticle seed, int round, int i) {
        String body = seed.getBody() + " Take " + i + ".";
        return RawArticle.newBuilder(seed).setStoryId("story-" + round + "-" + i).setBody(body)
            .setContentHash(RawArticles.sha256(body)).build();
    }

    /** CPU per story (us) of piping stories through the enrich stage, after a quarter as many to warm up. */
    private static double stage(Annotator annotator, int round, int stories) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "enrich-stage-bench");
        String scope = "enrich-stage-bench-" + UUID.randomUUID();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Topics topics = Topics.defaults();
        SchemaRegistryClient client = caching(SchemaRegistryClients.create("mock://" + scope));
        Serde<RawArticle> rawSerde = AvroSerdes.specific(RawArticle.class, client, false);
        Serde<EnrichedArticle> enrichedSerde = AvroSerdes.specific(EnrichedArticle.class, client, false);
        Properties props = new EnrichConfig(Map.of(
            EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
            EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + scope,
            EnrichConfig.STATE_DIR_CONFIG, dir.toString())).streamsProperties();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EnrichTopology.STORE),
            Serdes.String(), new StoryStateSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EnrichTopology.EMBARGO_STORE),
            Serdes.String(), HeldStory.serde()));
        String enrichedTopic = topics.enriched();
        BiFunction<Headers, EnrichedArticle, byte[]> encode =
            (headers, article) -> enrichedSerde.serializer().serialize(enrichedTopic, headers, article);
        builder.stream(topics.raw(), Consumed.with(Serdes.String(), rawSerde))
            .process(() -> new EnrichProcessor(annotator::annotate, annotator.taxonomyVersion(), "bench",
                EnrichLimits.defaults(), encode, new EnrichProcessor.RawCodec(
                    article -> rawSerde.serializer().serialize(topics.raw(), article),
                    bytes -> rawSerde.deserializer().deserialize(topics.raw(), bytes))),
                Named.as(EnrichTopology.PROCESSOR), EnrichTopology.STORE, EnrichTopology.EMBARGO_STORE)
            .to("staged", Produced.with(Serdes.String(), StagedStory.serde()));
        RawArticle seed = RawArticles.seed("seed");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2026-12-06T12:00:00Z"))) {
            TestInputTopic<String, RawArticle> raw = driver.createInputTopic(topics.raw(), new StringSerializer(), rawSerde.serializer());
            TestOutputTopic<byte[], byte[]> staged = driver.createOutputTopic("staged", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            int warmUp = stories / 4;
            long cpu = 0;
            for (int i = 0; i < warmUp + stories; i++) {
                RawArticle story = story(seed, round, i);
                long start = threads.getCurrentThreadCpuTime();
                raw.pipeInput(story.getStoryId(), story);
                long spent = threads.getCurrentThreadCpuTime() - start;
                if (i >= warmUp) {
                    cpu += spent;
                }
                if (i % 200 == 199) {
                    // drain what the driver keeps of every output, outside the measured time
                    staged.readRecordsToList();
                    for (String topic : driver.producedTopicNames()) {
                        driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
                    }
                }
            }
            return cpu / 1e3 / stories;
        } finally {
            SchemaRegistryClients.dropMockScope(scope);
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU per story (us) of the annotator, the print and the news.enriched encode alone, on the same stories. */
    private static double[] parts(Annotator annotator, int round, int stories) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String scope = "enrich-stage-parts-" + UUID.randomUUID();
        Serde<EnrichedArticle> enrichedSerde = AvroSerdes.specific(EnrichedArticle.class,
            caching(SchemaRegistryClients.create("mock://" + scope)), false);
        StoryPrinter printer = new StoryPrinter(EnrichTopology.CLUSTER_SETTINGS);
        RawArticle seed = RawArticles.seed("seed");
        long annotateCpu = 0;
        long printCpu = 0;
        long encodeCpu = 0;
        long sink = 0;
        try {
            for (int i = 0; i < stories; i++) {
                RawArticle story = story(seed, round + 100, i);
                long t0 = threads.getCurrentThreadCpuTime();
                Annotation annotation = annotator.annotate(story);
                long t1 = threads.getCurrentThreadCpuTime();
                EnrichedArticle out = EnrichedArticle.newBuilder().setArticle(story).setEntities(annotation.entities())
                    .setTopics(annotation.topics()).setAmounts(annotation.amounts()).setDates(annotation.dates())
                    .setLineage(new Lineage("news.raw", 0, (long) i)).setEnricherVersion("bench").setTaxonomyVersion("t")
                    .setEnrichedAt(Instant.ofEpochMilli(1_765_000_000_000L)).setClusterId(story.getStoryId())
                    .setDuplicateOf(null).build();
                long t2 = threads.getCurrentThreadCpuTime();
                byte[] bytes = enrichedSerde.serializer().serialize("news.enriched", new RecordHeaders(), out);
                long t3 = threads.getCurrentThreadCpuTime();
                sink += printer.print(ClusterStory.of(out)).shingles()[0] + bytes.length;
                long t4 = threads.getCurrentThreadCpuTime();
                annotateCpu += t1 - t0;
                encodeCpu += t3 - t2;
                printCpu += t4 - t3;
            }
        } finally {
            SchemaRegistryClients.dropMockScope(scope);
        }
        if (sink == 42) {
            System.out.println();
        }
        return new double[] {annotateCpu / 1e3 / stories, printCpu / 1e3 / stories, encodeCpu / 1e3 / stories};
    }
}

package io.wirestream.enrich.topology;

import io.wirestream.enrich.annotate.Annotation;
import io.wirestream.schemas.Entity;
import io.wirestream.schemas.RawArticle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * CPU per story of the whole enrich topology (both stages, one thread) in a {@link org.apache.kafka.streams.TopologyTestDriver}
 * with a constant annotation (two entities, no topics), so what changes with the cluster stage shows: the cluster
 * store's reads and writes, the changelog records it serializes, the Avro decode / re-encode. RocksDB as in enrich;
 * the changelog records are serialized but not compressed or sent. Also prints the cluster store's changelog records
 * and their uncompressed bytes (key + value) per story, and the CPU of the hourly punctuations (nothing old enough
 * to expire: the cost of looking). Not a test: run by hand (see the module README).
 * <pre>
 *   java ... io.wirestream.enrich.topology.ClusterStageBenchmark [stories=20000] [corpus=copies|shuffled] [rounds=3]
 * </pre>
 * {@code copies}: the seed plus "Take i." (every story a near-copy of the first, as most of what
 * {@code wirestream bench} sends: copies join no bucket, so this is now the cheap case); {@code shuffled}: the seed's
 * words shuffled per story (no copies, no shared LSH bucket; the two entity buckets full: every story joins 34
 * buckets and trims two, what a wire of distinct stories costs).
 */
public final class ClusterStageBenchmark {

    private ClusterStageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String corpus = args.length > 1 ? args[1] : "copies";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int round = 1; round <= rounds; round++) {
            run(round, stories, corpus);
        }
    }

    private static void run(int round, int stories, String corpus) throws Exception {
        Path dir = Files.createTempDirectory("cluster-bench");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Entity> entities = List.of(entity("person:itsunori-onodera"), entity("loc:iso3166:RU"));
        RawArticle seed = RawArticles.seed("seed");
        List<String> words = List.of(seed.getBody().split(" "));
        Random random = new Random(round);
        try (TopologyFixture fx = new TopologyFixture("cluster-bench", dir,
            article -> new Annotation(entities, List.of(), List.of(), List.of()), Instant.parse("2026-12-06T12:00:00Z"))) {
            TestOutputTopic<byte[], byte[]> changelog = fx.driver.createOutputTopic(fx.changelog(EnrichTopology.CLUSTER_STORE),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
            long cpu = 0;
            long records = 0;
            long bytes = 0;
            int warmUp = stories / 4;
            for (int i = 0; i < warmUp + stories; i++) {
                String body;
                if (corpus.equals("copies")) {
                    body = seed.getBody() + " Take " + i + ".";
                } else {
                    List<String> shuffled = new ArrayList<>(words);
                    Collections.shuffle(shuffled, random);
                    body = String.join(" ", shuffled);
                }
                RawArticle story = RawArticle.newBuilder(seed).setStoryId("story-" + round + "-" + i).setBody(body)
                    .setContentHash(RawArticles.sha256(body)).build();
                long start = threads.getCurrentThreadCpuTime();
                fx.pipe(story);
                long spent = threads.getCurrentThreadCpuTime() - start;
                boolean measured = i >= warmUp;
                if (measured) {
                    cpu += spent;
                }
                if (i % 200 == 199 || i == warmUp + stories - 1) {
                    // drain what the driver keeps of every output (outside the measured time), counting the index's changelog
                    for (var record : changelog.readRecordsToList()) {
                        if (measured) {
                            records++;
                            bytes += record.key().length + (record.value() == null ? 0 : record.value().length);
                        }
                    }
                    for (String topic : fx.driver.producedTopicNames()) {
                        fx.driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
                    }
                }
            }
            // the hourly wall-clock punctuations (dedupe purge, cluster expiry) over a full store that has nothing to expire
            long start = threads.getCurrentThreadCpuTime();
            fx.driver.advanceWallClockTime(Duration.ofMinutes(61));
            long punctuation = threads.getCurrentThreadCpuTime() - start;
            System.out.printf(Locale.ROOT, "round %d, %s, %d stories (+%d warm-up): %.3f ms CPU per story; cluster changelog "
                    + "%.1f records, %.0f bytes (key + value, uncompressed) per story; hourly punctuation over %d stories "
                    + "%.1f ms CPU%n", round, corpus, stories, warmUp, cpu / 1e6 / stories, (double) records / stories,
                (double) bytes / stories, warmUp + stories, punctuation / 1e6);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Entity entity(String id) {
        return Entity.newBuilder().setId(id).setName(id).setType("PERSON").setRoles(List.of()).setLinkedTo(null)
            .setSalience(0.5).setMentions(List.of()).build();
    }
}

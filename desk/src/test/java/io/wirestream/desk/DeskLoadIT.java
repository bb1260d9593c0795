package io.wirestream.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;

/**
 * Many SSE clients on one desk while stories flow at a steady rate: every client receives every story its filter
 * selects (a third see everything, a third {@code topic=missile-defense}, a third {@code source=dpa}), and the heap
 * stays bounded. The CI size is small (50 clients x 500 stories at 200/s); the figure is
 * {@code -Ddesk.load.clients=200 -Ddesk.load.stories=6000} (30 s at 200/s), see the desk README. The stories are
 * produced to the enriched topics directly: this measures the desk, not enrich.
 */
@WithKafka
class DeskLoadIT {

    private static final int CLIENTS = Integer.getInteger("desk.load.clients", 50);
    private static final int STORIES = Integer.getInteger("desk.load.stories", 500);
    private static final int RATE = Integer.getInteger("desk.load.rate", 200);

    /** One SSE client that only counts: which story numbers it received, parsed from the data line. */
    private static final class Counter implements Runnable {
        final String url;
        final BitSet seen = new BitSet();
        final AtomicLong events = new AtomicLong();
        volatile boolean connected;
        volatile InputStream in;
        volatile Throwable failure;

        Counter(String url) {
            this.url = url;
        }

        @Override
        public void run() {
            try {
                HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                in = r.body();
                assertThat(r.statusCode()).isEqualTo(200);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith(": connected")) {
                        connected = true;
                    } else if (line.startsWith("data: ")) {
                        int at = line.indexOf("\"storyId\":\"load-");
                        int n = Integer.parseInt(line.substring(at + 16, line.indexOf('"', at + 16)));
                        synchronized (seen) {
                            seen.set(n);
                        }
                        events.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        int distinct() {
            synchronized (seen) {
                return seen.cardinality();
            }
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void everyClientReceivesEveryStoryOfItsFilterWhileTheHeapStaysBounded(KafkaEnv env) throws Exception {
        Topics topics = new Topics(env.randomTopic("load") + ".");
        env.createTopics(List.of(new NewTopic(topics.enriched(), 3, env.replicationFactor()),
                new NewTopic(topics.forTopic("missile-defense"), 3, env.replicationFactor())));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        DeskConfig config = DeskConfig.defaults(Map.of("bootstrap.servers", env.bootstrapServers()), env.schemaRegistryUrl())
                .withTopics(topics).withListen("127.0.0.1", 0).withMaxStreams(CLIENTS + 10).withRecentStories(1000);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Counter> clients = new ArrayList<>();
        try (DeskServer desk = DeskServer.start(config);
             KafkaProducer<String, EnrichedArticle> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(),
                     AvroSerdes.specific(EnrichedArticle.class, env.schemaRegistryUrl(), false).serializer())) {
            for (int i = 0; i < CLIENTS; i++) {
                String filter = switch (i % 3) {
                    case 0 -> "";
                    case 1 -> "&topic=missile-defense";
                    default -> "&source=dpa";
                };
                Counter c = new Counter(desk.url() + "v1/stream?from=now" + filter);
                clients.add(c);
                pool.submit(c);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> c.connected || c.failure != null));
            long heapBefore = heapAfterGc(memory);
            long start = System.nanoTime();
            long peakHeap = 0;
            int missile = 0;
            int dpa = 0;
            for (int n = 0; n < STORIES; n++) {
                boolean md = n % 2 == 0;
                String source = n % 4 == 1 ? "dpa" : "AP";
                EnrichedArticle e = Stories.story("load-" + n, 1, source, "Load story " + n, md ? "missile-defense" : "economy", "loc:iso3166:JP");
                producer.send(new ProducerRecord<>(topics.enriched(), "load-" + n, e));
                if (md) {
                    producer.send(new ProducerRecord<>(topics.forTopic("missile-defense"), "load-" + n, e));
                    missile++;
                }
                if (source.equals("dpa")) {
                    dpa++;
                }
                long due = start + (long) (n + 1) * 1_000_000_000L / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the producer, not waiting for a condition
                }
                if (n % RATE == 0) {
                    peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                }
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            int[] expected = {STORIES, missile, dpa};
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                for (int i = 0; i < clients.size(); i++) {
                    if (clients.get(i).failure != null || clients.get(i).distinct() < expected[i % 3]) {
                        return clients.get(i).failure != null;
                    }
                }
                return true;
            });
            long received = 0;
            for (int i = 0; i < clients.size(); i++) {
                Counter c = clients.get(i);
                assertThat(c.failure).as("client %d", i).isNull();
                assertThat(c.distinct()).as("client %d (%s) received every story of its filter", i, c.url).isEqualTo(expected[i % 3]);
                assertThat(c.events.get()).as("client %d: each story once", i).isEqualTo(expected[i % 3]);
                received += c.events.get();
            }
            long heapAfter = heapAfterGc(memory);
            String report = String.format(Locale.ROOT, "desk load: %d clients, %d stories in %.1f s (%.0f/s), %d events received, "
                            + "heap after GC %d MiB before / %d MiB after, peak sampled %d MiB, load average %s",
                    CLIENTS, STORIES, seconds, STORIES / seconds, received, heapBefore >> 20, heapAfter >> 20, peakHeap >> 20, loadAverage());
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "desk-load.txt"), report + System.lineSeparator());
            // bounded: what the desk holds does not grow with the stories that went through it (recent is capped at 1000)
            assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(256L << 20);
            for (Counter c : clients) {
                c.in.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }
}

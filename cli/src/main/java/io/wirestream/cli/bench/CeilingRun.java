package io.wirestream.cli.bench;

import io.wirestream.cli.up.LocalPipeline;
import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.enrich.app.EnrichApp;
import io.wirestream.enrich.app.EnrichConfig;
import io.wirestream.enrich.topology.EnrichTopology;
import io.wirestream.ingest.publish.ArticlePublisher;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.serde.AvroSerdeConfig;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The raw ceiling for the pipeline's work, on the same broker in the same JVM, measured before the pipeline run
 * ({@code bench --baseline}):
 * <ol>
 *   <li>the stories are annotated offline, untimed, by enrich's own topology and annotator in a
 *       {@link TopologyTestDriver}, which gives the exact bytes enrich writes: news.enriched plus one copy per topic
 *       topic, with their headers (the dedupe store's changelog is not reproduced);</li>
 *   <li><b>publish</b>: the same raw bytes are produced with the publisher's settings (idempotent, acks=all, zstd 1) to
 *       a topic like news.raw;</li>
 *   <li><b>enriched</b>: the enriched bytes are produced with enrich's producer settings (zstd, linger, batch size;
 *       idempotent, acks=all, not transactional) to as many topics as enrich writes, each created like the
 *       pipeline's;</li>
 *   <li><b>consume</b>: one consumer reads the enriched topic copy from the start, as a sink does.</li>
 * </ol>
 * Topics are named {@code bench.ceiling.*} and deleted afterwards. The spool file keeps the bytes between the
 * offline step and the timed ones, so memory stays flat at 20,000 stories.
 */
final class CeilingRun {

    static final String PREFIX = "bench.ceiling.";
    private static final Duration WAIT = Duration.ofMinutes(5);

    /** What the ceiling measured; stories/s per step is {@code stories / seconds}. */
    record Ceiling(int stories, double publishSeconds, double enrichedSeconds, double consumeSeconds, int topicsWritten,
                   long enrichedRecords, long rawValueBytes, long enrichedValueBytes, double annotateSeconds) {
    }

    private CeilingRun() {
    }

    static Ceiling run(String bootstrap, String registryUrl, Topics pipelineTopics, Annotator annotator, List<RawArticle> articles,
                       int partitions, Path workDir, Consumer<String> progress) throws Exception {
        Topics topics = new Topics(PREFIX);
        Map<String, Object> serdeConfig = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        Serde<RawArticle> rawSerde = AvroSerdes.specific(RawArticle.class, serdeConfig, false);
        Serde<EnrichedArticle> enrichedSerde = AvroSerdes.specific(EnrichedArticle.class, serdeConfig, false);
        Path rawSpool = workDir.resolve("ceiling-raw.bin");
        Path enrichedSpool = workDir.resolve("ceiling-enriched.bin");
        Set<String> written = new LinkedHashSet<>();
        long rawBytes = 0;
        long enrichedBytes = 0;
        long enrichedRecords = 0;

        progress.accept("baseline: annotating " + articles.size() + " stories offline (enrich's topology, not timed)");
        long a0 = System.nanoTime();
        Properties ttd = new Properties();
        ttd.put(StreamsConfig.APPLICATION_ID_CONFIG, "wirestream-bench-ceiling");
        ttd.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        ttd.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(workDir.resolve("ceiling-state")).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(topics, annotator, rawSerde, enrichedSerde), ttd);
             DataOutputStream raw = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(rawSpool), 1 << 16));
             DataOutputStream enriched = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(enrichedSpool), 1 << 16))) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(topics.raw(), new StringSerializer(), new ByteArraySerializer());
            Map<String, TestOutputTopic<String, byte[]>> outs = new HashMap<>();
            for (RawArticle article : articles) {
                // the bytes the publisher writes: serialized for the pipeline's raw topic (same subject, same schema id)
                byte[] value = rawSerde.serializer().serialize(pipelineTopics.raw(), article);
                writeRecord(raw, topics.raw(), article.getStoryId(), value, new RecordHeaders());
                rawBytes += value.length;
                in.pipeInput(article.getStoryId(), value);
                for (String topic : driver.producedTopicNames()) {
                    TestOutputTopic<String, byte[]> out = outs.computeIfAbsent(topic,
                        t -> driver.createOutputTopic(t, new StringDeserializer(), new ByteArrayDeserializer()));
                    if (!topic.startsWith(PREFIX)) {
                        // changelogs: not part of the ceiling, but the driver keeps every record until read (the
                        // cluster index writes ~24 KB per story there: 20,000 stories ran out of the 1 GB heap)
                        out.readRecordsToList();
                        continue;
                    }
                    for (TestRecord<String, byte[]> record : out.readRecordsToList()) {
                        writeRecord(enriched, topic, record.key(), record.value(), record.headers());
                        written.add(topic);
                        enrichedRecords++;
                        enrichedBytes += record.value() == null ? 0 : record.value().length;
                    }
                }
            }
        }
        double annotateSeconds = (System.nanoTime() - a0) / 1e9;

        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            List<org.apache.kafka.clients.admin.NewTopic> wanted = new ArrayList<>(topics.coreTopics(partitions, (short) 1));
            for (String topic : written) {
                if (topics.isTopicTopic(topic)) {
                    wanted.add(topics.topicTopic(topics.slugOf(topic), LocalPipeline.fanoutPartitions(), (short) 1));
                }
            }
            EnrichApp.ensureTopics(client, wanted);
            try {
                progress.accept("baseline: producing the raw bytes (publisher's settings)");
                long t0 = System.nanoTime();
                produce(rawSpool, ArticlePublisher.producerConfig(bootstrap, Map.of(ProducerConfig.CLIENT_ID_CONFIG, "bench-ceiling-raw")));
                double publish = (System.nanoTime() - t0) / 1e9;

                progress.accept("baseline: producing the enriched bytes to " + written.size() + " topics (enrich's producer settings)");
                long t1 = System.nanoTime();
                produce(enrichedSpool, enrichProducerConfig(bootstrap, registryUrl));
                double enrichedSeconds = (System.nanoTime() - t1) / 1e9;

                progress.accept("baseline: consuming " + topics.enriched());
                long t2 = System.nanoTime();
                long read = consume(bootstrap, topics.enriched(), articles.size());
                double consume = (System.nanoTime() - t2) / 1e9;
                if (read < articles.size()) {
                    throw new IllegalStateException("the ceiling consumer read " + read + " of " + articles.size() + " records");
                }
                return new Ceiling(articles.size(), publish, enrichedSeconds, consume, written.size(), enrichedRecords,
                    rawBytes, enrichedBytes, annotateSeconds);
            } finally {
                Files.deleteIfExists(rawSpool);
                Files.deleteIfExists(enrichedSpool);
            }
        }
    }

    /** Deletes the ceiling's topics, so the pipeline run that follows has the broker to itself. */
    static void deleteTopics(String bootstrap) throws Exception {
        try (Admin client = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> ours = client.listTopics().names().get().stream().filter(t -> t.startsWith(PREFIX)).toList();
            client.deleteTopics(ours).all().get();
        }
    }

    /** Enrich's own producer settings, from the same code path the Streams app uses; without the transactions. */
    static Map<String, Object> enrichProducerConfig(String bootstrap, String registryUrl) {
        Properties streams = new EnrichConfig(Map.of(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl)).streamsProperties();
        Map<String, Object> producer = new HashMap<>();
        String prefix = StreamsConfig.PRODUCER_PREFIX;
        streams.forEach((k, v) -> {
            if (k.toString().startsWith(prefix)) {
                producer.put(k.toString().substring(prefix.length()), v);
            }
        });
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-ceiling-enriched");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        return producer;
    }

    private static void writeRecord(DataOutputStream out, String topic, String key, byte[] value, Iterable<Header> headers) throws IOException {
        out.writeUTF(topic);
        out.writeUTF(key == null ? "" : key);
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
        List<Header> list = new ArrayList<>();
        headers.forEach(list::add);
        out.writeShort(list.size());
        for (Header h : list) {
            out.writeUTF(h.key());
            out.writeInt(h.value() == null ? -1 : h.value().length);
            if (h.value() != null) {
                out.write(h.value());
            }
        }
    }

    private static void produce(Path spool, Map<String, Object> config) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicInteger sent = new AtomicInteger();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
             DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 1 << 16))) {
            while (true) {
                String topic;
                try {
                    topic = in.readUTF();
                } catch (EOFException end) {
                    break;
                }
                String key = in.readUTF();
                byte[] value = readBytes(in);
                RecordHeaders headers = new RecordHeaders();
                for (int h = in.readShort(); h > 0; h--) {
                    headers.add(in.readUTF(), readBytes(in));
                }
                producer.send(new ProducerRecord<>(topic, null, key, value, headers), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                sent.incrementAndGet();
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the ceiling producer failed: " + failure.get().getMessage(), failure.get());
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static long consume(String bootstrap, String topic, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-ceiling-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long read = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                }
            }
        }
        return read;
    }
}

package io.wirestream.enrich.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.enrich.topology.EnrichTopology;
import io.wirestream.enrich.topology.RawArticles;
import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.TopicTag;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class EnrichAppIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    private EnrichConfig config(KafkaEnv env, String prefix) {
        return config(env, prefix, 2);
    }

    private EnrichConfig config(KafkaEnv env, String prefix, int partitions) {
        Map<String, Object> props = new HashMap<>();
        props.put(EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, env.schemaRegistryUrl());
        props.put(EnrichConfig.APPLICATION_ID_CONFIG, "enrich-it-" + UUID.randomUUID());
        props.put(EnrichConfig.TOPIC_PREFIX_CONFIG, prefix);
        props.put(EnrichConfig.TOPIC_PARTITIONS_CONFIG, partitions);
        props.put(EnrichConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new EnrichConfig(props);
    }

    private static String randomPrefix() {
        return "it" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    @Test
    void theSeedPublishedUnderTwoIdsOnDifferentPartitionsIsOneClusterWithOneDuplicateOnNewsEnriched(KafkaEnv env)
        throws Exception {
        // four news.raw partitions: the cluster stage reads every story from one single-partition repartition topic
        EnrichConfig config = config(env, randomPrefix(), 4);
        Topics topics = config.topics();
        try (EnrichApp app = new EnrichApp(config, Annotator.withDefaultTaxonomy());
             Serde<RawArticle> rawSerde = AvroSerdes.specific(RawArticle.class, env.schemaRegistryUrl(), false)) {
            app.start();
            // as ingest would publish the seed dropped as a file and posted over HTTP: two ids, one text
            RawArticle byFile = RawArticle.newBuilder(RawArticles.seed("file-000_22ebd5df95e2d1f5")).setSource("file").build();
            RawArticle byHttp = RawArticle.newBuilder(RawArticles.seed("http-7f3a")).setSource("http").build();
            List<Integer> partitions = new ArrayList<>();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
                for (RawArticle a : List.of(byFile, byHttp)) {
                    partitions.add(producer.send(new ProducerRecord<>(topics.raw(), a.getStoryId(),
                        rawSerde.serializer().serialize(topics.raw(), a))).get().partition());
                    // two news.raw tasks may run in either order: the file copy is annotated (and so queued for the
                    // cluster stage) before the HTTP copy is even published, so it is the original
                    await().atMost(PATIENCE).until(() -> metric(app, "enriched-total") >= partitions.size());
                }
            }
            assertThat(partitions.get(0)).as("news.raw partitions of the two copies").isNotEqualTo(partitions.get(1));

            List<ConsumerRecord<String, EnrichedArticle>> enriched = readAll(env, articles(env), List.of(topics.enriched()), 2);

            // news.enriched has four partitions too: the two records may be read in either order
            assertThat(enriched).extracting(r -> r.value().getArticle().getStoryId(), r -> r.value().getClusterId(),
                    r -> r.value().getDuplicateOf())
                .containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(byFile.getStoryId(), byFile.getStoryId(), null),
                    org.assertj.core.groups.Tuple.tuple(byHttp.getStoryId(), byFile.getStoryId(), byFile.getStoryId()));
            await().atMost(PATIENCE).until(() -> metric(app, "cluster-duplicate-total") >= 1.0);
            String repartition = config.applicationId() + "-" + EnrichTopology.CLUSTER_REPARTITION + "-repartition";
            assertThat(env.admin().describeTopics(List.of(repartition)).allTopicNames().get(60, TimeUnit.SECONDS)
                .get(repartition).partitions()).hasSize(1);
        }
    }

    @Test
    void enrichesFansOutPassesKillsAndDeadLettersPoisonOnARealBroker(KafkaEnv env) throws Exception {
        EnrichConfig config = config(env, randomPrefix());
        Topics topics = config.topics();
        Annotator annotator = Annotator.withDefaultTaxonomy();

        try (EnrichApp app = new EnrichApp(config, annotator);
             Serde<RawArticle> rawSerde = AvroSerdes.specific(RawArticle.class, env.schemaRegistryUrl(), false)) {
            app.start();

            Set<String> created = env.admin().listTopics().names().get(60, TimeUnit.SECONDS);
            assertThat(created).contains(topics.raw(), topics.enriched(), topics.dlq());
            for (String slug : annotator.taxonomy().slugs()) {
                assertThat(created).contains(topics.forTopic(slug));
            }

            // a poison record alone (say, one bad file) reaches the DLQ with its own bytes and where it came from
            byte[] poison = "definitely not a RawArticle".getBytes(StandardCharsets.UTF_8);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topics.raw(), "poison-1", poison)).get();
            }
            List<ConsumerRecord<String, byte[]>> dead = readAll(env, new ByteArrayDeserializer(), List.of(topics.dlq()), 1);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).key()).isEqualTo("poison-1");
            assertThat(dead.get(0).value()).isEqualTo(poison);
            assertThat(header(dead.get(0), "__streams.errors.topic")).isEqualTo(topics.raw());
            assertThat(header(dead.get(0), "__streams.errors.exception")).isNotBlank();
            assertThat(header(dead.get(0), "__streams.errors.offset")).isEqualTo("0");

            // the seed, twice: enriched once, fanned out to every topic it is tagged with
            RawArticle seed = RawArticles.seed("seed-it-1");
            RawArticle kill = RawArticles.kill("seed-it-1", 2, PubStatus.CANCELED);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topics.raw(), seed.getStoryId(), rawSerde.serializer().serialize(topics.raw(), seed))).get();
                producer.send(new ProducerRecord<>(topics.raw(), seed.getStoryId(), rawSerde.serializer().serialize(topics.raw(), seed))).get();
            }

            // both copies have been through the app once it counted the second as a duplicate
            await().atMost(PATIENCE).until(() -> metric(app, "duplicate-dropped-total") >= 1.0);
            List<ConsumerRecord<String, EnrichedArticle>> enriched = readAll(env, articles(env), List.of(topics.enriched()), 1);
            assertThat(enriched).hasSize(1);
            EnrichedArticle out = enriched.get(0).value();
            assertThat(enriched.get(0).key()).isEqualTo("seed-it-1");
            assertThat(out.getArticle()).isEqualTo(seed);
            assertThat(out.getLineage().getTopic()).isEqualTo(topics.raw());
            assertThat(out.getLineage().getPartition()).isEqualTo(enriched.get(0).partition());
            assertThat(out.getTaxonomyVersion()).isEqualTo(annotator.taxonomyVersion());
            assertThat(out.getEntities()).isNotEmpty();
            assertThat(out.getTopics()).isNotEmpty();

            List<String> topicTopics = out.getTopics().stream().map(TopicTag::getCode).map(topics::forTopic).toList();
            assertThat(readAll(env, articles(env), topicTopics, topicTopics.size()))
                .allSatisfy(r -> assertThat(r.value()).isEqualTo(out))
                .extracting(ConsumerRecord::topic).containsExactlyInAnyOrderElementsOf(topicTopics);

            // the app kept running, and a kill reaches news.enriched and every topic the story was routed to
            assertThat(app.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topics.raw(), kill.getStoryId(), rawSerde.serializer().serialize(topics.raw(), kill))).get();
            }
            List<String> withdrawnFrom = new ArrayList<>(topicTopics);
            withdrawnFrom.add(topics.enriched());
            List<ConsumerRecord<String, EnrichedArticle>> all = readAll(env, articles(env), withdrawnFrom, 2 * withdrawnFrom.size());
            assertThat(all).hasSize(2 * withdrawnFrom.size());  // the duplicate seed was dropped
            assertThat(all).filteredOn(r -> r.value().getArticle().getPubStatus() == PubStatus.CANCELED)
                .extracting(ConsumerRecord::topic).containsExactlyInAnyOrderElementsOf(withdrawnFrom);

            assertThat(app.metrics().keySet()).anySatisfy(name -> assertThat(name.name()).isEqualTo("process-rate"));
            assertThat(app.metrics().entrySet()).anySatisfy(e -> {
                assertThat(e.getKey().name()).isEqualTo("duplicate-dropped-total");
                assertThat((Double) e.getValue().metricValue()).isEqualTo(1.0);
            });
        }
    }

    @Test
    void theDedupeStateSurvivesARestartOnAnotherMachine(KafkaEnv env, @TempDir Path otherStateDir) throws Exception {
        EnrichConfig first = config(env, randomPrefix());
        Map<String, Object> secondProps = new HashMap<>(first.originals());
        secondProps.put(EnrichConfig.STATE_DIR_CONFIG, otherStateDir.toString());  // empty: restored from the changelog
        EnrichConfig second = new EnrichConfig(secondProps);
        Topics topics = first.topics();
        Annotator annotator = Annotator.withDefaultTaxonomy();
        RawArticle v1 = RawArticles.story("restart-1", 1, "Japan and Russia hold talks on the Northern Territories.");
        RawArticle v2 = RawArticles.story("restart-1", 2, "Japan and Russia end talks on the Northern Territories.");

        try (Serde<RawArticle> rawSerde = AvroSerdes.specific(RawArticle.class, env.schemaRegistryUrl(), false);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            try (EnrichApp app = new EnrichApp(first, annotator)) {
                app.start();
                producer.send(new ProducerRecord<>(topics.raw(), v1.getStoryId(), rawSerde.serializer().serialize(topics.raw(), v1))).get();
                assertThat(readAll(env, articles(env), List.of(topics.enriched()), 1)).hasSize(1);
            }
            try (EnrichApp app = new EnrichApp(second, annotator)) {
                app.start();
                producer.send(new ProducerRecord<>(topics.raw(), v1.getStoryId(), rawSerde.serializer().serialize(topics.raw(), v1))).get();
                producer.send(new ProducerRecord<>(topics.raw(), v2.getStoryId(), rawSerde.serializer().serialize(topics.raw(), v2))).get();
                assertThat(readAll(env, articles(env), List.of(topics.enriched()), 2))
                    .extracting(r -> r.value().getArticle().getVersion())
                    .as("v1 once, its replay after the restart dropped, then v2")
                    .containsExactly(1, 2);
            }
        }
    }

    @Test
    void anEmbargoedStoryHeldAcrossARestartOnAnotherMachineIsReleasedOnceWhenItLifts(KafkaEnv env, @TempDir Path otherStateDir)
        throws Exception {
        EnrichConfig first = config(env, randomPrefix());
        Map<String, Object> secondProps = new HashMap<>(first.originals());
        secondProps.put(EnrichConfig.STATE_DIR_CONFIG, otherStateDir.toString());  // empty: restored from the changelog
        EnrichConfig second = new EnrichConfig(secondProps);
        Topics topics = first.topics();
        Annotator annotator = Annotator.withDefaultTaxonomy();
        java.time.Instant lifts = java.time.Instant.now().plusSeconds(45).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        try (Serde<RawArticle> rawSerde = AvroSerdes.specific(RawArticle.class, env.schemaRegistryUrl(), false);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            // built once the serde has installed AvroClassTrust: before that, Avro refuses the default of RawArticle.warnings
            RawArticle story = RawArticle.newBuilder(RawArticles.story("embargo-it-1", 1, "Japan and Russia agree on talks."))
                .setEmbargoed(lifts).build();
            try (EnrichApp app = new EnrichApp(first, annotator)) {
                app.start();
                producer.send(new ProducerRecord<>(topics.raw(), story.getStoryId(), rawSerde.serializer().serialize(topics.raw(), story))).get();
                await().atMost(PATIENCE).until(() -> metric(app, "embargo-held-total") >= 1.0);
                assertThat(java.time.Instant.now()).as("held before the embargo lifted (else the test proves nothing)").isBefore(lifts);
            }
            try (EnrichApp app = new EnrichApp(second, annotator)) {
                app.start();
                List<ConsumerRecord<String, EnrichedArticle>> out = readAll(env, articles(env), List.of(topics.enriched()), 1);
                assertThat(out).hasSize(1);
                assertThat(out.get(0).value().getArticle()).isEqualTo(story);
                assertThat(out.get(0).value().getEnrichedAt()).isAfterOrEqualTo(lifts);
                assertThat(metric(app, "embargo-released-total")).isEqualTo(1.0);
            }
        }
    }

    @Test
    void startUpCreatesOnlyMissingTopicsAndLeavesExistingOnesAlone(KafkaEnv env) throws Exception {
        Topics topics = new Topics(randomPrefix());
        env.admin().createTopics(List.of(new NewTopic(topics.forTopic("diplomacy"), 1, (short) 1))).all().get(60, TimeUnit.SECONDS);

        List<String> first = EnrichApp.ensureTopics(env.admin(), EnrichApp.wantedTopics(topics, List.of("diplomacy", "defence"), 2, 2, (short) 1));
        assertThat(first).containsExactlyInAnyOrder(topics.raw(), topics.enriched(), topics.dlq(), topics.forTopic("defence"));

        // a topic added to the taxonomy gets its Kafka topic on the next start
        List<String> second = EnrichApp.ensureTopics(env.admin(),
            EnrichApp.wantedTopics(topics, List.of("diplomacy", "defence", "missile-defense"), 2, 2, (short) 1));
        assertThat(second).containsExactly(topics.forTopic("missile-defense"));

        Map<String, TopicDescription> described = env.admin()
            .describeTopics(List.of(topics.forTopic("diplomacy"), topics.forTopic("defence"))).allTopicNames().get(60, TimeUnit.SECONDS);
        assertThat(described.get(topics.forTopic("diplomacy")).partitions()).hasSize(1);
        assertThat(described.get(topics.forTopic("defence")).partitions()).hasSize(2);
    }

    /** A fresh deserializer: a consumer closes the one it is given. */
    private static Deserializer<EnrichedArticle> articles(KafkaEnv env) {
        return AvroSerdes.specific(EnrichedArticle.class, env.schemaRegistryUrl(), false).deserializer();
    }

    private static <V> KafkaConsumer<String, V> consumer(KafkaEnv env, Deserializer<V> values) {
        Map<String, Object> props = new HashMap<>(env.consumerProps("enrich-it-" + UUID.randomUUID()));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    private static <V> List<ConsumerRecord<String, V>> readAll(KafkaEnv env, Deserializer<V> values, List<String> from, int atLeast) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(env, values)) {
            consumer.subscribe(from);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= atLeast;
            });
            // read on to the end of what is committed now: anything that should not be there is in the list
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return records;
    }

    private static double metric(EnrichApp app, String name) {
        return app.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}

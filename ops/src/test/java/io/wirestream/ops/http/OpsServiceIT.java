package io.wirestream.ops.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.ops.OpsConfig;
import io.wirestream.ops.OpsService;
import io.wirestream.testkit.browser.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole ops process on the embedded broker: a pipeline's topics with records, an enrich-like group that read
 * part of the raw topic and a sink group ({@code connect-...}) that read part of the enriched topic, both stopped.
 * Checks {@code /api/lag}, {@code /api/pipeline}, {@code /metrics}, alerts, and the dashboard in headless Chromium.
 */
@WithKafka
class OpsServiceIT {

    private static final Duration AT_MOST = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String prefix;
    private static String enrichGroup;
    private static String sinkGroup;
    private static OpsService ops;
    private static KafkaStreams streams;
    private static String streamsApp;

    @BeforeAll
    static void startPipelineAndOps(KafkaEnv env) throws Exception {
        String id = env.randomTopic("it");
        prefix = id + ".";
        enrichGroup = id + "-enrich";
        sinkGroup = "connect-" + id + "-jsonl";
        env.createTopics(prefix + "raw", prefix + "enriched", prefix + "dlq");
        produce(env, prefix + "raw", 100);
        produce(env, prefix + "enriched", 40);
        produce(env, prefix + "dlq", 3);
        consumeAndCommit(env, enrichGroup, prefix + "raw", 60);
        consumeAndCommit(env, sinkGroup, prefix + "enriched", 25);

        // a real Kafka Streams app in this JVM, so /metrics has its JMX metrics (it copies raw to a side topic)
        streamsApp = id + "-copy";
        env.createTopics(id + "-copy-out");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(prefix + "raw", Consumed.with(Serdes.String(), Serdes.String()))
            .to(id + "-copy-out", Produced.with(Serdes.String(), Serdes.String()));
        Properties streamsProps = new Properties();
        streamsProps.putAll(env.streamsProps(streamsApp));
        streamsProps.remove("schema.registry.url");
        streams = new KafkaStreams(builder.build(), streamsProps);
        streams.start();

        Map<String, Object> props = new HashMap<>();
        props.put(OpsConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(OpsConfig.HTTP_PORT_CONFIG, 0);
        props.put(OpsConfig.LAG_POLL_INTERVAL_MS_CONFIG, 500);
        props.put(OpsConfig.LAG_WINDOW_MS_CONFIG, 3_000);
        props.put(OpsConfig.GROUPS_INCLUDE_CONFIG, java.util.regex.Pattern.quote(enrichGroup) + "|" + java.util.regex.Pattern.quote(sinkGroup));
        props.put(OpsConfig.TOPICS_PREFIX_CONFIG, prefix);
        props.put(OpsConfig.ALERT_DEFAULT_LAG_SECONDS_MAX_CONFIG, -1);
        props.put("alert." + enrichGroup + ".lag.seconds.max", 2);
        ops = OpsService.start(new OpsConfig(props));
        await().atMost(AT_MOST).until(() -> ops.lag().groups().size() == 2 && ops.pipeline().ratesPerSecond().size() == 4);
    }

    @AfterAll
    static void stopOps() {
        if (ops != null) {
            ops.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }

    @Test
    void apiLagReportsStoppedGroupsWithTheirLagAndStatus() throws Exception {
        await().atMost(AT_MOST).untilAsserted(() -> {
            String json = get("api/lag");
            assertThat(json).contains("\"group\" : \"" + enrichGroup + "\"", "\"group\" : \"" + sinkGroup + "\"",
                "\"total_lag\" : 40", "\"total_lag\" : 15", "\"status\" : \"STOP\"", "\"members\" : 0");
        });
    }

    @Test
    void metricsExposeLagStatusAlertsAndPipelineCounters() throws Exception {
        await().atMost(AT_MOST).untilAsserted(() -> {
            String m = get("metrics");
            String raw = prefix + "raw";
            assertThat(m).contains(
                "# TYPE wirestream_consumergroup_lag_seconds gauge",
                "wirestream_consumergroup_lag_offsets{group=\"" + enrichGroup + "\",topic=\"" + raw + "\",partition=\"0\"} 40",
                "wirestream_consumergroup_lag_seconds{group=\"" + enrichGroup + "\",topic=\"" + raw + "\",partition=\"0\"} ",
                "wirestream_consumergroup_status{group=\"" + enrichGroup + "\",status=\"STOP\"} 1",
                "wirestream_consumergroup_status{group=\"" + enrichGroup + "\",status=\"OK\"} 0",
                "wirestream_consumergroup_alert{group=\"" + enrichGroup + "\",rule=\"lag_seconds\"} 1",
                "wirestream_consumergroup_alert{group=\"" + sinkGroup + "\",rule=\"lag_seconds\"} 0",
                "wirestream_consumergroup_alert{group=\"" + enrichGroup + "\",rule=\"status\"} 1",
                "# TYPE wirestream_pipeline_ingested_total counter",
                "wirestream_pipeline_ingested_total{topic=\"" + raw + "\"} 100",
                "wirestream_pipeline_enriched_total{topic=\"" + prefix + "enriched\"} 40",
                "wirestream_pipeline_dead_lettered_total{topic=\"" + prefix + "dlq\"} 3",
                "wirestream_pipeline_sunk_total{group=\"" + sinkGroup + "\",topic=\"" + prefix + "enriched\"} 25",
                "wirestream_lag_poll_up 1");
        });
    }

    @Test
    void metricsIncludeKafkaStreamsMetricsSeenThroughJmx() throws Exception {
        await().atMost(AT_MOST).untilAsserted(() -> {
            String m = get("metrics");
            assertThat(m).containsPattern("wirestream_streams_client_state\\{client_id=\"" + java.util.regex.Pattern.quote(streamsApp)
                + "[^\"]*\",state=\"RUNNING\"} 1");
            assertThat(m).containsPattern("wirestream_streams_process_records_total\\{thread_id=\"[^\"]+\"} [1-9]");
            assertThat(m).contains("# TYPE wirestream_streams_process_records_per_second gauge",
                "# TYPE wirestream_streams_alive_threads gauge",
                "wirestream_pipeline_rejected_total{stage=\"enrich\"} 0");
        });
    }

    @Test
    void apiPipelineHasCountersAndRates() throws Exception {
        String json = get("api/pipeline");
        assertThat(json).contains("\"ingested\" : 100", "\"enriched\" : 40", "\"dead_lettered\" : 3", "\"sunk\" : 25", "\"rates_per_second\"");
    }

    @Test
    void dashboardShowsGroupsWithStatusAndChartsInARealBrowser() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium installed (apt-get install chromium); dashboard browser test skipped");
        await().atMost(AT_MOST).until(() -> ops.history().lagSeconds().rows() >= 3);
        // the page shows what the monitor knows: wait until it has judged the stopped group, as the API test does
        await().atMost(AT_MOST).until(() -> ops.lag().group(enrichGroup)
            .map(g -> g.status() == io.wirestream.ops.lag.GroupStatus.STOP).orElse(false));

        String dom = chromium.get().dumpDom(ops.url(), 8_000);
        assertThat(dom).contains("data-group=\"" + enrichGroup + "\"", "data-group=\"" + sinkGroup + "\"");
        assertThat(dom).containsPattern("data-group=\"" + java.util.regex.Pattern.quote(enrichGroup) + "\" data-status=\"STOP\"");
        assertThat(dom).contains("class=\"status status-STOP\"");
        assertThat(dom).as("uPlot drew the lag chart").containsPattern("id=\"chart-lag\"[^>]*>\\s*<div class=\"uplot");
        assertThat(dom).contains("<canvas");
        assertThat(dom).contains(enrichGroup).doesNotContain("dashboard cannot reach");

        String expanded = chromium.get().dumpDom(ops.url() + "#group=" + enrichGroup, 8_000);
        assertThat(expanded).as("the group's partitions open from the URL").contains("data-partitions-of=\"" + enrichGroup + "\"",
            prefix + "raw-0");

        Path png = Path.of("target", "dashboard.png");
        Files.deleteIfExists(png);
        chromium.get().screenshot(ops.url() + "#group=" + enrichGroup, png, 1280, 900, 8_000);
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void staticFilesAndErrors() throws Exception {
        assertThat(status("dashboard/vendor/uPlot.iife.min.js")).isEqualTo(200);
        assertThat(status("dashboard/vendor/uPlot.LICENSE")).isEqualTo(200);
        assertThat(status("dashboard/../OpsService.class")).isEqualTo(404);
        assertThat(status("nope")).isEqualTo(404);
        assertThat(status("healthz")).isEqualTo(200);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(ops.url() + "metrics"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ops.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ops.url() + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void produce(KafkaEnv env, String topic, int n) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(env.producerProps(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, "story-" + i, "v" + i));
            }
            p.flush();
        }
    }

    private static void consumeAndCommit(KafkaEnv env, String group, String topic, long upTo) {
        Map<String, Object> props = new HashMap<>(env.consumerProps(group));
        props.remove("schema.registry.url");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            await().atMost(AT_MOST).until(() -> {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(200));
                return !records.isEmpty() || !c.assignment().isEmpty();
            });
            c.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(upTo)));
        }
    }
}

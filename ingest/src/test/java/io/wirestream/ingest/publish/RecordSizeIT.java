package io.wirestream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.InputTooLargeException;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.source.Ingestor;
import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.topic.RecordSizes;
import io.wirestream.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Stories up to the documented ingest cap reach the broker; a record over the pipeline's limit is refused whole, before sending. */
@WithKafka
class RecordSizeIT {

    /** About {@code bytes} of plain-text wire copy: a headline, then paragraphs of words. */
    private static byte[] plainText(int bytes) {
        StringBuilder sb = new StringBuilder("Large story of the day\n\n");
        int n = 0;
        while (sb.length() < bytes) {
            sb.append("Paragraph ").append(n++).append(" tells the story at length with many words in it. ");
            if (n % 20 == 0) {
                sb.append("\n\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static NewTopic rawTopic(KafkaEnv env) {
        // the raw topic as enrich creates it (Topics.coreTopics): max.message.bytes is the pipeline's limit
        NewTopic raw = Topics.defaults().coreTopics(3, env.replicationFactor()).get(0);
        return new NewTopic(env.randomTopic("news.raw"), 3, env.replicationFactor()).configs(raw.configs());
    }

    private static long records(KafkaEnv env, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
            new TopicPartition(topic, 1), OffsetSpec.latest(), new TopicPartition(topic, 2), OffsetSpec.latest());
        return env.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
    }

    @Test
    void aStoryOfSeveralMebibytesUnderTheIngestCapIsPublished(KafkaEnv env) throws Exception {
        NewTopic topic = rawTopic(env);
        env.createTopics(List.of(topic));
        try (ArticlePublisher publisher = new ArticlePublisher(env.bootstrapServers(), env.schemaRegistryUrl(), topic.name())) {
            Ingestor ingestor = new Ingestor(FormatSniffer.defaults(), publisher, null, Duration.ofSeconds(60));
            Ingestor.Outcome outcome = ingestor.ingest("big.txt", plainText(3 * 1024 * 1024), ParseContext.of("big.txt"), "text");

            assertThat(outcome.error()).isNull();
            assertThat(outcome.accepted()).isTrue();
        }
        assertThat(records(env, topic.name())).isEqualTo(1);
    }

    @Test
    void anInputWithAStoryWhoseRecordIsOverTheLimitIsRefusedAsTooLargeWithNothingSent(KafkaEnv env) throws Exception {
        NewTopic topic = rawTopic(env);
        env.createTopics(List.of(topic));
        try (ArticlePublisher publisher = new ArticlePublisher(env.bootstrapServers(), env.schemaRegistryUrl(), topic.name())) {
            Ingestor ingestor = new Ingestor(FormatSniffer.defaults(), publisher, null, Duration.ofSeconds(60));
            RawArticle small = FormatSniffer.defaults().parse(plainText(10_000), ParseContext.of("small.txt"), "text").articles().get(0);
            String body = small.getBody().toString();
            RawArticle huge = RawArticle.newBuilder(small).setStoryId("huge")
                .setBody(body.repeat(RecordSizes.MAX_RAW_RECORD_BYTES / body.length() + 1)).build();

            Ingestor.Outcome outcome = ingestor.deliver("two-stories", "text", List.of(small, huge));

            assertThat(outcome.accepted()).isFalse();
            assertThat(outcome.error()).isInstanceOf(InputTooLargeException.class).hasMessageContaining("story huge is too large");
        }
        assertThat(records(env, topic.name())).isZero();
    }
    @Test
    void anHttpPostUnderTheInputCapWhoseRecordIsOverTheRawLimitIs413WithAJsonReasonAndNothingSent(KafkaEnv env) throws Exception {
        NewTopic topic = rawTopic(env);
        env.createTopics(List.of(topic));
        // 9.5 MiB of ISO-8859-1 letters that are 2 bytes each in UTF-8: under the 10 MiB input cap, a ~19 MiB record
        byte[] latin1 = new byte[RecordSizes.MAX_INPUT_BYTES - 512 * 1024];
        java.util.Arrays.fill(latin1, (byte) 0xE9);
        byte[] headline = "Headline\n\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(headline, 0, latin1, 0, headline.length);
        for (int i = headline.length + 60; i < latin1.length; i += 61) {
            latin1[i] = ' ';
        }
        try (ArticlePublisher publisher = new ArticlePublisher(env.bootstrapServers(), env.schemaRegistryUrl(), topic.name());
             io.wirestream.ingest.http.IngestHttpServer server = new io.wirestream.ingest.http.IngestHttpServer(
                 new java.net.InetSocketAddress("127.0.0.1", 0), new Ingestor(FormatSniffer.defaults(), publisher, null, Duration.ofSeconds(60)),
                 ParseContext.of("http"), null).start()) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/articles"))
                    .header("Content-Type", "text/plain; charset=ISO-8859-1").timeout(Duration.ofSeconds(60))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("error").asText())
                .contains("too large");
            assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        }
        assertThat(records(env, topic.name())).isZero();
    }
}

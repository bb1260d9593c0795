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
}

package io.wirestream.enrich.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class EnrichAppTest {

    @Test
    void wantsTheCoreTopicsAndACompactedTopicPerTaxonomySlug() {
        List<NewTopic> wanted = EnrichApp.wantedTopics(new Topics("t."), List.of("diplomacy", "missile-defense"), 6, 2, (short) 3);

        assertThat(wanted).extracting(NewTopic::name)
            .containsExactly("t.raw", "t.enriched", "t.dlq", "t.topic.diplomacy", "t.topic.missile-defense");
        assertThat(wanted).extracting(NewTopic::numPartitions).containsExactly(6, 6, 6, 2, 2);
        assertThat(wanted).allSatisfy(t -> assertThat(t.replicationFactor()).isEqualTo((short) 3));
        assertThat(wanted.get(3).configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    @Test
    void aDeadStreamThreadIsReplacedUntilTheBudgetIsSpentThenTheClientShutsDown() {
        EnrichConfig config = new EnrichConfig(Map.of(
            EnrichConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
            EnrichConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://enrich-app-test"));
        try (EnrichApp app = new EnrichApp(config, Annotator.withDefaultTaxonomy())) {
            assertThat(app.state()).isEqualTo(KafkaStreams.State.CREATED);
            assertThat(app.metrics()).isEmpty();
            List<StreamThreadExceptionResponse> responses = new ArrayList<>();
            for (int i = 0; i <= EnrichApp.MAX_REPLACEMENTS; i++) {
                responses.add(app.onUncaughtException(new IllegalStateException("boom " + i)));
            }
            assertThat(responses.subList(0, EnrichApp.MAX_REPLACEMENTS)).containsOnly(StreamThreadExceptionResponse.REPLACE_THREAD);
            assertThat(responses.get(EnrichApp.MAX_REPLACEMENTS)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        }
    }
}

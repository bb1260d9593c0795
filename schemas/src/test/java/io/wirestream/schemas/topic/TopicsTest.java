package io.wirestream.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final Topics topics = Topics.defaults();

    @Test
    void defaultNames() {
        assertThat(topics.raw()).isEqualTo("news.raw");
        assertThat(topics.enriched()).isEqualTo("news.enriched");
        assertThat(topics.dlq()).isEqualTo("news.dlq");
        assertThat(topics.forTopic("missile-defense")).isEqualTo("news.topic.missile-defense");
    }

    @Test
    void prefixIsConfigurable() {
        Topics test = new Topics("t42.");

        assertThat(test.raw()).isEqualTo("t42.raw");
        assertThat(test.forTopic("x")).isEqualTo("t42.topic.x");
        assertThat(test.isTopicTopic("t42.topic.x")).isTrue();
        assertThat(test.isTopicTopic("news.topic.x")).isFalse();
    }

    @Test
    void recognisesPerTopicTopics() {
        assertThat(topics.isTopicTopic("news.topic.northern-territories")).isTrue();
        assertThat(topics.slugOf("news.topic.northern-territories")).isEqualTo("northern-territories");
        assertThat(topics.isTopicTopic("news.topic.")).isFalse();
        assertThat(topics.isTopicTopic("news.enriched")).isFalse();
        assertThat(topics.isTopicTopic(null)).isFalse();
    }

    @Test
    void coreTopicsCarryTheirRetentionPolicies() {
        List<NewTopic> core = topics.coreTopics(3, (short) 1);

        assertThat(core).extracting(NewTopic::name).containsExactly("news.raw", "news.enriched", "news.dlq");
        assertThat(core).allSatisfy(t -> assertThat(t.numPartitions()).isEqualTo(3));
        assertThat(core.get(0).configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "604800000");
        assertThat(core.get(1).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(core.get(2).configs()).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "1209600000");
    }

    @Test
    void perTopicTopicsAreCompacted() {
        NewTopic t = topics.topicTopic("missile-defense", 2, (short) 1);

        assertThat(t.name()).isEqualTo("news.topic.missile-defense");
        assertThat(t.configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void refusesNamesKafkaWouldRefuse() {
        assertThatThrownBy(() -> topics.forTopic("missile defense")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missile defense");
        assertThatThrownBy(() -> topics.forTopic("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Topics("news/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> topics.forTopic("x".repeat(250))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("249");
    }
}

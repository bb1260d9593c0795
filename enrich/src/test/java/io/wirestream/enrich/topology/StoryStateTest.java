package io.wirestream.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.enrich.topology.StoryState.Decision;
import io.wirestream.schemas.PubStatus;
import io.wirestream.schemas.RawArticle;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StoryStateTest {

    private final RawArticle v2 = RawArticles.story("s", 2, "body two");
    private final StoryState emittedV2 = StoryState.enriched(v2, List.of("diplomacy"), 0L);

    @Test
    void aStoryNeverSeenIsEnrichedAndItsKillPassed() {
        assertThat(StoryState.decide(null, v2)).isEqualTo(Decision.ENRICH);
        assertThat(StoryState.decide(null, RawArticles.kill("s", 1, PubStatus.WITHHELD))).isEqualTo(Decision.KILL);
    }

    @Test
    void sameContentIsADuplicateWhateverTheVersionNumber() {
        assertThat(StoryState.decide(emittedV2, v2)).isEqualTo(Decision.DUPLICATE);
        assertThat(StoryState.decide(emittedV2, RawArticles.story("s", 3, "body two"))).isEqualTo(Decision.DUPLICATE);
    }

    @Test
    void anOlderVersionIsStaleAndANewerOrCorrectedOneIsEnriched() {
        assertThat(StoryState.decide(emittedV2, RawArticles.story("s", 1, "body one"))).isEqualTo(Decision.STALE);
        assertThat(StoryState.decide(emittedV2, RawArticles.story("s", 3, "body three"))).isEqualTo(Decision.ENRICH);
        assertThat(StoryState.decide(emittedV2, RawArticles.story("s", 2, "body two, corrected"))).isEqualTo(Decision.ENRICH);
    }

    @Test
    void aKillIsNeverStaleButARepeatedKillIsADuplicate() {
        RawArticle kill = RawArticles.kill("s", 1, PubStatus.CANCELED);
        assertThat(StoryState.decide(emittedV2, kill)).isEqualTo(Decision.KILL);
        StoryState killed = StoryState.killed(emittedV2, kill, 0L);
        assertThat(killed.version()).isEqualTo(2);
        assertThat(killed.withdrawn()).isTrue();
        assertThat(killed.topics()).isEmpty();
        assertThat(StoryState.decide(killed, kill)).isEqualTo(Decision.DUPLICATE);
    }

    @Test
    void onlyAStrictlyNewerVersionRevivesAKilledStory() {
        StoryState killed = StoryState.killed(emittedV2, RawArticles.kill("s", 2, PubStatus.CANCELED), 0L);
        assertThat(StoryState.decide(killed, RawArticles.story("s", 2, "body two, corrected"))).isEqualTo(Decision.STALE);
        assertThat(StoryState.decide(killed, RawArticles.story("s", 3, "body three"))).isEqualTo(Decision.ENRICH);
    }

    @Test
    void topicsNotInListsTheSlugsANewVersionLeft() {
        StoryState state = new StoryState(1, "h", false, List.of("a", "b", "c"), 0L);
        assertThat(state.topicsNotIn(List.of("b", "d"))).containsExactly("a", "c");
    }

    @Test
    void theSerdeRoundTripsAState() {
        StoryState state = new StoryState(7, "abc123", true, List.of("missile-defense", "northern-territories"), 1_700_000_000_000L);
        StoryStateSerde serde = new StoryStateSerde();
        byte[] bytes = serde.serializer().serialize("changelog", state);
        assertThat(serde.deserializer().deserialize("changelog", bytes)).isEqualTo(state);
        assertThat(serde.deserializer().deserialize("changelog", null)).isNull();
    }

    @Test
    void thePurgeRunsEveryTenthOfTheRetentionBetweenAMinuteAndAnHour() {
        assertThat(EnrichProcessor.purgeInterval(java.time.Duration.ofDays(30))).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(EnrichProcessor.purgeInterval(java.time.Duration.ofMinutes(20))).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(EnrichProcessor.purgeInterval(java.time.Duration.ofMinutes(2))).isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void theSerdeRejectsAnUnknownFormat() {
        assertThatThrownBy(() -> StoryStateSerde.read(new byte[] {9, 0, 0}))
            .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
    }
}

package io.wirestream.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PartitionTimelineTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void noSampleMeansUnknown() {
        PartitionTimeline t = new PartitionTimeline(10);
        assertThat(t.lagSeconds(5, T0)).isEmpty();
    }

    @Test
    void caughtUpConsumerHasZeroSeconds() {
        PartitionTimeline t = new PartitionTimeline(10);
        t.add(T0, 100);
        t.add(T0 + 10_000, 200);
        assertThat(t.lagSeconds(200, T0 + 60_000)).hasValue(0);
        assertThat(t.lagSeconds(250, T0 + 60_000)).as("committed ahead of the sampled end (fetch race)").hasValue(0);
    }

    @Test
    void interpolatesBetweenSamples() {
        PartitionTimeline t = new PartitionTimeline(10);
        t.add(T0, 100);
        t.add(T0 + 10_000, 200);
        t.add(T0 + 20_000, 400);
        // offset 150 halfway between 100 @0s and 200 @10s -> written at 5 s; now = 30 s -> 25 s behind
        assertThat(t.lagSeconds(150, T0 + 30_000).getAsDouble()).isCloseTo(25.0, within(1e-9));
        // offset 300 halfway between 200 @10s and 400 @20s -> 15 s; now = 30 s -> 15 s
        assertThat(t.lagSeconds(300, T0 + 30_000).getAsDouble()).isCloseTo(15.0, within(1e-9));
        // on a sample exactly
        assertThat(t.lagSeconds(200, T0 + 30_000).getAsDouble()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void extrapolatesBeforeTheOldestSampleWithTheAverageRate() {
        PartitionTimeline t = new PartitionTimeline(10);
        t.add(T0, 1_000);
        t.add(T0 + 10_000, 1_100);
        t.add(T0 + 20_000, 1_200); // 10 offsets per second
        // offset 900 is 100 offsets before the oldest sample -> 10 s before T0; now = T0 + 20 s -> 30 s
        assertThat(t.lagSeconds(900, T0 + 20_000).getAsDouble()).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void singleSampleGivesALowerBound() {
        PartitionTimeline t = new PartitionTimeline(10);
        t.add(T0, 500);
        assertThat(t.lagSeconds(100, T0 + 7_000).getAsDouble()).isCloseTo(7.0, within(1e-9));
        assertThat(t.lagSeconds(500, T0 + 7_000)).hasValue(0);
    }

    @Test
    void emptyPartitionHasNoLag() {
        PartitionTimeline t = new PartitionTimeline(10);
        t.add(T0, 0);
        t.add(T0 + 5_000, 0);
        assertThat(t.lagSeconds(0, T0 + 10_000)).hasValue(0);
    }

    @Test
    void flatLineKeepsItsStartAndEndAndMapsToTheLastTimeTheEndWasThere() {
        PartitionTimeline t = new PartitionTimeline(4);
        t.add(T0, 100);
        for (int i = 1; i <= 50; i++) {
            t.add(T0 + i * 1_000L, 100); // idle for 50 s
        }
        assertThat(t.size()).isEqualTo(2);
        t.add(T0 + 60_000, 200);
        assertThat(t.size()).isEqualTo(3);
        // the record at offset 100 was written after 50 s, the last time the end was still 100
        assertThat(t.lagSeconds(100, T0 + 70_000).getAsDouble()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void compactedTopicCommittedAboveOlderSamplesUsesOnlyTheNewerOnes() {
        // compaction leaves gaps: the consumer jumps from offset to offset, so its committed offset can land
        // above several samples and anywhere between two of them
        PartitionTimeline t = new PartitionTimeline(10);
        t.add(T0, 10);
        t.add(T0 + 10_000, 20);
        t.add(T0 + 20_000, 30);
        t.add(T0 + 30_000, 70);
        // committed 50 is above the first three samples; between 30 @20 s and 70 @30 s -> 25 s; now 40 s -> 15 s
        assertThat(t.lagSeconds(50, T0 + 40_000).getAsDouble()).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void boundedRingDropsTheOldestSample() {
        PartitionTimeline t = new PartitionTimeline(3);
        t.add(T0, 0);
        t.add(T0 + 1_000, 10);
        t.add(T0 + 2_000, 20);
        t.add(T0 + 3_000, 30);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.offset(0)).isEqualTo(10);
        assertThat(t.time(0)).isEqualTo(T0 + 1_000);
        // offset 0 now extrapolates at 10 offsets/s: 1 s before the oldest kept sample -> T0
        assertThat(t.timeAtOffset(0).getAsDouble()).isCloseTo(T0, within(1e-6));
    }

    @Test
    void endOffsetGoingBackwardsStartsOver() {
        PartitionTimeline t = new PartitionTimeline(10);
        t.add(T0, 100);
        t.add(T0 + 1_000, 200);
        t.add(T0 + 2_000, 5); // topic recreated
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.newestOffset()).isEqualTo(5);
    }

    @Test
    void samplesOutOfOrderAreIgnoredAndSameTimeUpdates() {
        PartitionTimeline t = new PartitionTimeline(10);
        t.add(T0 + 1_000, 100);
        t.add(T0, 50);
        assertThat(t.size()).isEqualTo(1);
        t.add(T0 + 1_000, 120);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.newestOffset()).isEqualTo(120);
    }
}

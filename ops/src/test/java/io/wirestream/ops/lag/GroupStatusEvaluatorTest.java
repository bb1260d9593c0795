package io.wirestream.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.ops.testutil.MutableClock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupStatusEvaluatorTest {

    private static final TopicPartition TP = new TopicPartition("news.raw", 0);
    private static final String G = "g";

    private MutableClock clock;
    private GroupStatusEvaluator evaluator;

    @BeforeEach
    void setUp() {
        clock = MutableClock.atEpochMillis(1_700_000_000_000L);
        evaluator = new GroupStatusEvaluator(clock, Duration.ofSeconds(60), 100);
    }

    private GroupStatus observe(long committed, long end, boolean members) {
        return evaluator.observe(G, TP, committed, new PartitionOffsets(0, end), members);
    }

    private GroupStatus observe(long committed, long start, long end, boolean members) {
        return evaluator.observe(G, TP, committed, new PartitionOffsets(start, end), members);
    }

    @Test
    void caughtUpIsOk() {
        assertThat(observe(100, 100, true)).isEqualTo(GroupStatus.OK);
        clock.advanceSeconds(120);
        assertThat(observe(100, 100, false)).as("no members, no commits, but nothing to read").isEqualTo(GroupStatus.OK);
    }

    @Test
    void lagGrowingWhileCommittingIsWarn() {
        assertThat(observe(100, 110, true)).isEqualTo(GroupStatus.OK);
        clock.advanceSeconds(10);
        assertThat(observe(105, 130, true)).as("two observations are not a trend").isEqualTo(GroupStatus.OK);
        clock.advanceSeconds(10);
        assertThat(observe(110, 150, true)).isEqualTo(GroupStatus.WARN);
        clock.advanceSeconds(10);
        assertThat(observe(130, 160, true)).as("a dip does not hide the trend").isEqualTo(GroupStatus.WARN);
    }

    @Test
    void lagShrinkingOrSteadyIsOk() {
        observe(100, 200, true);
        clock.advanceSeconds(10);
        observe(150, 230, true);
        clock.advanceSeconds(10);
        assertThat(observe(200, 250, true)).as("catching up").isEqualTo(GroupStatus.OK);
        clock.advanceSeconds(10);
        assertThat(observe(250, 300, true)).as("steady").isEqualTo(GroupStatus.OK);
    }

    @Test
    void lagZeroWithinTheWindowIsOk() {
        observe(100, 100, true);
        clock.advanceSeconds(10);
        observe(100, 120, true);
        clock.advanceSeconds(10);
        assertThat(observe(110, 140, true)).isEqualTo(GroupStatus.OK);
    }

    @Test
    void sameCommittedOffsetForAWindowWithMembersIsStall() {
        assertThat(observe(100, 150, true)).isEqualTo(GroupStatus.OK);
        clock.advanceSeconds(30);
        assertThat(observe(100, 150, true)).isEqualTo(GroupStatus.OK);
        clock.advanceSeconds(30);
        assertThat(observe(100, 150, true)).isEqualTo(GroupStatus.STALL);
    }

    @Test
    void noCommitForAWindowWithoutMembersIsStopAndStaysSoWhileLagRises() {
        observe(100, 110, false);
        clock.advanceSeconds(20);
        observe(100, 130, false);
        clock.advanceSeconds(20);
        assertThat(observe(100, 150, false)).as("before a whole window: lag rising").isEqualTo(GroupStatus.WARN);
        clock.advanceSeconds(20);
        assertThat(observe(100, 170, false)).isEqualTo(GroupStatus.STOP);
        clock.advanceSeconds(600);
        assertThat(observe(100, 900, false)).isEqualTo(GroupStatus.STOP);
    }

    @Test
    void stoppedGroupBecomesOkOnceItMovesAgainAndCatchesUp() {
        observe(100, 150, false);
        clock.advanceSeconds(60);
        assertThat(observe(100, 160, false)).isEqualTo(GroupStatus.STOP);
        clock.advanceSeconds(5);
        assertThat(observe(140, 165, true)).isEqualTo(GroupStatus.OK);
        clock.advanceSeconds(5);
        assertThat(observe(170, 170, true)).isEqualTo(GroupStatus.OK);
    }

    @Test
    void offsetGoingBackwardsIsRewindForAWindow() {
        observe(500, 500, false);
        clock.advanceSeconds(5);
        assertThat(observe(0, 500, false)).isEqualTo(GroupStatus.REWIND);
        clock.advanceSeconds(30);
        assertThat(observe(0, 500, false)).isEqualTo(GroupStatus.REWIND);
        clock.advanceSeconds(31);
        assertThat(observe(0, 500, false)).as("the rewind left the window; nobody reads").isEqualTo(GroupStatus.STOP);
    }

    @Test
    void committedBelowLogStartIsErr() {
        assertThat(observe(10, 50, 200, true)).isEqualTo(GroupStatus.ERR);
    }

    @Test
    void observationsOlderThanTheWindowDoNotCount() {
        observe(100, 100, true);
        clock.advanceSeconds(10);
        observe(105, 120, true);
        clock.advanceSeconds(100);
        // only this one is in the window: no zero lag, no trend
        assertThat(observe(110, 200, true)).isEqualTo(GroupStatus.OK);
        clock.advanceSeconds(10);
        observe(115, 230, true);
        clock.advanceSeconds(10);
        assertThat(observe(120, 260, true)).isEqualTo(GroupStatus.WARN);
    }

    @Test
    void groupTakesTheMostSevereStatus() {
        assertThat(GroupStatusEvaluator.worst(List.of(GroupStatus.OK, GroupStatus.STOP, GroupStatus.WARN))).isEqualTo(GroupStatus.STOP);
        assertThat(GroupStatusEvaluator.worst(List.of())).isEqualTo(GroupStatus.OK);
        assertThat(GroupStatus.ERR.failing()).isTrue();
        assertThat(GroupStatus.STOP.failing()).isTrue();
        assertThat(GroupStatus.STALL.failing()).isFalse();
    }
}

package io.wirestream.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.ops.testutil.PacedConsumer;
import io.wirestream.ops.testutil.PacedProducer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * The status lifecycle on the real embedded broker, with a short window (3 s, polls every 300 ms): a consumer
 * slower than its producer is WARN with growing lag; once it leaves the group it is STOP and the lag keeps
 * rising; a fast consumer in the same group brings it back to OK; resetting its offsets to the start is REWIND;
 * deleting the records it has not read is ERR.
 */
@WithKafka
class LagStatusIT {

    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration AT_MOST = Duration.ofSeconds(90);

    @Test
    void slowConsumerWarnsStoppedOneStopsCaughtUpOneIsOkRewoundOneRewindsAndUnreadDeletedRecordsAreErr(KafkaEnv env) throws Exception {
        String topic = env.randomTopic("lag");
        String group = env.randomTopic("slow-group");
        env.createTopics(topic);
        LagMonitorSettings settings = LagMonitorSettings.defaults()
            .withPollInterval(Duration.ofMillis(300)).withWindow(Duration.ofSeconds(3))
            .withInclude(Pattern.quote(group));
        try (AdminLagSource source = new AdminLagSource(env.admin(), Duration.ofSeconds(30));
             LagMonitor monitor = new LagMonitor(source, settings, Clock.systemUTC()).start();
             PacedProducer producer = new PacedProducer(env.producerProps(), topic, 6, TICK)) {

            // 1. 60 records/s in, 20 records/s out: WARN, and the lag keeps growing
            long lagAtWarn;
            try (PacedConsumer slow = new PacedConsumer(env.consumerProps(group), topic, 2, TICK)) {
                await().atMost(AT_MOST).until(() -> status(monitor, group) == GroupStatus.WARN);
                lagAtWarn = group(monitor, group).totalLag();
                await().atMost(AT_MOST).until(() -> group(monitor, group).totalLag() > lagAtWarn + 50);
                assertThat(slow.processed()).isPositive();
            }

            // 2. the consumer left: no members, no commits -> STOP after a window, lag still rising in offsets and seconds
            await().atMost(AT_MOST).until(() -> status(monitor, group) == GroupStatus.STOP);
            GroupLag stopped = group(monitor, group);
            assertThat(stopped.members()).isZero();
            await().atMost(AT_MOST).until(() -> {
                GroupLag now = group(monitor, group);
                return now.status() == GroupStatus.STOP && now.totalLag() > stopped.totalLag() + 50
                    && now.maxLagSeconds() > stopped.maxLagSeconds() + 1;
            });

            // 3. a fast consumer in the same group catches up -> OK
            try (PacedConsumer fast = new PacedConsumer(env.consumerProps(group), topic, 500, TICK)) {
                await().atMost(AT_MOST).until(() -> status(monitor, group) == GroupStatus.OK
                    && group(monitor, group).totalLag() < 30);
                assertThat(fast.processed()).isPositive();
            }
        }

        // 4. with the group empty, reset its offsets to the beginning: REWIND
        LagMonitorSettings rewindSettings = settings.withPollInterval(Duration.ofMillis(300)).withWindow(Duration.ofSeconds(30));
        try (AdminLagSource source = new AdminLagSource(env.admin(), Duration.ofSeconds(30));
             LagMonitor monitor = new LagMonitor(source, rewindSettings, Clock.systemUTC()).start()) {
            await().atMost(AT_MOST).until(() -> monitor.latest().group(group).isPresent());
            // the coordinator may still be finishing the last member's leave: retry until the group accepts the reset
            await().atMost(AT_MOST).ignoreExceptions().until(() -> {
                env.admin().alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                    .all().get();
                return true;
            });
            await().atMost(AT_MOST).until(() -> status(monitor, group) == GroupStatus.REWIND);
            GroupLag rewound = group(monitor, group);
            assertThat(rewound.partitions()).singleElement().satisfies(p -> {
                assertThat(p.committed()).isZero();
                assertThat(p.lag()).isEqualTo(p.logEndOffset());
                assertThat(p.status()).isEqualTo(GroupStatus.REWIND);
            });

            // 5. retention (here deleteRecords) removes records the group never read: ERR
            long end = rewound.partitions().get(0).logEndOffset();
            env.admin().deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(end))).all().get();
            await().atMost(AT_MOST).until(() -> status(monitor, group) == GroupStatus.ERR);
            assertThat(group(monitor, group).partitions().get(0).logStartOffset()).isEqualTo(end);
            assertThat(monitor.latest().failing()).isTrue();
        }
    }

    @Test
    void kafkaStreamsAppOnTheStreamsProtocolIsWatchedAndStaysReportedWhenStopped(KafkaEnv env) throws Exception {
        String in = env.randomTopic("streams-in");
        String app = env.randomTopic("streams-app");
        env.createTopics(in, in + "-out");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String())).to(in + "-out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.putAll(env.streamsProps(app));
        props.remove("schema.registry.url");
        props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
        LagMonitorSettings settings = LagMonitorSettings.defaults()
            .withPollInterval(Duration.ofMillis(300)).withWindow(Duration.ofSeconds(3)).withInclude(Pattern.quote(app));
        try (AdminLagSource source = new AdminLagSource(env.admin(), Duration.ofSeconds(30));
             LagMonitor monitor = new LagMonitor(source, settings, Clock.systemUTC()).start()) {
            KafkaStreams streams = new KafkaStreams(builder.build(), props);
            try (PacedProducer producer = new PacedProducer(env.producerProps(), in, 5, TICK)) {
                streams.start();
                await().atMost(AT_MOST).until(() -> monitor.latest().group(app)
                    .filter(g -> g.members() > 0 && !g.partitions().isEmpty() && g.partitions().get(0).committed() > 0).isPresent());
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
            assertThat(env.admin().listGroups(ListGroupsOptions.forStreamsGroups()).all().get())
                .as("the app really is a streams-protocol group").anySatisfy(l -> assertThat(l.groupId()).isEqualTo(app));
            await().atMost(AT_MOST).until(() -> monitor.latest().group(app).filter(g -> g.members() == 0).isPresent());
            assertThat(group(monitor, app).partitions()).singleElement().satisfies(p -> assertThat(p.topic()).isEqualTo(in));
        }
    }

    private static GroupStatus status(LagMonitor monitor, String group) {
        return monitor.latest().group(group).map(GroupLag::status).orElse(null);
    }

    private static GroupLag group(LagMonitor monitor, String group) {
        return monitor.latest().group(group).orElseThrow();
    }
}

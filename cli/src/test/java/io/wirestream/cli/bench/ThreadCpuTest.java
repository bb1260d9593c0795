package io.wirestream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void streamThreadsAreEnrichAndTheirClientThreadsAreEnrichIo() {
        assertThat(ThreadCpu.stageOf("wirestream-enrich-5f1c2e9a-2b7d-4c51-9d3e-0a1b2c3d4e5f-StreamThread-1"))
            .isEqualTo(ThreadCpu.ENRICH_STREAM);
        assertThat(ThreadCpu.stageOf("kafka-producer-network-thread | wirestream-enrich-5f1c2e9a-StreamThread-1-producer"))
            .isEqualTo(ThreadCpu.ENRICH_IO);
        assertThat(ThreadCpu.stageOf("kafka-coordinator-heartbeat-thread | wirestream-enrich")).isEqualTo(ThreadCpu.ENRICH_IO);
    }

    @Test
    void connectTaskAndClientThreadsAreConnect() {
        assertThat(ThreadCpu.stageOf("task-thread-wirestream-jsonl-0")).isEqualTo(ThreadCpu.CONNECT);
        assertThat(ThreadCpu.stageOf("kafka-coordinator-heartbeat-thread | connect-wirestream-jsonl")).isEqualTo(ThreadCpu.CONNECT);
        assertThat(ThreadCpu.stageOf("kafka-producer-network-thread | connector-dlq-producer-wirestream-jsonl-0"))
            .isEqualTo(ThreadCpu.CONNECT);
    }

    @Test
    void publisherBenchAndBrokerThreadsHaveTheirOwnStages() {
        assertThat(ThreadCpu.stageOf("kafka-producer-network-thread | wirestream-ingest")).isEqualTo(ThreadCpu.INGEST_IO);
        assertThat(ThreadCpu.stageOf("main")).isEqualTo(ThreadCpu.BENCH_MAIN);
        assertThat(ThreadCpu.stageOf("wirestream-bench-watcher")).isEqualTo(ThreadCpu.BENCH_WATCHER);
        assertThat(ThreadCpu.stageOf("data-plane-kafka-request-handler-3")).isEqualTo(ThreadCpu.BROKER);
        assertThat(ThreadCpu.stageOf("kafka-1-raft-io-thread")).isEqualTo(ThreadCpu.BROKER);
        assertThat(ThreadCpu.stageOf("qtp1234-56")).isEqualTo(ThreadCpu.REGISTRY_HTTP);
        assertThat(ThreadCpu.stageOf("something-else")).isEqualTo(ThreadCpu.OTHER);
        assertThat(ThreadCpu.stageOf(null)).isEqualTo(ThreadCpu.OTHER);
    }

    @Test
    void cpuSinceASnapshotHasEveryStageAndCountsThisThreadsWork() {
        ThreadCpu before = ThreadCpu.snapshot();
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++) {
            sum += Integer.toString(i).hashCode();
        }
        var seconds = ThreadCpu.snapshot().since(before);

        assertThat(sum).isNotZero();
        assertThat(seconds).containsKeys(ThreadCpu.STAGES.toArray(String[]::new));
        assertThat(seconds.values()).allSatisfy(s -> assertThat(s).isNotNegative());
        assertThat(seconds.values().stream().mapToDouble(Double::doubleValue).sum()).isPositive();
    }
}

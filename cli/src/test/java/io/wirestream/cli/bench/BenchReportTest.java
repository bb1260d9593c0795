package io.wirestream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static BenchResult result(boolean complete) {
        Histogram micros = LatencyHistograms.create();
        for (int i = 1; i <= 100; i++) {
            micros.recordValue(i * 1000L); // 1 .. 100 ms
        }
        return new BenchResult(
            new BenchResult.Setup(200, 0, 3, List.of("jsonl", "postgres"), 8, 1, 2, "17.0.2"),
            2000, 2000, complete ? 2000 : 1500, 9.5, 4.0, 20.0,
            List.of(new BenchResult.Stage("parse (CPU)", 2000, 0.5, true),
                new BenchResult.Stage("published (acked)", 2000, 1.25, true),
                new BenchResult.Stage("enriched (visible)", complete ? 2000 : 1500, 16.0, complete),
                new BenchResult.Stage("sink jsonl (committed)", complete ? 2000 : 0, 20.0, complete)),
            List.of(BenchResult.Latency.ofMicros("send -> enriched visible", micros),
                BenchResult.Latency.ofMicros("send -> acked", new Histogram(3))),
            complete, complete ? null : "after 600 s: only 1500 of 2000 stories visible on the enriched topic");
    }

    @Test
    void tableShowsStagesWithRatesAndLatencyPercentiles() {
        String table = BenchReport.table(result(true));

        assertThat(table).contains("2000 articles (+200 warm-up), rate as fast as possible, 3 partitions, sinks: jsonl, postgres");
        assertThat(table).containsPattern("published \\(acked\\) +2000 +1\\.25 +1600\\n");
        assertThat(table).containsPattern("enriched \\(visible\\) +2000 +16\\.00 +125\\n");
        assertThat(table).containsPattern("sink jsonl \\(committed\\) +2000 +20\\.00 +100\\n");
        assertThat(table).containsPattern("send -> enriched visible +100 +50\\.0 +95\\.0 +99\\.0 +100\\n");
        assertThat(table).containsPattern("send -> acked +0 +0\\.0");
        assertThat(table).contains("startup 9.5 s, warm-up 4.0 s, run 20.0 s; published 2000, enriched 2000 of 2000");
        assertThat(table).doesNotContain("INCOMPLETE");
    }

    @Test
    void tableMarksStagesThatDidNotFinish() {
        String table = BenchReport.table(result(false));

        assertThat(table).containsPattern("enriched \\(visible\\) +1500 .*\\(not finished\\)");
        assertThat(table).contains("INCOMPLETE: after 600 s: only 1500 of 2000 stories visible on the enriched topic");
    }

    @Test
    void jsonCarriesTheSameFigures() throws Exception {
        JsonNode json = new ObjectMapper().readTree(BenchReport.json(result(true)));

        assertThat(json.get("articles").asInt()).isEqualTo(2000);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("setup").get("sinks")).hasSize(2);
        assertThat(json.get("stages").get(1).get("name").asText()).isEqualTo("published (acked)");
        assertThat(json.get("stages").get(1).get("perSecond").asDouble()).isEqualTo(1600.0);
        JsonNode latency = json.get("latencies").get(0);
        assertThat(latency.get("p99Ms").asDouble()).isCloseTo(99.0, within(0.1));
        assertThat(latency.get("maxMs").asDouble()).isCloseTo(100.0, within(0.1));
        assertThat(latency.get("count").asLong()).isEqualTo(100);
    }

    private static BenchResult withCosts() {
        BenchResult r = result(true);
        return new BenchResult(r.setup(), r.articles(), r.published(), r.enriched(), r.startupSeconds(), r.warmupSeconds(),
            r.runSeconds(), r.stages(), r.latencies(), true, null, new BenchResult.Costs(
                new java.util.LinkedHashMap<>(java.util.Map.of("enriched", 1359.0, "total", 9606.0)),
                java.util.Map.of("enriched", java.util.Map.of("zstd", 120L)),
                new java.util.LinkedHashMap<>(java.util.Map.of(ThreadCpu.ENRICH_STREAM, 1.25)),
                List.of(new BenchResult.Ceiling("enriched (visible)", "produce the enriched bytes to 18 topics", 125, 500)),
                8000.0));
    }

    @Test
    void tableShowsEachStageBesideItsCeilingAndTheCostsPerStory() {
        String table = BenchReport.table(withCosts());

        assertThat(table).containsPattern("enriched \\(visible\\) +125 +500 +25% +produce the enriched bytes to 18 topics");
        assertThat(table).containsPattern("enriched +1359 +zstd 120\\n");
        assertThat(table).containsPattern("total +9606 +\\n");
        assertThat(table).containsPattern("ceiling \\(raw \\+ enriched\\) +8000");
        assertThat(table).containsPattern("enrich stream threads +1\\.250\\n");
    }

    @Test
    void jsonCarriesCeilingsBytesCodecsAndCpuPerStory() throws Exception {
        JsonNode json = new ObjectMapper().readTree(BenchReport.json(withCosts()));

        JsonNode ceiling = json.get("ceilings").get(0);
        assertThat(ceiling.get("stage").asText()).isEqualTo("enriched (visible)");
        assertThat(ceiling.get("pipelinePerSecond").asDouble()).isEqualTo(125.0);
        assertThat(ceiling.get("ceilingPerSecond").asDouble()).isEqualTo(500.0);
        assertThat(ceiling.get("ratio").asDouble()).isEqualTo(0.25);
        assertThat(json.get("bytesPerStory").get("total").asDouble()).isEqualTo(9606.0);
        assertThat(json.get("ceilingBytesPerStory").asDouble()).isEqualTo(8000.0);
        assertThat(json.get("batchesByCodec").get("enriched").get("zstd").asLong()).isEqualTo(120);
        assertThat(json.get("cpuMsPerStory").get(ThreadCpu.ENRICH_STREAM).asDouble()).isEqualTo(1.25);
    }

    @Test
    void aRunWithoutCostsHasEmptyCostSections() throws Exception {
        JsonNode json = new ObjectMapper().readTree(BenchReport.json(result(true)));

        assertThat(json.get("ceilings")).isEmpty();
        assertThat(json.get("bytesPerStory")).isEmpty();
        assertThat(BenchReport.table(result(true))).doesNotContain("pipeline vs ceiling").doesNotContain("CPU per story");
    }

    @Test
    void rateIsShownWhenOneWasSet() {
        BenchResult r = result(true);
        BenchResult paced = new BenchResult(new BenchResult.Setup(0, 150, 1, List.of("jsonl"), 8, 1, 2, "17"),
            r.articles(), r.published(), r.enriched(), r.startupSeconds(), r.warmupSeconds(), r.runSeconds(), r.stages(), r.latencies(), true, null);

        assertThat(BenchReport.table(paced)).contains("rate 150/s, 1 partition, sinks: jsonl");
    }

    @Test
    void numbersGetOneDecimalBelowAHundred() {
        assertThat(BenchReport.fmt(0.44)).isEqualTo("0.4");
        assertThat(BenchReport.fmt(99.94)).isEqualTo("99.9");
        assertThat(BenchReport.fmt(1666.67)).isEqualTo("1667");
    }
}

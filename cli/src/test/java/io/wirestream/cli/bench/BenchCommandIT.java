package io.wirestream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirestream.cli.BenchCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code wirestream bench --articles 50 --baseline} end to end on the embedded pipeline: the counts add up in the summary
 * and in the JSON Lines sink's files, and the report carries every cost figure (ceilings, bytes, codecs, CPU). Speed is
 * reported by the command, never asserted here.
 */
class BenchCommandIT {

    @TempDir
    Path data;

    @Test
    void everyBenchmarkStoryIsCountedThroughEveryStageAndTheReportHasEveryFigure() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new BenchCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        int exit = cmd.execute("--articles", "50", "--warmup", "10", "--warmup-max", "6s", "--partitions", "2", "--seeds", "../seeds",
            "--data-dir", data.toString(), "--timeout", "4m", "--baseline", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("published").asInt()).isEqualTo(50);
        assertThat(json.get("enriched").asInt()).isEqualTo(50);
        assertThat(json.get("stages")).extracting(s -> s.get("name").asText())
            .containsExactly("parse (CPU)", "published (acked)", "enriched (visible)", "sink jsonl (committed)");
        assertThat(json.get("stages")).allSatisfy(s -> {
            assertThat(s.get("count").asInt()).isEqualTo(50);
            assertThat(s.get("done").asBoolean()).isTrue();
        });
        assertThat(json.get("latencies").get(1).get("count").asInt()).isEqualTo(50);
        // per story, once the sink's group committed past it
        JsonNode committed = json.get("latencies").get(2);
        assertThat(committed.get("name").asText()).isEqualTo("send -> committed jsonl");
        assertThat(committed.get("count").asInt()).isEqualTo(50);
        // each story is committed after it became visible, so every percentile is at least the visible one
        assertThat(committed.get("p50Ms").asDouble()).isGreaterThanOrEqualTo(json.get("latencies").get(1).get("p50Ms").asDouble());
        assertThat(err.toString()).contains("wirestream bench: sending 50 stories");
        assertThat(json.get("ceilings")).extracting(c -> c.get("stage").asText())
            .containsExactly("published (acked)", "enriched (visible)", "sink jsonl (committed)");
        assertThat(json.get("ceilings")).allSatisfy(c -> {
            assertThat(c.get("ceilingPerSecond").asDouble()).isPositive();
            assertThat(c.get("ratio").asDouble()).isPositive();
        });
        JsonNode bytes = json.get("bytesPerStory");
        for (String group : new String[] {"raw", "enriched", "topic topics", "enrich changelogs", "total"}) {
            assertThat(bytes.get(group)).as(group + " in " + bytes).isNotNull();
            assertThat(bytes.get(group).asDouble()).as(group).isPositive();
        }
        assertThat(json.get("ceilingBytesPerStory").asDouble()).isPositive();
        JsonNode cpu = json.get("cpuMsPerStory");
        assertThat(cpu.get(ThreadCpu.ENRICH_STREAM).asDouble()).isPositive();
        assertThat(cpu.get(ThreadCpu.CONNECT).asDouble()).isPositive();
        assertThat(cpu.get(ThreadCpu.BROKER).asDouble()).isPositive();
        assertThat(cpu.get(ThreadCpu.JIT).asDouble()).isNotNegative();
        // enrich's output is compressed on disk, every data batch (issue 14: some runs wrote it uncompressed)
        JsonNode codecs = json.get("batchesByCodec");
        assertThat(codecs.get("enriched").fieldNames()).toIterable().containsExactly("zstd");
        assertThat(codecs.get("topic topics").fieldNames()).toIterable().containsExactly("zstd");
        // warm-up in rounds of 10 until the JIT was quiet or 6 s passed; the sink holds those stories too
        int warmup = json.get("setup").get("warmup").asInt();
        assertThat(warmup).isPositive().isEqualTo(warmup / 10 * 10);
        assertThat(err.toString()).contains("JIT compilers busy");
        assertThat(jsonLines(data.resolve("out"))).isEqualTo(50 + warmup);
    }

    private static long jsonLines(Path dir) throws IOException {
        long lines = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (Stream<String> l = Files.lines(f)) {
                    lines += l.filter(s -> s.contains("bench-")).count();
                }
            }
        }
        return lines;
    }
}

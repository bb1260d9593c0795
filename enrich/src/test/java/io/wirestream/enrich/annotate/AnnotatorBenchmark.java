package io.wirestream.enrich.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Articles per second through {@link Annotator} alone, on one thread: the seed story (about 3,300 characters), and a
 * mixed corpus (every story of a JSON Lines file, one per operation, round robin; default: the BBC dev articles beside
 * the repository, falling back to the seeds). Run with the command in enrich/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class AnnotatorBenchmark {
    /** JSON Lines {"headline","body"} for the mixed corpus. */
    @Param({"../../shared/eval/bbc.dev.jsonl"})
    public String corpus;

    private Annotator annotator;
    private String seed;
    private final List<String[]> mixed = new ArrayList<>();
    private int next;
    private final LocalDate date = LocalDate.of(2018, 7, 31);

    @Setup
    public void setUp() throws IOException {
        annotator = Annotator.withDefaultTaxonomy();
        Path seedFile = Path.of("../seeds/000_22ebd5df95e2d1f5.txt");
        String text = Files.readString(seedFile, StandardCharsets.UTF_8);
        seed = text.substring(text.indexOf("\n\n") + 2);
        Path c = Path.of(corpus);
        if (Files.isReadable(c)) {
            ObjectMapper mapper = new ObjectMapper();
            try (BufferedReader r = Files.newBufferedReader(c, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    JsonNode n = mapper.readTree(line);
                    mixed.add(new String[] {n.path("headline").asText(""), n.path("body").asText("")});
                }
            }
        } else {
            try (var files = Files.list(Path.of("../seeds"))) {
                for (Path p : files.sorted().toList()) mixed.add(new String[] {"", Files.readString(p, StandardCharsets.UTF_8)});
            }
        }
    }

    /**
     * CPU time per article on one thread (ThreadMXBean), a figure that a loaded machine distorts less than wall-clock
     * throughput: {@code java -cp ... io.wirestream.enrich.annotate.AnnotatorBenchmark [seconds]}.
     */
    public static void main(String[] args) throws IOException {
        AnnotatorBenchmark b = new AnnotatorBenchmark();
        b.corpus = "../../shared/eval/bbc.dev.jsonl";
        b.setUp();
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String name : new String[] {"seedStory", "mixedCorpus"}) {
            boolean seedOnly = name.equals("seedStory");
            long warmEnd = System.nanoTime() + seconds * 300_000_000L;
            while (System.nanoTime() < warmEnd) {
                if (seedOnly) b.seedStory(); else b.mixedCorpus();
            }
            long n = 0, cpu0 = mx.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
            long end = wall0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                if (seedOnly) b.seedStory(); else b.mixedCorpus();
                n++;
            }
            double cpuUs = (mx.getCurrentThreadCpuTime() - cpu0) / 1000.0 / n;
            double wallUs = (System.nanoTime() - wall0) / 1000.0 / n;
            System.out.printf("%-12s %8d articles  %7.1f us CPU/article = %7.0f articles per CPU-second  (wall %7.0f/s)%n",
                    name, n, cpuUs, 1e6 / cpuUs, 1e6 / wallUs);
        }
    }

    @Benchmark
    public Annotation seedStory() {
        return annotator.annotate(null, seed, date);
    }

    @Benchmark
    public Annotation mixedCorpus() {
        String[] s = mixed.get(next);
        next = next + 1 == mixed.size() ? 0 : next + 1;
        return annotator.annotate(s[0], s[1], date);
    }
}

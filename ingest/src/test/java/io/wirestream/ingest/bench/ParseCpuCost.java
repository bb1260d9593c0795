package io.wirestream.ingest.bench;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.WireFormatParser;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Thread CPU time per parsed document for each format: the contention-proof companion of {@link ParseBenchmark} on a
 * shared machine. Run from {@code ingest/} (see README); prints one Markdown table row per format:
 * format, average document bytes, CPU microseconds per document, MB per CPU-second, MB per wall-second.
 */
public final class ParseCpuCost {

    private ParseCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        FormatSniffer sniffer = FormatSniffer.defaults();
        ParseContext ctx = ParseContext.of("bench");
        Path fixtures = Path.of("src/test/resources/fixtures");
        Map<String, List<byte[]>> inputs = new LinkedHashMap<>();
        inputs.put("plain-text", List.of(Files.readAllBytes(Path.of("../seeds/000_22ebd5df95e2d1f5.txt")),
                Files.readAllBytes(fixtures.resolve("plain-text/tokyo-headline-byline.txt"))));
        for (String format : List.of("anpa-1312", "iptc-7901", "nitf", "newsml-g2", "ninjs", "rss", "atom", "newsml-1", "email")) {
            List<byte[]> docs = new ArrayList<>();
            try (Stream<Path> files = Files.list(fixtures.resolve(format))) {
                for (Path p : files.sorted().toList()) {
                    docs.add(Files.readAllBytes(p));
                }
            }
            inputs.put(format, docs);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Map.Entry<String, List<byte[]>> e : inputs.entrySet()) {
            WireFormatParser parser = sniffer.byName(e.getKey()).orElseThrow();
            List<byte[]> docs = e.getValue();
            long bytes = docs.stream().mapToLong(b -> b.length).sum();
            for (int i = 0; i < rounds; i++) {
                for (byte[] b : docs) {
                    parser.parse(b, ctx);
                }
            }
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                for (byte[] b : docs) {
                    parser.parse(b, ctx);
                }
            }
            long dCpu = threads.getCurrentThreadCpuTime() - cpu;
            long dWall = System.nanoTime() - wall;
            System.out.printf("| %s | %d | %.0f | %.1f | %.1f |%n", e.getKey(), bytes / docs.size(),
                    dCpu / 1e3 / rounds / docs.size(), bytes * (double) rounds / (dCpu / 1e9) / 1e6,
                    bytes * (double) rounds / (dWall / 1e9) / 1e6);
        }
    }
}

package io.wirestream.ingest.bench;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.WireFormatParser;
import io.wirestream.schemas.RawArticle;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parse throughput per format over the project's fixtures (the real seed for plain text): one operation parses every
 * fixture of the format once; the {@code bytes} counter gives bytes parsed per second (divide by 10^6 for MB/s).
 * Sniffing is included for the {@code sniffed} variant. Run with the command in ingest/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    private static final Map<String, List<String>> FIXTURES = Map.of(
            "plain-text", List.of("../seeds/000_22ebd5df95e2d1f5.txt", "tokyo-headline-byline.txt"),
            "anpa-1312", List.of("ap-japan-russia.anpa", "ap-japan-russia-1stld.anpa", "ap-japan-russia-kill.anpa"),
            "iptc-7901", List.of("dpa-basic.txt", "dpa-1st-lead.txt", "dpa-kill.txt"),
            "nitf", List.of("ap-japan-russia-doctype.xml", "ap-japan-russia-canceled.xml", "dpa-embargoed-latin1.xml"),
            "newsml-g2", List.of("reuters-newsitem.xml", "newsmessage-itemset.xml"),
            "ninjs", List.of("ninjs1-text.json", "ninjs2-items.json"),
            "rss", List.of("example-world.rss"),
            "atom", List.of("example-world.atom"),
            "newsml-1", List.of("afp-embargoed-xhtml.xml", "afp-kill.xml", "ansa-two-items-nitf.xml", "photo-caption.xml"),
            "email", List.of("html-only-no-message-id.eml", "multipart-cp1252-qp.eml", "plain-utf8-base64.eml"));

    @Param({"plain-text", "anpa-1312", "iptc-7901", "nitf", "newsml-g2", "ninjs", "rss", "atom", "newsml-1", "email"})
    public String format;

    private final FormatSniffer sniffer = FormatSniffer.defaults();
    private final ParseContext ctx = new ParseContext("bench", "wirestream", null, Clock.systemUTC());
    private WireFormatParser parser;
    private List<byte[]> inputs;
    private long bytesPerOp;

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void load() {
        parser = sniffer.byName(format).orElseThrow();
        inputs = new ArrayList<>();
        for (String name : FIXTURES.get(format)) {
            inputs.add(read(name));
        }
        bytesPerOp = inputs.stream().mapToLong(b -> b.length).sum();
    }

    private byte[] read(String name) {
        try {
            if (name.startsWith("../")) {
                return Files.readAllBytes(Path.of(name));
            }
            try (InputStream in = ParseBenchmark.class.getResourceAsStream("/fixtures/" + format + "/" + name)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public void parse(Bytes counter, Blackhole bh) throws ParseException {
        for (byte[] input : inputs) {
            List<RawArticle> articles = parser.parse(input, ctx);
            bh.consume(articles);
        }
        counter.bytes += bytesPerOp;
    }

    @Benchmark
    public void sniffed(Bytes counter, Blackhole bh) throws ParseException {
        for (byte[] input : inputs) {
            bh.consume(sniffer.parse(input, ctx, null));
        }
        counter.bytes += bytesPerOp;
    }
}

package io.wirestream.sink.postgres;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.SpecificAvroSerializer;
import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.article.ArticleDocument;
import io.wirestream.sink.converter.AvroConverter;
import io.wirestream.sink.jsonl.NinjsMapper;
import io.wirestream.sink.testutil.Articles;

/**
 * The per-record CPU work of the Connect sink path, on one thread, without Kafka or a database:
 * {@code convert}: the value's wire bytes to the Connect value ({@link AvroConverter#toConnectData});
 * {@code jsonLine}: the Connect record to the line the JSON Lines sink writes ({@link NinjsMapper#line});
 * {@code postgresRow}: the Connect record to the text parameters of its articles row ({@link PostgresWriter#rowValues},
 * which includes the document JSON). Stories: {@code seed} (the Aegis Ashore test story: 3 entities, 2 topics) and
 * {@code large} (the same with 30 entities of 3 mentions each and 10 topics with evidence, like a long enriched story).
 *
 * <pre>
 * mvn -B -o -q -pl sink test-compile
 * mvn -B -o -q -pl sink dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/sink-cp.txt
 * cd sink &amp;&amp; java -cp "target/test-classes:target/classes:$(cat /tmp/sink-cp.txt)" org.openjdk.jmh.Main SinkPathBenchmark \
 *     -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * # CPU time per operation (ThreadMXBean) instead:
 * java -cp ... io.wirestream.sink.postgres.SinkPathBenchmark 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SinkPathBenchmark {

    private static final String TOPIC = "news.enriched";

    @Param({"seed", "large"})
    public String story;

    private final String scope = "sink-path-benchmark-" + UUID.randomUUID();
    private SpecificAvroSerializer<EnrichedArticle> serializer;
    private AvroConverter converter;
    private byte[] bytes;
    private SinkRecord record;

    @Setup(Level.Trial)
    public void setUp() {
        serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", "mock://" + scope), false);
        converter = new AvroConverter();
        converter.configure(Map.of("schema.registry.url", "mock://" + scope), false);
        EnrichedArticle article = story.equals("large") ? Articles.large("AP/large 1", 2) : Articles.seed("AP/seed 1", 2);
        bytes = serializer.serialize(TOPIC, article);
        SchemaAndValue value = converter.toConnectData(TOPIC, bytes);
        record = new SinkRecord(TOPIC, 0, Schema.STRING_SCHEMA, article.getArticle().getStoryId(), value.schema(), value.value(),
                42L, article.getEnrichedAt().toEpochMilli(), org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        serializer.close();
        converter.close();
        SchemaRegistryClients.dropMockScope(scope);
    }

    @Benchmark
    public Object convert() {
        return converter.toConnectData(TOPIC, bytes).value();
    }

    @Benchmark
    public byte[] jsonLine() {
        return NinjsMapper.line(ArticleChange.of(record));
    }

    @Benchmark
    public String[] postgresRow() {
        ArticleDocument d = ArticleDocument.from(record.value());
        return PostgresWriter.rowValues(d, d.version());
    }

    /** CPU time and bytes allocated per operation on this thread: {@code SinkPathBenchmark [seconds per measurement]}. */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (String story : new String[] {"seed", "large"}) {
            SinkPathBenchmark b = new SinkPathBenchmark();
            b.story = story;
            b.setUp();
            for (String name : new String[] {"convert", "jsonLine", "postgresRow"}) {
                Runnable op = switch (name) {
                    case "convert" -> b::convert;
                    case "jsonLine" -> b::jsonLine;
                    default -> b::postgresRow;
                };
                long warmEnd = System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < warmEnd) {
                    op.run();
                }
                long n = 0;
                long cpu0 = mx.getCurrentThreadCpuTime();
                long alloc0 = mx.getThreadAllocatedBytes(self);
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    op.run();
                    n++;
                }
                double cpuUs = (mx.getCurrentThreadCpuTime() - cpu0) / 1000.0 / n;
                double bytesPerOp = (double) (mx.getThreadAllocatedBytes(self) - alloc0) / n;
                System.out.printf("%-6s %-12s %9d ops  %8.2f us CPU/op  %9.0f B/op%n", story, name, n, cpuUs, bytesPerOp);
            }
            b.tearDown();
        }
        System.out.printf("load average %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}

package io.wirestream.cli.bench;

import io.wirestream.cli.up.LocalPipeline;
import io.wirestream.cli.up.UpSettings;
import io.wirestream.enrich.topology.EnrichTopology;
import io.wirestream.ingest.IngestConfig;
import io.wirestream.ingest.IngestService;
import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.publish.ArticlePublisher;
import io.wirestream.ops.progress.DeliveryProgress;
import io.wirestream.schemas.RawArticle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One end-to-end benchmark: start the whole pipeline in this JVM ({@link LocalPipeline}, random ports), send a warm-up,
 * then ingest {@code articles} synthetic stories through the real ingest path (wire-format sniffer and parser, then
 * {@link ArticlePublisher}: idempotent, acks=all, zstd 1) and follow them through: acknowledged by the broker, visible on
 * news.enriched to a read_committed reader, and committed by every sink's consumer group.
 *
 * <p>Completion is judged from offsets, as {@code wirestream up --once} does: enrich is done when its group has
 * committed past everything on news.raw (or every story was seen), a sink when its group has committed past the last
 * data record on news.enriched. Sink times are polled every 100 ms and the Connect worker commits offsets every second,
 * so they are upper bounds with that granularity.
 */
public final class BenchRun {

    private static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Warm-up is over when the JIT compilers used less than this share of one core over the last window. */
    static final double JIT_QUIET_SHARE = 0.10;
    private static final long JIT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final String SOURCE = "wirestream-bench";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final BenchSettings settings;
    private final Consumer<String> progress;
    private final FormatSniffer sniffer = FormatSniffer.defaults();
    private final Map<String, EnrichedWatcher.Sent> sent = new ConcurrentHashMap<>();
    private final Histogram ackMicros = LatencyHistograms.create();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    /** The round now sent and followed: warm-up rounds, then the measured one, each counted from zero. */
    private volatile int round;
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile long lastAckNanos;
    private long nextProgress;
    private Snapshot before;

    /** Broker logs and thread CPU at the start of the measured run. */
    private record Snapshot(LogBytes logs, ThreadCpu cpu) {
    }

    /** The ceiling's rates and the bytes per story it wrote. */
    private record CeilingFigures(CeilingRun.Ceiling run, double bytesPerStory) {
    }

    /** What following one round of stories found; {@code failure} is null when every stage got every story. */
    private record Round(int acked, int seen, long endNanos, List<BenchResult.Stage> stages,
                         List<BenchResult.Latency> latencies, String failure) {
    }

    public BenchRun(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs the benchmark; the temporary data folder (when no data dir was given) is deleted afterwards. */
    public BenchResult run() throws Exception {
        long begin = System.nanoTime();
        boolean temporary = settings.dataDir() == null;
        Path dataDir = temporary ? Files.createTempDirectory("wirestream-bench-") : settings.dataDir();
        try {
            return run(begin, dataDir);
        } finally {
            if (temporary) {
                deleteTree(dataDir);
            }
        }
    }

    private BenchResult run(long begin, Path dataDir) throws Exception {
        UpSettings up = new UpSettings(dataDir, dataDir.resolve("inbox"), dataDir.resolve("out"), List.of(), 0, 0, 0, 0,
            settings.partitions(), null, settings.postgresUrl(), settings.postgresUser(), settings.postgresPassword(),
            settings.postgresSchema(), settings.timeout());
        List<String> templates = SyntheticCorpus.templates(settings.seedsDir());
        String runTag = UUID.randomUUID().toString().substring(0, 8);
        try (LocalPipeline pipeline = LocalPipeline.start(up, progress)) {
            awaitEnrichRunning(pipeline);
            long running = System.nanoTime();
            try (DeliveryProgress delivery = new DeliveryProgress(pipeline.bootstrapServers());
                 ArticlePublisher publisher = IngestService.newPublisher(new IngestConfig(Map.of(
                     IngestConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
                     IngestConfig.SCHEMA_REGISTRY_URL_CONFIG, pipeline.registryUrl(),
                     IngestConfig.TOPIC_RAW_CONFIG, pipeline.topics().raw())), null);
                 EnrichedWatcher watcher = EnrichedWatcher.start(pipeline.bootstrapServers(), pipeline.topics().enriched(), sent)) {
                List<SyntheticCorpus.Story> stories = new SyntheticCorpus(templates, settings.seed(), runTag).take(settings.articles());
                // the ceiling first: its offline annotation runs enrich's code under other types (a test driver), and
                // the JIT recompiling the pipeline's paths after it cost more CPU in the measured run than the run itself
                CeilingFigures ceiling = settings.baseline() ? baseline(pipeline, stories, dataDir) : null;
                try (SinkCommitLatency sinkLatency = new SinkCommitLatency(delivery, pipeline.sinkGroups())) {
                    // warm-up rounds are followed as the measured round is (see warmUp)
                    watcher.trackLandings(sinkLatency);
                    sinkLatency.start();
                    long warmStart = System.nanoTime();
                    int warmedWith = warmUp(pipeline, publisher, delivery, watcher, sinkLatency,
                        new SyntheticCorpus(templates, ~settings.seed(), runTag + "-w"));
                    BenchResult.Setup setup = new BenchResult.Setup(warmedWith, settings.ratePerSecond(),
                        settings.partitions(), pipeline.sinkGroups().stream().map(BenchRun::sinkName).toList(),
                        templates.size(), settings.seed(), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
                    long warmedUp = System.nanoTime();
                    startRound(watcher, sinkLatency);
                    before = new Snapshot(LogBytes.read(pipeline.kafkaLogDir()), ThreadCpu.snapshot());
                    long t0 = System.nanoTime();
                    progress.accept(String.format(Locale.ROOT, "sending %d stories (%s)", settings.articles(),
                        settings.ratePerSecond() > 0 ? BenchReport.fmt(settings.ratePerSecond()) + "/s" : "as fast as possible"));
                    long parseNanos = ingest(publisher, watcher, stories, t0, false);
                    Round measured = follow(pipeline, delivery, watcher, sinkLatency, stories.size(), t0, parseNanos, false);
                    BenchResult result = new BenchResult(setup, stories.size(), measured.acked(), measured.seen(),
                        seconds(begin, running), seconds(warmStart, warmedUp), seconds(t0, measured.endNanos()),
                        measured.stages(), measured.latencies(), measured.failure() == null, measured.failure());
                    return withCosts(result, pipeline, ceiling);
                }
            }
        }
    }

    /** {@code --baseline}: the raw ceiling on this broker for the same stories' bytes, before the pipeline run. */
    private CeilingFigures baseline(LocalPipeline pipeline, List<SyntheticCorpus.Story> stories, Path dataDir) throws Exception {
        List<RawArticle> articles = stories.stream().map(this::parse).toList();
        LogBytes logs0 = LogBytes.read(pipeline.kafkaLogDir());
        CeilingRun.Ceiling run = CeilingRun.run(pipeline.bootstrapServers(), pipeline.registryUrl(), pipeline.topics(),
            pipeline.enrich().annotator(), articles, settings.partitions(), dataDir, progress);
        long bytes = LogBytes.read(pipeline.kafkaLogDir()).bytesSince(logs0).entrySet().stream()
            .filter(e -> e.getKey().startsWith(CeilingRun.PREFIX)).mapToLong(Map.Entry::getValue).sum();
        CeilingRun.deleteTopics(pipeline.bootstrapServers());
        progress.accept(String.format(Locale.ROOT, "baseline: publish %s/s, enriched copies %s/s, consume %s/s (stories/s)",
            BenchReport.fmt(run.stories() / run.publishSeconds()), BenchReport.fmt(run.stories() / run.enrichedSeconds()),
            BenchReport.fmt(run.stories() / run.consumeSeconds())));
        return new CeilingFigures(run, (double) bytes / run.stories());
    }

    /** Adds bytes and CPU per story, and the ceiling beside each stage, to a finished run. */
    private BenchResult withCosts(BenchResult r, LocalPipeline pipeline, CeilingFigures ceiling) {
        ThreadCpu cpuAfter = ThreadCpu.snapshot();
        LogBytes logsAfter = LogBytes.read(pipeline.kafkaLogDir());
        int n = Math.max(1, r.articles());
        Map<String, Double> bytes = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> topic : logsAfter.bytesSince(before.logs()).entrySet()) {
            String group = LogBytes.groupOf(pipeline.topics(), topic.getKey());
            if (!group.equals(LogBytes.CEILING)) {
                bytes.merge(group, (double) topic.getValue() / n, Double::sum);
                total += topic.getValue();
            }
        }
        bytes.put("total", (double) total / n);
        Map<String, Map<String, Long>> codecs = new TreeMap<>();
        logsAfter.topics().forEach((topic, log) -> {
            String group = LogBytes.groupOf(pipeline.topics(), topic);
            if (!group.equals(LogBytes.CEILING)) {
                log.batchesByCodec().forEach((codec, count) ->
                    codecs.computeIfAbsent(group, g -> new TreeMap<>()).merge(codec, count, Long::sum));
            }
        });
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuAfter.since(before.cpu()).forEach((stage, seconds) -> cpu.put(stage, seconds * 1000 / n));
        List<BenchResult.Ceiling> ceilings = new ArrayList<>();
        if (ceiling != null) {
            CeilingRun.Ceiling c = ceiling.run();
            for (BenchResult.Stage stage : r.stages()) {
                if (stage.name().startsWith("published")) {
                    ceilings.add(new BenchResult.Ceiling(stage.name(), "produce the raw bytes", stage.perSecond(),
                        c.stories() / c.publishSeconds()));
                } else if (stage.name().startsWith("enriched")) {
                    ceilings.add(new BenchResult.Ceiling(stage.name(), "produce the enriched bytes to " + c.topicsWritten() + " topics",
                        stage.perSecond(), c.stories() / c.enrichedSeconds()));
                } else if (stage.name().startsWith("sink")) {
                    ceilings.add(new BenchResult.Ceiling(stage.name(), "consume the enriched topic", stage.perSecond(),
                        c.stories() / c.consumeSeconds()));
                }
            }
        }
        return new BenchResult(r.setup(), r.articles(), r.published(), r.enriched(), r.startupSeconds(), r.warmupSeconds(),
            r.runSeconds(), r.stages(), r.latencies(), r.complete(), r.failure(),
            new BenchResult.Costs(bytes, codecs, cpu, ceilings, ceiling == null ? 0 : ceiling.bytesPerStory()));
    }

    private void awaitEnrichRunning(LocalPipeline pipeline) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (pipeline.enrich().state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = pipeline.enrich().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the enrich app stopped while starting (" + state + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the enrich app is still " + state + " after " + START_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(CHECK_EVERY_NANOS); // polling the Streams state; it has no listener once started
        }
    }

    /**
     * Warm-up rounds of {@code --warmup} stories, each sent at the run's rate and followed exactly as the measured run is
     * (acks, the enriched topic, every sink's committed offsets, the sampler of the sinks' latency), its figures thrown
     * away, until the JIT compilers were quiet over the last {@link #JIT_WINDOW_NANOS} (under {@link #JIT_QUIET_SHARE}
     * of a core) or {@code --warmup-max} has passed. One JVM holds the broker, Connect and enrich: its JIT compiles for
     * minutes after start, and code first run in the measured run (as the benchmark's own following was, when the
     * warm-up only waited for the enriched topic) is compiled during it. Returns the stories sent.
     */
    private int warmUp(LocalPipeline pipeline, ArticlePublisher publisher, DeliveryProgress delivery, EnrichedWatcher watcher,
                       SinkCommitLatency sinkLatency, SyntheticCorpus corpus) throws Exception {
        if (settings.warmup() == 0) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + settings.warmupMax().toNanos();
        long windowStart = start;
        long jitAtWindow = ThreadCpu.jitMillis();
        int total = 0;
        while (true) {
            progress.accept("warming up with " + settings.warmup() + " stories" + (total == 0 ? "" : " more"));
            List<SyntheticCorpus.Story> stories = corpus.take(settings.warmup());
            startRound(watcher, sinkLatency);
            long t0 = System.nanoTime();
            Round warm = follow(pipeline, delivery, watcher, sinkLatency, stories.size(), t0,
                ingest(publisher, watcher, stories, t0, true), true);
            if (warm.failure() != null) {
                throw new IllegalStateException("the warm-up failed: " + warm.failure());
            }
            total += stories.size();
            long now = System.nanoTime();
            if (now >= deadline || jitAtWindow < 0) {
                if (!settings.warmupMax().isZero()) {
                    progress.accept(String.format(Locale.ROOT, "warm-up ends after %d stories, %.0f s (--warmup-max)",
                        total, (now - start) / 1e9));
                }
                return total;
            }
            if (now - windowStart >= JIT_WINDOW_NANOS) {
                double jitShare = (ThreadCpu.jitMillis() - jitAtWindow) * 1e6 / (now - windowStart);
                progress.accept(String.format(Locale.ROOT, "warm-up: %d stories, JIT compilers busy %.0f %% of a core "
                    + "over the last %.0f s", total, 100 * jitShare, (now - windowStart) / 1e9));
                if (jitShare < JIT_QUIET_SHARE) {
                    return total;
                }
                windowStart = now;
                jitAtWindow = ThreadCpu.jitMillis();
            }
        }
    }

    /**
     * Counts the next round from zero: acks, stories seen on the enriched topic, latencies. The last round's stories
     * were all seen, so their send times are dropped: with rounds of up to 5,000 stories, a warm-up kept some 100,000.
     */
    private void startRound(EnrichedWatcher watcher, SinkCommitLatency sinkLatency) {
        sent.clear();
        round++;
        acked.set(0);
        failed.set(0);
        synchronized (ackMicros) {
            ackMicros.reset();
        }
        lastAckNanos = 0;
        watcher.startRound(round);
        sinkLatency.reset();
    }

    /** At a set rate, waits until story {@code i} of a burst that began at {@code t0} is due. */
    private void pace(long t0, int i) {
        double rate = settings.ratePerSecond();
        if (rate > 0) {
            long wait = t0 + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing the sends, not waiting for a condition
            }
        }
    }

    /** Parses and publishes every story, paced to the rate if one is set; returns the CPU time spent in the parser. */
    private long ingest(ArticlePublisher publisher, EnrichedWatcher watcher, List<SyntheticCorpus.Story> stories, long t0,
                        boolean warmUp) {
        long parseNanos = 0;
        nextProgress = t0 + PROGRESS_EVERY_NANOS;
        for (int i = 0; i < stories.size(); i++) {
            long p0 = cpuNanos();
            RawArticle article = parse(stories.get(i));
            parseNanos += cpuNanos() - p0;
            pace(t0, i);
            send(publisher, article);
            long now = System.nanoTime();
            if (!warmUp && now >= nextProgress) {
                progress.accept(String.format(Locale.ROOT, "sent %d/%d, acked %d, enriched %d",
                    i + 1, stories.size(), acked.get(), watcher.roundSeen()));
                nextProgress = now + PROGRESS_EVERY_NANOS;
            }
        }
        publisher.flush();
        return parseNanos;
    }

    /** CPU time of this thread where the JVM measures it (so a loaded machine does not inflate it), else wall time. */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private RawArticle parse(SyntheticCorpus.Story story) {
        try {
            List<RawArticle> articles = sniffer.parse(story.bytes(), story.context(SOURCE), null).articles();
            if (articles.size() != 1) {
                throw new IllegalStateException(story.name() + " parsed into " + articles.size() + " articles, expected 1");
            }
            return articles.get(0);
        } catch (ParseException e) {
            throw new IllegalStateException("synthetic story " + story.name() + " does not parse: " + e.getMessage(), e);
        }
    }

    private void send(ArticlePublisher publisher, RawArticle article) {
        long sentAt = System.nanoTime();
        int ofRound = round;
        sent.put(article.getStoryId(), new EnrichedWatcher.Sent(sentAt, ofRound));
        publisher.publish(article).whenComplete((metadata, error) -> {
            if (error != null) {
                firstError.compareAndSet(null, error);
            }
            if (ofRound != round) {
                return; // a round is followed until every story is acked, so this does not happen; if it did, not counted
            }
            if (error != null) {
                failed.incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            synchronized (ackMicros) {
                LatencyHistograms.recordSince(ackMicros, sentAt, now);
            }
            lastAckNanos = now;
            acked.incrementAndGet();
        });
    }

    /**
     * Follows the round's {@code n} stories through enrich and the sinks until every stage is done or the timeout
     * passes. A warm-up round prints no progress, and its enrich stage is done only once every story was seen on the
     * enriched topic, not by the offsets as well: a transaction's committed offsets can be read before its markers
     * reach the topics it wrote (the coordinator writes them partition by partition), so the offsets said "through"
     * with stories of a round of ten still to become visible (in 2 of 5 runs of ten-story rounds under load).
     */
    private Round follow(LocalPipeline pipeline, DeliveryProgress offsets, EnrichedWatcher watcher,
                         SinkCommitLatency sinkLatency, int n, long t0, long parseNanos, boolean warmUp) throws Exception {
        long deadline = t0 + settings.timeout().toNanos();
        Map<TopicPartition, Long> rawEnds = null;
        Map<TopicPartition, Long> enrichedEnds = null;
        Map<TopicPartition, Long> stagedEnds = null;
        Map<TopicPartition, Long> sinkTargets = null;
        long ackedAt = 0;
        long enrichedAt = 0;
        Map<String, Long> sinkDoneAt = new LinkedHashMap<>();
        Map<String, Long> sinkBehind = new LinkedHashMap<>();
        pipeline.sinkGroups().forEach(g -> sinkDoneAt.put(g, 0L));
        String failure = null;
        long now;
        while (true) {
            now = System.nanoTime();
            if (ackedAt == 0 && acked.get() + failed.get() == n) {
                ackedAt = acked.get() == 0 ? now : lastAckNanos;
                rawEnds = offsets.committedEnds(pipeline.topics().raw());
            }
            if (enrichedAt == 0 && watcher.roundSeen() == acked.get() && ackedAt != 0) {
                enrichedAt = Math.max(watcher.lastRoundNanos(), t0);
                sinkTargets = watcher.dataEnds();
            } else if (enrichedAt == 0 && rawEnds != null && !warmUp) {
                if (enrichedEnds == null && offsets.behind(LocalPipeline.ENRICH_APPLICATION_ID, rawEnds) == 0) {
                    // stage 1 is through news.raw; the cluster stage then reads the repartition topic it wrote
                    if (stagedEnds == null) {
                        stagedEnds = offsets.committedEnds(EnrichTopology.clusterRepartitionTopic(LocalPipeline.ENRICH_APPLICATION_ID));
                    }
                    if (offsets.behind(LocalPipeline.ENRICH_APPLICATION_ID, stagedEnds) == 0) {
                        enrichedEnds = offsets.committedEnds(pipeline.topics().enriched());
                    }
                }
                if (enrichedEnds != null && watcher.reached(enrichedEnds)) {
                    enrichedAt = now;
                    sinkTargets = watcher.dataEnds();
                }
            }
            if (sinkTargets != null) {
                for (Map.Entry<String, Long> sink : sinkDoneAt.entrySet()) {
                    if (sink.getValue() == 0) {
                        long left = offsets.behind(sink.getKey(), sinkTargets);
                        sinkBehind.put(sink.getKey(), left);
                        if (left == 0) {
                            sink.setValue(System.nanoTime());
                        }
                    }
                }
            }
            if (sinkTargets != null && sinkDoneAt.values().stream().allMatch(t -> t != 0)) {
                now = sinkDoneAt.values().stream().max(Long::compare).orElse(now);
                break;
            }
            if (watcher.failure() != null) {
                failure = "reading news.enriched failed: " + watcher.failure().getMessage();
                break;
            }
            if (now > deadline) {
                failure = describeTimeout(n, ackedAt, enrichedAt, watcher, sinkBehind);
                break;
            }
            if (!warmUp && now >= nextProgress) {
                progress.accept(progressLine(n, watcher, sinkTargets, sinkBehind));
                nextProgress = now + PROGRESS_EVERY_NANOS;
            }
            LockSupport.parkNanos(CHECK_EVERY_NANOS); // committed offsets live on the broker; there is nothing to await on
        }
        if (failure == null && failed.get() > 0) {
            failure = failed.get() + " stories were not acknowledged by the broker: " + firstError.get();
        }
        if (failure == null && watcher.roundSeen() < acked.get()) {
            failure = (acked.get() - watcher.roundSeen()) + " acknowledged stories never appeared on "
                + pipeline.topics().enriched() + " (look in " + pipeline.topics().dlq() + ")";
        }

        List<BenchResult.Stage> stages = new ArrayList<>();
        stages.add(new BenchResult.Stage("parse (CPU)", n, parseNanos / 1e9, true));
        stages.add(new BenchResult.Stage("published (acked)", acked.get(), seconds(t0, ackedAt == 0 ? now : ackedAt), ackedAt != 0));
        stages.add(new BenchResult.Stage("enriched (visible)", watcher.roundSeen(),
            seconds(t0, enrichedAt == 0 ? now : enrichedAt), enrichedAt != 0));
        for (Map.Entry<String, Long> sink : sinkDoneAt.entrySet()) {
            boolean done = sink.getValue() != 0;
            stages.add(new BenchResult.Stage("sink " + sinkName(sink.getKey()) + " (committed)",
                done ? watcher.roundSeen() : 0, seconds(t0, done ? sink.getValue() : now), done));
        }
        Histogram ack;
        synchronized (ackMicros) {
            ack = ackMicros.copy();
        }
        List<BenchResult.Latency> latencies = new ArrayList<>(List.of(
            BenchResult.Latency.ofMicros("send -> acked", ack),
            BenchResult.Latency.ofMicros("send -> enriched visible", watcher.latencyMicros())));
        sinkLatency.sample(); // the commits since the sampler's last look
        for (String group : pipeline.sinkGroups()) {
            latencies.add(BenchResult.Latency.ofMicros("send -> committed " + sinkName(group), sinkLatency.micros(group)));
        }
        return new Round(acked.get(), watcher.roundSeen(), now, stages, latencies, failure);
    }

    private String progressLine(int n, EnrichedWatcher watcher, Map<TopicPartition, Long> sinkTargets, Map<String, Long> sinkBehind) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "acked %d/%d, enriched %d", acked.get(), n,
            watcher.roundSeen()));
        if (sinkTargets != null) {
            sinkBehind.forEach((group, left) -> line.append(", sink ").append(sinkName(group)).append(' ')
                .append(left == 0 ? "done" : left + " to go"));
        }
        return line.toString();
    }

    private String describeTimeout(int n, long ackedAt, long enrichedAt, EnrichedWatcher watcher, Map<String, Long> sinkBehind) {
        String after = "after " + settings.timeout().toSeconds() + " s: ";
        if (ackedAt == 0) {
            return after + "only " + acked.get() + " of " + n + " stories acknowledged by the broker";
        }
        if (enrichedAt == 0) {
            return after + "only " + watcher.roundSeen() + " of " + acked.get() + " stories visible on the enriched topic";
        }
        StringBuilder behind = new StringBuilder(after + "the sinks did not catch up:");
        sinkBehind.forEach((group, left) -> {
            if (left != 0) {
                behind.append(' ').append(sinkName(group)).append(" is ").append(left).append(" records behind;");
            }
        });
        return behind.toString();
    }

    static String sinkName(String group) {
        return group.replaceFirst("^connect-", "").replaceFirst("^wirestream-", "");
    }

    private static double seconds(long fromNanos, long toNanos) {
        return Math.max(0, toNanos - fromNanos) / 1e9;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp folder left behind is no reason to fail the run
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}

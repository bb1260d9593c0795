package io.wirestream.cli.up;

import io.wirestream.cli.StoryFormatter;
import io.wirestream.ingest.source.Ingestor;
import io.wirestream.enrich.topology.EnrichTopology;
import io.wirestream.ops.progress.DeliveryProgress;
import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;

/**
 * One run of {@code wirestream up}: start the pipeline, ingest the given paths, wait until every story is in every
 * sink, show what came out and where everything is; then either exit ({@code --once}) or watch the inbox until
 * Ctrl-C and shut down cleanly.
 */
public final class PipelineRun {

    private final UpSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;

    public PipelineRun(UpSettings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    public int run(boolean once) throws Exception {
        Instant started = Instant.now();
        LocalPipeline pipeline = LocalPipeline.start(settings, this::progress);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            progress("shutting down (committing offsets, closing the broker cleanly)");
            pipeline.close();
            stopped.countDown();
        }, "wirestream-up-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        boolean hookOwnsShutdown = false;
        try (DeliveryProgress delivery = new DeliveryProgress(pipeline.bootstrapServers())) {
            LocalIngest ingest = pipeline.own(new LocalIngest(pipeline.bootstrapServers(), pipeline.registryUrl(), pipeline.registryClientProps(),
                pipeline.topics().raw()));
            int httpPort = ingest.serveHttp(settings.httpPort());
            progress(String.format(Locale.ROOT, "pipeline up in %.1f s", Duration.between(started, Instant.now()).toMillis() / 1000.0));

            progress("ingesting " + settings.inputs());
            List<Ingestor.Outcome> outcomes = ingest.ingest(settings.inputs(), System.in);
            reportIngest(outcomes);

            Instant deadline = Instant.now().plus(settings.timeout());
            progress("enriching");
            delivery.awaitCaughtUp(LocalPipeline.ENRICH_APPLICATION_ID, delivery.committedEnds(pipeline.topics().raw()), deadline,
                this::progress, () -> null);
            // then its cluster stage, which reads what the first stage wrote to the repartition topic
            delivery.awaitCaughtUp(LocalPipeline.ENRICH_APPLICATION_ID, delivery.committedEnds(
                EnrichTopology.clusterRepartitionTopic(LocalPipeline.ENRICH_APPLICATION_ID)), deadline, this::progress, () -> null);
            delivery.awaitNoOpenTransactions(pipeline.topics().enriched(), deadline);
            Map<TopicPartition, Long> enrichedEnds = delivery.committedEnds(pipeline.topics().enriched());
            EnrichedLog enriched = EnrichedLog.read(pipeline.bootstrapServers(), pipeline.serdeConfig(), pipeline.topics().enriched());
            for (String group : pipeline.sinkGroups()) {
                progress("waiting for sink " + group.replaceFirst("^connect-", ""));
                delivery.awaitCaughtUp(group, enrichedEnds, deadline, this::progress, pipeline::sinkFailure);
            }
            reportStories(storyIds(outcomes), enriched.latest(), embargoes(outcomes));
            reportWhere(pipeline, httpPort, once);

            if (once) {
                progress("every story reached every sink; stopping");
                return outcomes.stream().anyMatch(o -> !o.accepted()) ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
            }
            ingest.watch(settings.inbox());
            pipeline.own(StoryFollower.start(pipeline.bootstrapServers(), pipeline.serdeConfig(), pipeline.topics().enriched(),
                enriched.dataEnds(), story -> { out.print(StoryFormatter.format(story)); out.flush(); }));
            progress("watching " + settings.inbox().toAbsolutePath() + " for new wire copy (Ctrl-C to stop)");
            hookOwnsShutdown = true;
            stopped.await();
            return CommandLine.ExitCode.OK;
        } catch (TimeoutException e) {
            err.println("wirestream up: " + e.getMessage() + " after " + Duration.between(started, Instant.now()).toSeconds()
                + " s (--timeout " + settings.timeout().toSeconds() + " s); see the dashboard or logs");
            return CommandLine.ExitCode.SOFTWARE;
        } finally {
            if (!hookOwnsShutdown) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdown);
                    pipeline.close();
                } catch (IllegalStateException alreadyShuttingDown) {
                    stopped.await();
                }
            }
        }
    }

    private void progress(String line) {
        err.println("wirestream: " + line);
        err.flush();
    }

    private static Set<String> storyIds(List<Ingestor.Outcome> outcomes) {
        Set<String> ids = new LinkedHashSet<>();
        outcomes.stream().filter(Ingestor.Outcome::accepted)
            .forEach(o -> o.articles().stream().map(RawArticle::getStoryId).forEach(ids::add));
        return ids;
    }

    private void reportIngest(List<Ingestor.Outcome> outcomes) {
        long accepted = outcomes.stream().filter(Ingestor.Outcome::accepted).count();
        long stories = outcomes.stream().filter(Ingestor.Outcome::accepted).mapToLong(o -> o.articles().size()).sum();
        progress(String.format(Locale.ROOT, "ingested %d file(s), %d stor%s; %d rejected", accepted, stories,
            stories == 1 ? "y" : "ies", outcomes.size() - accepted));
        outcomes.stream().filter(o -> !o.accepted()).forEach(o -> err.println("  rejected " + o.input() + ": "
            + (o.error() == null ? "unknown error" : o.error().getMessage())));
    }

    /** Embargo times still ahead, by story id: enrich holds those stories until then. */
    private static Map<String, Instant> embargoes(List<Ingestor.Outcome> outcomes) {
        Map<String, Instant> held = new java.util.HashMap<>();
        outcomes.stream().filter(Ingestor.Outcome::accepted).flatMap(o -> o.articles().stream())
            .filter(a -> a.getEmbargoed() != null && a.getEmbargoed().isAfter(Instant.now()))
            .forEach(a -> held.put(a.getStoryId(), a.getEmbargoed()));
        return held;
    }

    private void reportStories(Set<String> ids, Map<String, EnrichedArticle> latest, Map<String, Instant> embargoes) {
        out.println();
        for (String id : ids) {
            EnrichedArticle story = latest.get(id);
            out.print(story == null && embargoes.containsKey(id) ? id + ": embargoed until " + embargoes.get(id) + " (held by enrich)\n"
                : story == null ? id + ": not on the enriched topic (withdrawn or deduplicated away)\n" : StoryFormatter.format(story));
            out.println();
        }
        out.flush();
    }

    /** Where everything is; with --once only what stays after the exit (the endpoints are about to close). */
    private void reportWhere(LocalPipeline pipeline, int httpPort, boolean once) {
        String format = "  %-16s %s%n";
        if (once) {
            out.println("Wirestream processed the copy; the output stays in:");
        } else {
            out.println("Wirestream is up:");
            out.printf(Locale.ROOT, format, "Kafka broker", pipeline.bootstrapServers());
            out.printf(Locale.ROOT, format, "schema registry", pipeline.registryUrl());
            out.printf(Locale.ROOT, format, "dashboard", pipeline.dashboardUrl());
            out.printf(Locale.ROOT, format, "desk", pipeline.deskUrl());
            out.printf(Locale.ROOT, format, "HTTP ingest", "POST http://127.0.0.1:" + httpPort + "/articles");
            out.printf(Locale.ROOT, format, "Kafka Connect", pipeline.connectUrl());
        }
        out.printf(Locale.ROOT, format, "JSON Lines out", settings.outDir().toAbsolutePath());
        if (settings.postgresUrl() != null) {
            out.printf(Locale.ROOT, format, "PostgreSQL", settings.postgresUrl());
        }
        if (!once) {
            out.printf(Locale.ROOT, format, "hot folder", settings.inbox().toAbsolutePath());
        }
        out.printf(Locale.ROOT, format, "data", settings.dataDir().toAbsolutePath());
        out.println();
        out.flush();
    }
}

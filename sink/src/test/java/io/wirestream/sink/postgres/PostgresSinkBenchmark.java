package io.wirestream.sink.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.sink.SinkRecord;

import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.article.ArticleDocument;
import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.ConnectRecords;
import io.wirestream.sink.testutil.Postgres;

/**
 * Throughput of the PostgreSQL sink's write path (records as Connect hands them to put(), in batches of 500 like a
 * consumer poll: mapping, version-guarded upsert, child-row replacement, one transaction per batch) against the
 * ceiling: a plain JDBC batch INSERT of the same rows into the same tables (values prepared up front, no upsert,
 * reWriteBatchedInserts, one commit per batch). Rows = articles + entity rows + topic rows.
 *
 * <pre>mvn -B -o -q -pl sink exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.wirestream.sink.postgres.PostgresSinkBenchmark -Dexec.args="20000 3"</pre>
 */
public final class PostgresSinkBenchmark {

    private static final int BATCH = 500;

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<SinkRecord> records = new ArrayList<>(stories);
        try (ConnectRecords connect = new ConnectRecords("news.enriched")) {
            for (int i = 0; i < stories; i++) {
                records.add(connect.record(Articles.plain(String.format("bench-%07d", i), 1, "story number " + i), i));
            }
        }
        List<ArticleDocument> docs = records.stream().map(r -> ArticleDocument.from(r.value())).toList();
        long rows = docs.stream().mapToLong(d -> 1L + d.entities().size() + d.topics().size()).sum();
        System.out.printf("%d stories, %d rows (articles + entities + topics), batches of %d, %d rounds, median reported%n",
                stories, rows, BATCH, rounds);

        try (Postgres pg = Postgres.withRandomSchema("bench")) {
            PostgresSinkConfig config = new PostgresSinkConfig(Map.of(
                    "connection.url", Postgres.URL, "connection.user", Postgres.USER, "schema", pg.schema()));
            List<Double> sinkInserts = new ArrayList<>();
            List<Double> sinkReplays = new ArrayList<>();
            List<Double> ceilings = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> replayRatios = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) { // round 0 warms up
                pg.execute("DROP SCHEMA IF EXISTS " + pg.schema() + " CASCADE");
                double insert;
                double replay;
                try (PostgresWriter writer = new PostgresWriter(config)) {
                    writer.open();
                    insert = rowsPerSecond(rows, () -> sink(writer, records));
                    replay = rowsPerSecond(rows, () -> sink(writer, records));
                }
                pg.execute("TRUNCATE " + pg.schema() + ".articles CASCADE");
                double plain = rowsPerSecond(rows, () -> plainInsert(pg.schema(), docs));
                if (round > 0) {
                    sinkInserts.add(insert);
                    sinkReplays.add(replay);
                    ceilings.add(plain);
                    ratios.add(insert / plain);
                    replayRatios.add(replay / plain);
                }
                System.out.printf("round %d: sink %.0f rows/s, sink re-delivery %.0f rows/s, plain JDBC batch %.0f rows/s%n",
                        round, insert, replay, plain);
            }
            double sinkInsert = median(sinkInserts);
            double sinkReplay = median(sinkReplays);
            double ceiling = median(ceilings);
            System.out.printf("%nmedians of %d rounds; the ratio is the median of the per-round ratios (sink and ceiling run"
                    + " back to back); load average %.1f on %d cores; sink/ceiling per round: %s%n", rounds,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(),
                    ratios.stream().map(r -> String.format("%.2f", r)).toList());
            System.out.printf("RESULT sink (new stories)    %,10.0f rows/s  %,8.0f stories/s  %.2f of the ceiling%n",
                    sinkInsert, sinkInsert * stories / rows, median(ratios));
            System.out.printf("RESULT sink (re-delivery)    %,10.0f rows/s  %,8.0f stories/s  %.2f of the ceiling%n",
                    sinkReplay, sinkReplay * stories / rows, median(replayRatios));
            System.out.printf("RESULT plain JDBC batch      %,10.0f rows/s  %,8.0f stories/s  (ceiling)%n", ceiling, ceiling * stories / rows);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double rowsPerSecond(long rows, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static void sink(PostgresWriter writer, List<SinkRecord> records) throws Exception {
        for (int i = 0; i < records.size(); i += BATCH) {
            List<ArticleChange> changes = records.subList(i, Math.min(records.size(), i + BATCH)).stream().map(ArticleChange::of).toList();
            if (!writer.write(changes).isEmpty()) {
                throw new IllegalStateException("rows refused");
            }
        }
    }

    /** The ceiling: the same rows, values prepared before the clock starts, plain batched INSERTs. */
    private static void plainInsert(String schema, List<ArticleDocument> docs) throws Exception {
        List<Object[]> articles = new ArrayList<>();
        List<Object[]> entities = new ArrayList<>();
        List<Object[]> topics = new ArrayList<>();
        for (ArticleDocument d : docs) {
            articles.add(new Object[] {d.storyId(), d.version(), "usable", d.pubStatus(), d.source(), d.format(), d.language(),
                d.urgency(), d.headline(), d.slugline(), d.byline(), d.dateline(), d.body(), Timestamp.from(d.received()),
                Timestamp.from(d.versionCreated()), Timestamp.from(d.enrichedAt()), d.taxonomyVersion(), d.documentJson()});
            for (ArticleDocument.EntityTag e : d.entities()) {
                entities.add(new Object[] {d.storyId(), e.id(), e.name(), e.type(), e.roles().toArray(String[]::new), e.linkedTo(), e.salience(), e.mentionCount()});
            }
            for (ArticleDocument.TopicTag t : d.topics()) {
                topics.add(new Object[] {d.storyId(), t.code(), t.label(), t.iptc(), t.score()});
            }
        }
        Properties props = new Properties();
        props.setProperty("user", Postgres.USER);
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(Postgres.URL, props)) {
            c.setAutoCommit(false);
            try (PreparedStatement a = c.prepareStatement("INSERT INTO " + schema + ".articles (story_id, version, status, pub_status, source, format,"
                    + " language, urgency, headline, slugline, byline, dateline, body, received, version_created, enriched_at, taxonomy_version,"
                    + " document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)");
                 PreparedStatement e = c.prepareStatement("INSERT INTO " + schema + ".article_entities (story_id, entity_id, name, type, roles,"
                    + " linked_to, salience, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement t = c.prepareStatement("INSERT INTO " + schema + ".article_topics (story_id, code, label, iptc, score)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                int perStoryEntities = entities.size() / docs.size();
                int perStoryTopics = topics.size() / docs.size();
                for (int i = 0; i < docs.size(); i += BATCH) {
                    int end = Math.min(docs.size(), i + BATCH);
                    add(a, articles.subList(i, end), c);
                    add(e, entities.subList(i * perStoryEntities, end * perStoryEntities), c);
                    add(t, topics.subList(i * perStoryTopics, end * perStoryTopics), c);
                    a.executeBatch();
                    e.executeBatch();
                    t.executeBatch();
                    c.commit();
                }
            }
        }
    }

    private static void add(PreparedStatement ps, List<Object[]> rows, Connection c) throws Exception {
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            ps.addBatch();
        }
    }

}

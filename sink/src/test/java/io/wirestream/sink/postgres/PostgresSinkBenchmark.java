package io.wirestream.sink.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.connect.sink.SinkRecord;

import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.article.ArticleDocument;
import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.ConnectRecords;
import io.wirestream.sink.testutil.Postgres;
import io.wirestream.sink.testutil.PostgresCpu;
import io.wirestream.sink.testutil.SeedSizedArticles;

/**
 * Throughput of the PostgreSQL sink's write path (records as Connect hands them to put(), in batches of 500 like a
 * consumer poll: mapping, version-guarded upsert, child-row replacement, one transaction per batch), for new stories,
 * the same records again (a re-delivery) and version 2 of every story, against the
 * ceiling: a plain JDBC batch INSERT of the same rows into the same tables (values prepared up front, no upsert,
 * reWriteBatchedInserts, one commit per batch), and what each costs PostgreSQL: the CPU of all {@code postgres}
 * processes (from /proc, the server being local) and of the writing backend alone, and the WAL written, per story.
 * Each phase ends with the GIN index's pending list merged and a CHECKPOINT, inside the CPU window, so the index work
 * it deferred and the write-out of the pages it dirtied are counted in it.
 *
 * <p>Arguments: stories, rounds, and the story shape: {@code seed} (default; {@link SeedSizedArticles}, about 10 KB
 * of document JSON, 13 entities and 4 topics, like the pipeline bench's enriched stories) or {@code plain}
 * ({@link Articles#plain}, 1.9 KB, 3 entities, 2 topics). {@code -Dbench.sql="stmt; stmt"} runs statements after the
 * tables are created ({schema} is replaced by the schema), to measure a variant of the tables; {@code -Dbench.batch}
 * sets the records per put() (500).
 *
 * <pre>java -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.wirestream.schemas -cp ... \
 *     io.wirestream.sink.postgres.PostgresSinkBenchmark 10000 3 seed</pre>
 */
public final class PostgresSinkBenchmark {

    /** Records per put(): a full consumer poll by default; -Dbench.batch=50 for the small puts of a trickle. */
    private static final int BATCH = Integer.getInteger("bench.batch", 500);

    /** One timed phase: seconds, CPU of all postgres processes and of the writing backend (ms), WAL bytes. */
    private record Phase(double seconds, double serverMs, double backendMs, long walBytes) {
    }

    public static void main(String[] args) throws Exception {
        int stories = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String shape = args.length > 2 ? args[2] : "seed";
        String variantSql = System.getProperty("bench.sql", "");
        List<SinkRecord> records = new ArrayList<>(stories);
        List<SinkRecord> updates = new ArrayList<>(stories); // version 2 of every story
        try (ConnectRecords connect = new ConnectRecords("news.enriched")) {
            SeedSizedArticles seed = shape.equals("seed") ? SeedSizedArticles.fromSeeds() : null;
            for (int i = 0; i < stories; i++) {
                String id = String.format("bench-%07d", i);
                records.add(connect.record(seed != null ? seed.story(id, 1, i) : Articles.plain(id, 1, "story number " + i), i));
                updates.add(connect.record(seed != null ? seed.story(id, 2, i) : Articles.plain(id, 2, "story number " + i), stories + i));
            }
        }
        List<ArticleDocument> docs = records.stream().map(r -> ArticleDocument.from(r.value())).toList();
        long rows = docs.stream().mapToLong(d -> 1L + d.entities().size() + d.topics().size()).sum();
        double jsonBytes = docs.stream().mapToLong(d -> d.documentJson().length()).average().orElse(0);
        System.out.printf("%d %s stories (document JSON %.0f bytes on average), %d rows (articles + entities + topics),"
                + " batches of %d, %d rounds, median reported%s%n", stories, shape, jsonBytes, rows, BATCH, rounds,
                variantSql.isEmpty() ? "" : "; tables altered by: " + variantSql);

        try (Postgres pg = Postgres.withRandomSchema("pgwt_bench")) {
            PostgresSinkConfig config = new PostgresSinkConfig(Map.of(
                    "connection.url", Postgres.URL, "connection.user", Postgres.USER, "schema", pg.schema()));
            List<Phase> inserts = new ArrayList<>();
            List<Phase> replays = new ArrayList<>();
            List<Phase> newVersions = new ArrayList<>();
            List<Phase> ceilings = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) { // round 0 warms up
                pg.execute("DROP SCHEMA IF EXISTS " + pg.schema() + " CASCADE");
                Phase insert;
                Phase replay;
                Phase newVersion;
                try (PostgresWriter writer = new PostgresWriter(config)) {
                    writer.open();
                    for (String sql : variantSql.split(";")) {
                        if (!sql.isBlank()) {
                            pg.execute(sql.replace("{schema}", pg.schema()));
                        }
                    }
                    long backend = Long.parseLong(pg.rows("SELECT pid FROM pg_stat_activity WHERE application_name = "
                            + "'wirestream-postgres-sink:" + pg.schema() + "'").get(0));
                    insert = measure(pg, backend, () -> sink(writer, records));
                    replay = measure(pg, backend, () -> sink(writer, records));
                    newVersion = measure(pg, backend, () -> sink(writer, updates));
                }
                pg.execute("TRUNCATE " + pg.schema() + ".articles, " + pg.schema() + ".article_entities, " + pg.schema() + ".article_topics");
                Phase plain = plainInsert(pg, docs);
                if (round > 0) {
                    inserts.add(insert);
                    replays.add(replay);
                    newVersions.add(newVersion);
                    ceilings.add(plain);
                }
                System.out.printf("round %d: sink %s | re-delivery %s | version 2 %s | plain JDBC %s%n", round,
                        describe(insert, stories), describe(replay, stories), describe(newVersion, stories), describe(plain, stories));
            }
            System.out.printf("%nmedians of %d rounds; load average %.2f on %d cores%n", rounds,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            result("sink (new stories)", inserts, stories, rows);
            result("sink (re-delivery)", replays, stories, rows);
            result("sink (version 2 of each)", newVersions, stories, rows);
            result("plain JDBC batch (ceiling)", ceilings, stories, rows);
        }
    }

    private static String describe(Phase p, int stories) {
        return String.format("%.0f stories/s, PostgreSQL %.3f ms/story (backend %.3f), WAL %.1f KB/story",
                stories / p.seconds, p.serverMs / stories, p.backendMs / stories, p.walBytes / 1024.0 / stories);
    }

    private static void result(String name, List<Phase> phases, int stories, long rows) {
        double perSecond = median(phases, p -> stories / p.seconds);
        System.out.printf("RESULT %-28s %,8.0f stories/s %,9.0f rows/s  PostgreSQL CPU %.3f ms/story (backend %.3f)  WAL %.1f KB/story%n",
                name, perSecond, perSecond * rows / stories, median(phases, p -> p.serverMs / stories),
                median(phases, p -> p.backendMs / stories), median(phases, p -> p.walBytes / 1024.0 / stories));
    }

    private static double median(List<Phase> phases, Function<Phase, Double> value) {
        List<Double> sorted = phases.stream().map(value).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs the work between two readings of the server's CPU; the CHECKPOINT after it is inside the CPU window. */
    private static Phase measure(Postgres pg, long backendPid, Work work) throws Exception {
        pg.execute("CHECKPOINT");
        long wal0 = Long.parseLong(pg.rows("SELECT pg_current_wal_lsn() - '0/0'").get(0));
        double server0 = PostgresCpu.allMillis();
        double backend0 = PostgresCpu.processMillis(backendPid);
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double backend = PostgresCpu.processMillis(backendPid) - backend0;
        // what is still in the GIN index's pending list would be merged by a later insert or vacuum: merged here
        pg.rows("SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'gin' AND i.indrelid = '" + pg.schema() + ".articles'::regclass");
        long wal = Long.parseLong(pg.rows("SELECT pg_current_wal_lsn() - '0/0'").get(0)) - wal0;
        pg.execute("CHECKPOINT");
        return new Phase(seconds, PostgresCpu.allMillis() - server0, backend, wal);
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
    private static Phase plainInsert(Postgres pg, List<ArticleDocument> docs) throws Exception {
        String schema = pg.schema();
        List<Object[]> articles = new ArrayList<>();
        List<Object[]> entities = new ArrayList<>();
        List<Object[]> topics = new ArrayList<>();
        List<int[]> childRanges = new ArrayList<>(); // per story: end of its entities, end of its topics
        for (ArticleDocument d : docs) {
            articles.add(new Object[] {d.storyId(), d.version(), "usable", d.pubStatus(), d.source(), d.format(), d.language(),
                d.urgency(), d.headline(), d.slugline(), d.byline(), d.dateline(), d.body(), Timestamp.from(d.received()),
                Timestamp.from(d.versionCreated()), Timestamp.from(d.enrichedAt()), d.taxonomyVersion(), d.clusterId(),
                d.duplicateOf(), d.documentJson()});
            for (ArticleDocument.EntityTag e : d.entities()) {
                entities.add(new Object[] {d.storyId(), e.id(), e.name(), e.type(), e.roles().toArray(String[]::new), e.linkedTo(), e.salience(), e.mentionCount()});
            }
            for (ArticleDocument.TopicTag t : d.topics()) {
                topics.add(new Object[] {d.storyId(), t.code(), t.label(), t.iptc(), t.score()});
            }
            childRanges.add(new int[] {entities.size(), topics.size()});
        }
        Properties props = new Properties();
        props.setProperty("user", Postgres.USER);
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(Postgres.URL, props)) {
            c.setAutoCommit(false);
            long backend;
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend = rs.getLong(1);
            }
            c.commit();
            try (PreparedStatement a = c.prepareStatement("INSERT INTO " + schema + ".articles (story_id, version, status, pub_status, source, format,"
                    + " language, urgency, headline, slugline, byline, dateline, body, received, version_created, enriched_at, taxonomy_version,"
                    + " cluster_id, duplicate_of, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)");
                 PreparedStatement e = c.prepareStatement("INSERT INTO " + schema + ".article_entities (story_id, entity_id, name, type, roles,"
                    + " linked_to, salience, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement t = c.prepareStatement("INSERT INTO " + schema + ".article_topics (story_id, code, label, iptc, score)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                return measure(pg, backend, () -> {
                    int[] from = {0, 0};
                    for (int i = 0; i < docs.size(); i += BATCH) {
                        int end = Math.min(docs.size(), i + BATCH);
                        int[] to = childRanges.get(end - 1);
                        add(a, articles.subList(i, end), c);
                        add(e, entities.subList(from[0], to[0]), c);
                        add(t, topics.subList(from[1], to[1]), c);
                        a.executeBatch();
                        e.executeBatch();
                        t.executeBatch();
                        c.commit();
                        from = to;
                    }
                });
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

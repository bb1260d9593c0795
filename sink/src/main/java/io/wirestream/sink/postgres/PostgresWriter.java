package io.wirestream.sink.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.article.ArticleDocument;
import io.wirestream.sink.postgres.PostgresSinkConfig.KillMode;

/**
 * Writes article changes to PostgreSQL, one transaction per {@link #write} call.
 *
 * <p>Changes are first folded per story in record order into at most one delete, one upsert and one withdrawal, so
 * that every statement touches a story once. Then, in one transaction: deletes (tombstones, and kills in
 * {@code kill.mode=delete}); the articles rows, per {@code batch.size} stories, by {@link ArticleUpserts} (written
 * when the stored version is older, or equal and not withdrawn, and then only if something differs); the entity and
 * topic rows written only for the stories whose row was, the old ones deleted first only where the story was stored
 * before (a new story has none, and the delete by story ids was a scan of each child table on tables never analysed);
 * withdrawals ({@code status = 'withdrawn'}, version
 * raised to the kill's, child rows removed). A replay of the same records leaves the rows as they are; an older
 * version never overwrites a newer one.
 *
 * <p>If the batch fails on a data error (SQLSTATE class 22 or 23) it is retried story by story under savepoints; the
 * records of stories that still fail are returned so the task can hand them to Connect's errant record reporter.
 */
public final class PostgresWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresWriter.class);

    private static final String[] ARTICLE_COLUMNS = ArticleUpserts.COLUMNS;
    private static final Map<String, String> CASTS = ArticleUpserts.CASTS;

    private final PostgresSinkConfig config;
    private final PostgresTables tables;
    private final ArticleUpserts articleUpserts;
    private final String withdrawSql;
    private Connection connection;

    /** One record that could not be written, and why. */
    public record Failure(SinkRecord record, Exception error) { }

    public PostgresWriter(PostgresSinkConfig config) {
        this.config = config;
        this.tables = new PostgresTables(config.schema(), config.textSearchConfig());
        this.articleUpserts = new ArticleUpserts(tables);
        this.withdrawSql = withdrawSql(tables);
    }

    public PostgresTables tables() {
        return tables;
    }

    /** Connects (if not connected) and makes sure the tables exist and match. */
    public void open() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return;
        }
        Properties props = new Properties();
        props.setProperty("user", config.user());
        String password = config.password() == null ? "" : config.password().value();
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "wirestream-postgres-sink:" + config.schema());
        connection = connect(config.connectionUrl(), props);
        String compression = ToastCompression.preferLz4(connection);
        boolean customPlans = CustomPlans.force(connection);
        tables.ensure(connection, config.autoCreate());
        connection.setAutoCommit(false);
        log.info("Connected to {} as {}, schema {}, {} compression for large values, {}", config.connectionUrl(), config.user(),
                config.schema(), compression, customPlans ? "custom plans" : "plans as the server chooses");
    }

    /**
     * Opens a connection through the PostgreSQL driver directly rather than {@link java.sql.DriverManager}, which does not see
     * drivers loaded by a Connect plugin's isolated class loader.
     */
    static Connection connect(String url, Properties props) throws SQLException {
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url, "08001");
        }
        return c;
    }

    /** Writes the changes in one transaction and returns the records that failed on their own data. */
    public List<Failure> write(List<ArticleChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return List.of();
        }
        open();
        Map<String, Plan> plans = fold(changes);
        try {
            apply(plans.values());
            connection.commit();
            return List.of();
        } catch (SQLException e) {
            rollbackQuietly();
            if (!isDataError(e) || plans.size() == 1 && plans.values().iterator().next().records.size() == 1) {
                if (isDataError(e)) {
                    return plans.values().iterator().next().records.stream().map(r -> new Failure(r, e)).toList();
                }
                throw e;
            }
            log.warn("Batch of {} stories failed on a data error ({}); writing story by story", plans.size(), e.getMessage());
            return applyOneByOne(plans);
        }
    }

    private List<Failure> applyOneByOne(Map<String, Plan> plans) throws SQLException {
        List<Failure> failures = new ArrayList<>();
        for (Plan plan : plans.values()) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                apply(List.of(plan));
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    rollbackQuietly();
                    throw e;
                }
                connection.rollback(savepoint);
                for (SinkRecord r : plan.records) {
                    failures.add(new Failure(r, e));
                }
            }
        }
        connection.commit();
        return failures;
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation): the data, not the database, is at fault. */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** SQLSTATE classes worth a retry on a fresh connection: connection, transaction rollback, resources, operator intervention. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57") || state.startsWith("58");
    }

    private void rollbackQuietly() {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken; close() or the next open() deals with it
        }
    }

    /** The per-story outcome of a batch, in record order. */
    static final class Plan {
        final String storyId;
        final List<SinkRecord> records = new ArrayList<>();
        boolean delete;
        ArticleDocument upsert;
        ArticleDocument withdraw;
        int withdrawVersion;

        Plan(String storyId) {
            this.storyId = storyId;
        }
    }

    Map<String, Plan> fold(List<ArticleChange> changes) {
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (ArticleChange change : changes) {
            Plan plan = plans.computeIfAbsent(change.storyId(), Plan::new);
            plan.records.add(change.record());
            if (change instanceof ArticleChange.Delete
                    || change instanceof ArticleChange.Kill && config.killMode() == KillMode.DELETE) {
                plan.delete = true;
                plan.upsert = null;
                plan.withdraw = null;
            } else if (change instanceof ArticleChange.Kill kill) {
                int version = kill.document().version();
                if (plan.upsert != null) {
                    version = Math.max(version, plan.upsert.version());
                }
                if (plan.withdraw != null) {
                    version = Math.max(version, plan.withdrawVersion);
                }
                plan.withdraw = kill.document();
                plan.withdrawVersion = version;
            } else if (change instanceof ArticleChange.Upsert upsert) {
                ArticleDocument d = upsert.document();
                if (plan.withdraw != null) {
                    if (d.version() > plan.withdrawVersion) {
                        plan.withdraw = null;
                        plan.upsert = d;
                    }
                } else if (plan.upsert == null || d.version() >= plan.upsert.version()) {
                    plan.upsert = d;
                }
            }
        }
        return plans;
    }

    private void apply(Iterable<Plan> plans) throws SQLException {
        List<String> deletes = new ArrayList<>();
        List<ArticleDocument> upserts = new ArrayList<>();
        List<Plan> withdrawals = new ArrayList<>();
        for (Plan plan : plans) {
            if (plan.delete) {
                deletes.add(plan.storyId);
            }
            if (plan.upsert != null) {
                upserts.add(plan.upsert);
            }
            if (plan.withdraw != null) {
                withdrawals.add(plan);
            }
        }
        if (!deletes.isEmpty()) {
            deleteStories(PostgresTables.ARTICLES, deletes);
        }
        int batch = config.batchSize();
        List<ArticleDocument> written = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (int i = 0; i < upserts.size(); i += batch) {
            List<ArticleDocument> chunk = upserts.subList(i, Math.min(upserts.size(), i + batch));
            ArticleUpserts.Written w = articleUpserts.write(connection, chunk);
            chunk.stream().filter(d -> w.ids().contains(d.storyId())).forEach(written::add);
            replaced.addAll(w.storedBefore());
        }
        if (!replaced.isEmpty()) {
            deleteStories(PostgresTables.ENTITIES, replaced);
            deleteStories(PostgresTables.TOPICS, replaced);
        }
        if (!written.isEmpty()) {
            insertChildren(written);
        }
        if (!withdrawals.isEmpty()) {
            withdraw(withdrawals);
            List<String> ids = withdrawals.stream().map(p -> p.storyId).toList();
            deleteStories(PostgresTables.ENTITIES, ids);
            deleteStories(PostgresTables.TOPICS, ids);
        }
    }

    private void deleteStories(String table, List<String> storyIds) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM " + tables.qualified(table) + " WHERE story_id = ANY(?)")) {
            Array ids = connection.createArrayOf("text", storyIds.toArray(new String[0]));
            ps.setArray(1, ids);
            ps.executeUpdate();
            ids.free();
        }
    }

    static String withdrawSql(PostgresTables tables) {
        String placeholders = String.join(", ", java.util.Collections.nCopies(ARTICLE_COLUMNS.length, "?"));
        StringBuilder values = new StringBuilder();
        String[] parts = placeholders.split(", ");
        for (int i = 0; i < ARTICLE_COLUMNS.length; i++) {
            if (i > 0) {
                values.append(", ");
            }
            values.append(parts[i]).append(CASTS.getOrDefault(ARTICLE_COLUMNS[i], ""));
        }
        return "INSERT INTO " + tables.qualified(PostgresTables.ARTICLES) + " AS a (" + String.join(", ", ARTICLE_COLUMNS)
                + ", status)\nVALUES (" + values + ", 'withdrawn')"
                + "\nON CONFLICT (story_id) DO UPDATE SET status = 'withdrawn', pub_status = EXCLUDED.pub_status,"
                + " version = GREATEST(a.version, EXCLUDED.version)";
    }

    private void withdraw(List<Plan> plans) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(withdrawSql)) {
            int n = 0;
            for (Plan plan : plans) {
                String[] values = rowValues(plan.withdraw, plan.withdrawVersion);
                for (int c = 0; c < values.length; c++) {
                    ps.setString(c + 1, values[c]);
                }
                ps.addBatch();
                if (++n % config.batchSize() == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** The text parameters of the story's articles row, in {@link #ARTICLE_COLUMNS} order. */
    static String[] rowValues(ArticleDocument d, int version) {
        return new String[] {
            d.storyId(), Integer.toString(version), d.pubStatus(), clean(d.source()), clean(d.format()), clean(d.language()),
            d.urgency() == null ? null : d.urgency().toString(), clean(d.headline()), clean(d.slugline()), clean(d.byline()),
            clean(d.dateline()), clean(d.body()), instant(d.received()), instant(d.versionCreated()), instant(d.enrichedAt()),
            clean(d.taxonomyVersion()), clean(d.clusterId()), clean(d.duplicateOf()), jsonText(d)};
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    /** PostgreSQL text cannot hold NUL characters; they are dropped. */
    static String clean(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "");
    }

    /** The JSON document; jsonb refuses the escape \u0000, so NULs are dropped from every string first. */
    static String jsonText(ArticleDocument d) {
        String json = d.documentJson();
        return json.contains("\\u0000") ? json.replaceAll("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000", "$1") : json;
    }

    private void insertChildren(List<ArticleDocument> docs) throws SQLException {
        int batch = config.batchSize();
        try (PreparedStatement entities = connection.prepareStatement("INSERT INTO " + tables.qualified(PostgresTables.ENTITIES)
                + " (story_id, entity_id, name, type, roles, linked_to, salience, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement topics = connection.prepareStatement("INSERT INTO " + tables.qualified(PostgresTables.TOPICS)
                + " (story_id, code, label, iptc, score) VALUES (?, ?, ?, ?, ?)")) {
            int e = 0;
            int t = 0;
            for (ArticleDocument d : docs) {
                for (ArticleDocument.EntityTag entity : d.entities()) {
                    entities.setString(1, d.storyId());
                    entities.setString(2, clean(entity.id()));
                    entities.setString(3, clean(entity.name()));
                    entities.setString(4, clean(entity.type()));
                    entities.setArray(5, connection.createArrayOf("text",
                            entity.roles().stream().map(PostgresWriter::clean).toArray(String[]::new)));
                    entities.setString(6, clean(entity.linkedTo()));
                    entities.setDouble(7, entity.salience());
                    entities.setInt(8, entity.mentionCount());
                    entities.addBatch();
                    if (++e % batch == 0) {
                        entities.executeBatch();
                    }
                }
                for (ArticleDocument.TopicTag topic : d.topics()) {
                    topics.setString(1, d.storyId());
                    topics.setString(2, clean(topic.code()));
                    topics.setString(3, clean(topic.label()));
                    topics.setString(4, clean(topic.iptc()));
                    topics.setDouble(5, topic.score());
                    topics.addBatch();
                    if (++t % batch == 0) {
                        topics.executeBatch();
                    }
                }
            }
            entities.executeBatch();
            topics.executeBatch();
        }
    }

    /** True when there is no usable connection (none, closed, or not answering within 2 s). */
    public boolean connectionLost() {
        try {
            return connection == null || connection.isClosed() || !connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the connection failed", e);
            }
            connection = null;
        }
    }
}

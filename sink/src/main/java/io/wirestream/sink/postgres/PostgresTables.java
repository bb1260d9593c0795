package io.wirestream.sink.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three tables of the PostgreSQL sink: their DDL, their creation when missing, and the check that refuses an
 * existing table whose columns do not match what the writer needs.
 */
public final class PostgresTables {

    private static final Logger log = LoggerFactory.getLogger(PostgresTables.class);

    public static final String ARTICLES = "articles";
    public static final String ENTITIES = "article_entities";
    public static final String TOPICS = "article_topics";

    /** Column name -> PostgreSQL type as information_schema.columns.data_type reports it; key order = DDL order. */
    static final Map<String, Map<String, String>> EXPECTED = new LinkedHashMap<>();

    static {
        Map<String, String> articles = new LinkedHashMap<>();
        articles.put("story_id", "text");
        articles.put("version", "integer");
        articles.put("status", "text");
        articles.put("pub_status", "text");
        articles.put("source", "text");
        articles.put("format", "text");
        articles.put("language", "text");
        articles.put("urgency", "integer");
        articles.put("headline", "text");
        articles.put("slugline", "text");
        articles.put("byline", "text");
        articles.put("dateline", "text");
        articles.put("body", "text");
        articles.put("received", "timestamp with time zone");
        articles.put("version_created", "timestamp with time zone");
        articles.put("enriched_at", "timestamp with time zone");
        articles.put("taxonomy_version", "text");
        articles.put("cluster_id", "text");
        articles.put("duplicate_of", "text");
        articles.put("document", "jsonb");
        articles.put("tsv", "tsvector");
        EXPECTED.put(ARTICLES, articles);
        Map<String, String> entities = new LinkedHashMap<>();
        entities.put("story_id", "text");
        entities.put("entity_id", "text");
        entities.put("name", "text");
        entities.put("type", "text");
        entities.put("roles", "ARRAY");
        entities.put("linked_to", "text");
        entities.put("salience", "double precision");
        entities.put("mentions", "integer");
        EXPECTED.put(ENTITIES, entities);
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("story_id", "text");
        topics.put("code", "text");
        topics.put("label", "text");
        topics.put("iptc", "text");
        topics.put("score", "double precision");
        EXPECTED.put(TOPICS, topics);
    }

    private final String schema;
    private final String textSearchConfig;

    public PostgresTables(String schema, String textSearchConfig) {
        this.schema = schema;
        this.textSearchConfig = textSearchConfig;
    }

    public String qualified(String table) {
        return schema + "." + table;
    }

    /**
     * What brings a table created by an earlier version up to date (idempotent): the nullable {@code cluster_id} and
     * {@code duplicate_of} columns (one story per event) and their index. Run by {@link #ensure} when auto.create is on;
     * otherwise run them by hand.
     */
    public List<String> upgrades() {
        return List.of(
                "ALTER TABLE " + qualified(ARTICLES) + " ADD COLUMN IF NOT EXISTS cluster_id text, ADD COLUMN IF NOT EXISTS duplicate_of text",
                "CREATE INDEX IF NOT EXISTS " + schema + "_articles_cluster_idx ON " + qualified(ARTICLES) + " (cluster_id)");
    }

    /** The DDL that creates the schema, the tables and their indexes (idempotent: IF NOT EXISTS everywhere). */
    public List<String> ddl() {
        String ts = "'" + textSearchConfig + "'";
        return List.of(
                "CREATE SCHEMA IF NOT EXISTS " + schema,
                "CREATE TABLE IF NOT EXISTS " + qualified(ARTICLES) + " (\n"
                        + "  story_id text PRIMARY KEY,\n"
                        + "  version integer NOT NULL,\n"
                        + "  status text NOT NULL CHECK (status IN ('usable', 'withdrawn')),\n"
                        + "  pub_status text NOT NULL,\n"
                        + "  source text,\n"
                        + "  format text,\n"
                        + "  language text,\n"
                        + "  urgency integer,\n"
                        + "  headline text,\n"
                        + "  slugline text,\n"
                        + "  byline text,\n"
                        + "  dateline text,\n"
                        + "  body text,\n"
                        + "  received timestamptz,\n"
                        + "  version_created timestamptz,\n"
                        + "  enriched_at timestamptz,\n"
                        + "  taxonomy_version text,\n"
                        + "  cluster_id text,\n"
                        + "  duplicate_of text,\n"
                        + "  document jsonb NOT NULL,\n"
                        + "  tsv tsvector GENERATED ALWAYS AS (CASE WHEN status = 'withdrawn' THEN ''::tsvector ELSE\n"
                        + "      setweight(to_tsvector(" + ts + "::regconfig, coalesce(headline, '')), 'A') ||\n"
                        + "      setweight(to_tsvector(" + ts + "::regconfig, coalesce(slugline, '') || ' ' || coalesce(dateline, '')), 'B') ||\n"
                        + "      setweight(to_tsvector(" + ts + "::regconfig, coalesce(body, '')), 'D') END) STORED\n"
                        + ")",
                "CREATE INDEX IF NOT EXISTS " + schema + "_articles_tsv_idx ON " + qualified(ARTICLES) + " USING GIN (tsv)",
                "CREATE INDEX IF NOT EXISTS " + schema + "_articles_cluster_idx ON " + qualified(ARTICLES) + " (cluster_id)",
                "CREATE TABLE IF NOT EXISTS " + qualified(ENTITIES) + " (\n"
                        + "  story_id text NOT NULL REFERENCES " + qualified(ARTICLES) + " (story_id) ON DELETE CASCADE,\n"
                        + "  entity_id text NOT NULL,\n"
                        + "  name text NOT NULL,\n"
                        + "  type text NOT NULL,\n"
                        + "  roles text[] NOT NULL,\n"
                        + "  linked_to text,\n"
                        + "  salience double precision NOT NULL,\n"
                        + "  mentions integer NOT NULL,\n"
                        + "  PRIMARY KEY (story_id, entity_id)\n"
                        + ")",
                "CREATE INDEX IF NOT EXISTS " + schema + "_article_entities_entity_idx ON " + qualified(ENTITIES) + " (entity_id)",
                "CREATE TABLE IF NOT EXISTS " + qualified(TOPICS) + " (\n"
                        + "  story_id text NOT NULL REFERENCES " + qualified(ARTICLES) + " (story_id) ON DELETE CASCADE,\n"
                        + "  code text NOT NULL,\n"
                        + "  label text NOT NULL,\n"
                        + "  iptc text,\n"
                        + "  score double precision NOT NULL,\n"
                        + "  PRIMARY KEY (story_id, code)\n"
                        + ")",
                "CREATE INDEX IF NOT EXISTS " + schema + "_article_topics_code_idx ON " + qualified(TOPICS) + " (code)");
    }

    /**
     * Makes sure the tables exist and match: creates what is missing when {@code autoCreate}, else refuses; refuses an
     * existing table that lacks a column, has one of another type, or has another primary key. Runs in its own
     * transaction under an advisory lock so that several tasks starting together do not race on CREATE.
     */
    public void ensure(Connection connection, boolean autoCreate) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "wirestream.sink." + schema);
                lock.execute();
            }
            if (autoCreate && exists(connection, ARTICLES)) {
                // columns added after the first release (nullable): added in place, idempotently
                try (Statement st = connection.createStatement()) {
                    for (String sql : upgrades()) {
                        st.execute(sql);
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> table : EXPECTED.entrySet()) {
                if (exists(connection, table.getKey())) {
                    problems.addAll(check(connection, table.getKey(), table.getValue()));
                } else {
                    missing.add(table.getKey());
                }
            }
            if (!problems.isEmpty()) {
                throw new ConnectException("Existing tables in schema " + schema + " do not match what the PostgreSQL sink writes: "
                        + String.join("; ", problems) + ". Drop or rename them, or point the connector at another schema.");
            }
            if (!missing.isEmpty()) {
                if (!autoCreate) {
                    throw new ConnectException("Table(s) " + missing.stream().map(this::qualified).toList()
                            + " do not exist and auto.create is false; create them (see the DDL in sink/README.md) or set auto.create=true");
                }
                try (Statement st = connection.createStatement()) {
                    for (String sql : ddl()) {
                        st.execute(sql);
                    }
                }
                log.info("Created tables {} in schema {}", missing, schema);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private List<String> check(Connection connection, String table, Map<String, String> expected) throws SQLException {
        Map<String, String> actual = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actual.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> column : expected.entrySet()) {
            String type = actual.get(column.getKey());
            if (type == null) {
                problems.add(qualified(table) + " has no column " + column.getKey() + " (" + column.getValue() + ")");
            } else if (!type.equals(column.getValue())) {
                problems.add(qualified(table) + "." + column.getKey() + " is " + type + ", expected " + column.getValue());
            }
        }
        List<String> pk = primaryKey(connection, table);
        List<String> expectedPk = ARTICLES.equals(table) ? List.of("story_id")
                : ENTITIES.equals(table) ? List.of("story_id", "entity_id") : List.of("story_id", "code");
        if (!pk.equals(expectedPk)) {
            problems.add(qualified(table) + " has primary key " + pk + ", expected " + expectedPk);
        }
        return problems;
    }

    private List<String> primaryKey(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT a.attname FROM pg_index i "
                        + "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true "
                        + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                        + "WHERE i.indisprimary AND n.nspname = ? AND c.relname = ? ORDER BY k.ord")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }
}

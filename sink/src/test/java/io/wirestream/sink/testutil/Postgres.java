package io.wirestream.sink.testutil;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The real PostgreSQL at 127.0.0.1:5432 (user postgres), with a random schema per test that {@link #close()} drops. */
public final class Postgres implements AutoCloseable {

    public static final String URL = System.getProperty("wirestream.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = System.getProperty("wirestream.test.postgres.user", "postgres");

    /** The port in {@link #URL} (5432 unless the URL names another). */
    public static int port() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(URL);
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }

    private final String schema;
    private final Connection connection;

    private Postgres(String schema) throws SQLException {
        this.schema = schema;
        this.connection = DriverManager.getConnection(URL, USER, "");
    }

    public static Postgres withRandomSchema(String prefix) {
        try {
            return new Postgres(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " is needed for this test: " + e.getMessage(), e);
        }
    }

    public String schema() {
        return schema;
    }

    public Connection connection() {
        return connection;
    }

    public void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a query, each row's columns joined by '|'. */
    public List<String> rows(String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        sb.append('|');
                    }
                    sb.append(rs.getString(i));
                }
                rows.add(sb.toString());
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public long count(String table) {
        return Long.parseLong(rows("SELECT count(*) FROM " + schema + "." + table).get(0));
    }

    /** Every row of the three tables as text, in key order: equal dumps mean byte-for-byte equal tables. */
    public List<String> dump() {
        List<String> out = new ArrayList<>();
        out.addAll(rows("SELECT a::text FROM " + schema + ".articles a ORDER BY story_id"));
        out.addAll(rows("SELECT e::text FROM " + schema + ".article_entities e ORDER BY story_id, entity_id"));
        out.addAll(rows("SELECT t::text FROM " + schema + ".article_topics t ORDER BY story_id, code"));
        return out;
    }

    @Override
    public void close() {
        try (connection) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

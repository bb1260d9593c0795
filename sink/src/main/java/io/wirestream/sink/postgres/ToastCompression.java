package io.wirestream.sink.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a connection compress the large values it writes (the document, the body and the tsvector of each story,
 * which PostgreSQL compresses and moves to TOAST) with lz4 instead of the default pglz, when the server supports it
 * (PostgreSQL 14 and later, built with lz4).
 *
 * <p>pglz compression of a seed-sized story's values cost PostgreSQL about 0.2 ms of CPU, a sixth of all it spends
 * per story (sink/README.md, "PostgreSQL's CPU per story"); lz4 does the same in a fraction of that, and decompresses
 * faster for readers, at about 9 % more bytes for the document. Only this session's default is changed
 * ({@code default_toast_compression}), not the tables: the values stored are the same, values written earlier keep
 * their method and stay readable, and nothing needs a lock or an upgrade. A column given its own method by hand
 * ({@code ALTER TABLE ... SET COMPRESSION}) keeps it.
 */
final class ToastCompression {

    private ToastCompression() {
    }

    /**
     * Sets lz4 as this session's default when the server offers it; returns the method now in use for the sink's
     * values. Must run outside a transaction (in auto-commit), so that a later rollback does not undo it.
     */
    static String preferLz4(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT setting, 'lz4' = ANY(enumvals) FROM pg_settings"
                    + " WHERE name = 'default_toast_compression'")) {
                if (!rs.next()) {
                    return "pglz"; // before PostgreSQL 14: pglz is the only method
                }
                if (!rs.getBoolean(2)) {
                    return rs.getString(1); // built without lz4
                }
            }
            st.execute("SET default_toast_compression = lz4");
            return "lz4";
        }
    }
}

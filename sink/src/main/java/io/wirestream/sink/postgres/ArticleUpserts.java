package io.wirestream.sink.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.wirestream.sink.article.ArticleDocument;

/**
 * The version-guarded upsert of {@code articles} rows for a chunk of stories, arranged so that PostgreSQL parses a
 * story's document and computes its tsvector only for a row it writes, and once.
 *
 * <p>One {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE version} for every story would do: but PostgreSQL computes
 * the stored generated {@code tsv} (to_tsvector of headline, dateline and body, 0.3 ms for a seed-sized story) and
 * the jsonb of the proposed row before it looks for a conflict, and again for the update. So a re-delivered story
 * cost it more than a new one (1.1 ms against 0.8 in psql), and a late older version 0.4 ms to write nothing. Instead
 * the stored version and status of the chunk's stories are read first (one index lookup each), and then:
 * <ul>
 *   <li>a story not stored is inserted by the upsert above (its guard still holds should the row appear meanwhile);
 *   <li>a stored one with an older version, or the same version and usable, is {@code UPDATE}d, guarded by the same
 *       condition in the {@code WHERE} and, for the same version, only if some column differs: a re-delivery of what
 *       is stored writes nothing, which leaves exactly the rows a rewrite would;
 *   <li>a stored one with a newer version, or the same version and withdrawn, is left alone, as the guard would.
 * </ul>
 * Returns the stories whose row was written, whose entity and topic rows the writer then writes, and which of them
 * were stored before, whose old entity and topic rows it deletes first: a story not stored has none (they reference
 * its row), so a batch of new stories deletes nothing. (A row deleted by
 * another transaction between the read and the {@code UPDATE} is not inserted again, as the single upsert would; but
 * one task writes a story, its records sharing a partition.)
 */
final class ArticleUpserts {

    static final String[] COLUMNS = {
        "story_id", "version", "pub_status", "source", "format", "language", "urgency", "headline", "slugline", "byline",
        "dateline", "body", "received", "version_created", "enriched_at", "taxonomy_version", "cluster_id", "duplicate_of", "document"};
    /** The SQL type of each column that is not text, cast from the text the statements send. */
    static final Map<String, String> CASTS = Map.of(
            "version", "::integer", "urgency", "::integer", "received", "::timestamptz",
            "version_created", "::timestamptz", "enriched_at", "::timestamptz", "document", "::jsonb");

    private final String storedSql;
    private final String insertSql;
    private final String updateSql;

    ArticleUpserts(PostgresTables tables) {
        String articles = tables.qualified(PostgresTables.ARTICLES);
        this.storedSql = "SELECT story_id, version, status FROM " + articles + " WHERE story_id = ANY(?)";
        this.insertSql = insertSql(articles);
        this.updateSql = updateSql(articles);
    }

    /** The unnest of one text[] parameter per column, as {@code u}. */
    private static String unnest() {
        return "unnest(" + String.join(", ", java.util.Collections.nCopies(COLUMNS.length, "?::text[]")) + ") AS u("
                + String.join(", ", COLUMNS) + ")";
    }

    private static String joined(Function<String, String> column, boolean withKeyAndVersion) {
        List<String> parts = new ArrayList<>();
        for (String c : COLUMNS) {
            if (withKeyAndVersion || !c.equals("story_id") && !c.equals("version")) {
                parts.add(column.apply(c));
            }
        }
        return String.join(", ", parts);
    }

    static String insertSql(String articles) {
        return "INSERT INTO " + articles + " AS a (" + String.join(", ", COLUMNS) + ", status)"
                + "\nSELECT " + joined(c -> "u." + c + CASTS.getOrDefault(c, ""), true) + ", 'usable'\nFROM " + unnest()
                + "\nON CONFLICT (story_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, "
                + joined(c -> c + " = EXCLUDED." + c, false)
                + "\nWHERE a.version < EXCLUDED.version OR (a.version = EXCLUDED.version AND a.status = 'usable')"
                + "\nRETURNING a.story_id";
    }

    static String updateSql(String articles) {
        // record_image_eq (the function behind *=, which a ROW() on each side would expand column by column) compares
        // the binary images of the two rows: equal means storing the new values would store the same bytes, which =
        // cannot promise (jsonb's = holds 1.0 equal to 1.00)
        return "UPDATE " + articles + " AS a SET status = 'usable', version = u.version::integer, "
                + joined(c -> c + " = u." + c + CASTS.getOrDefault(c, ""), false)
                + "\nFROM " + unnest()
                + "\nWHERE a.story_id = u.story_id AND (a.version < u.version::integer OR a.version = u.version::integer"
                + " AND a.status = 'usable'\n  AND NOT record_image_eq(ROW(" + joined(c -> "a." + c, false) + "),\n  ROW("
                + joined(c -> "u." + c + CASTS.getOrDefault(c, ""), false) + ")))"
                + "\nRETURNING a.story_id";
    }

    /**
     * The stories whose row was written, and those of them that had a row before this write (found by its read of the
     * stored versions). Should another transaction insert a story's row between that read and the insert, the insert
     * updates it and the story counts as new: its child rows then collide with the other's on their primary keys, the
     * batch fails and is retried, and the retry finds the row stored.
     */
    record Written(Set<String> ids, Set<String> storedBefore) {
    }

    /** Writes the rows (at most one per story). */
    Written write(Connection connection, List<ArticleDocument> docs) throws SQLException {
        Map<String, Integer> usableVersions = new HashMap<>();
        Map<String, Integer> withdrawnVersions = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(storedSql)) {
            Array ids = connection.createArrayOf("text", docs.stream().map(ArticleDocument::storyId).toArray(String[]::new));
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ("usable".equals(rs.getString(3)) ? usableVersions : withdrawnVersions).put(rs.getString(1), rs.getInt(2));
                }
            }
            ids.free();
        }
        List<ArticleDocument> inserts = new ArrayList<>();
        List<ArticleDocument> updates = new ArrayList<>();
        for (ArticleDocument d : docs) {
            Integer usable = usableVersions.get(d.storyId());
            Integer withdrawn = withdrawnVersions.get(d.storyId());
            if (usable == null && withdrawn == null) {
                inserts.add(d);
            } else if (usable != null ? usable <= d.version() : withdrawn < d.version()) {
                updates.add(d);
            }
        }
        Set<String> written = new HashSet<>();
        run(connection, insertSql, inserts, written);
        Set<String> updated = new HashSet<>();
        run(connection, updateSql, updates, updated);
        written.addAll(updated);
        return new Written(written, updated);
    }

    private static void run(Connection connection, String sql, List<ArticleDocument> docs, Set<String> written) throws SQLException {
        if (docs.isEmpty()) {
            return;
        }
        String[][] columns = new String[COLUMNS.length][docs.size()];
        for (int row = 0; row < docs.size(); row++) {
            String[] values = PostgresWriter.rowValues(docs.get(row), docs.get(row).version());
            for (int c = 0; c < values.length; c++) {
                columns[c][row] = values[c];
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int c = 0; c < columns.length; c++) {
                // a String[] goes in binary (varchar[]): PostgreSQL copies each element instead of parsing an array
                // literal in which every quote of the JSON is escaped (createArrayOf's text form cost it ~0.08 ms a story)
                ps.setObject(c + 1, columns[c]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getString(1));
                }
            }
        }
    }
}

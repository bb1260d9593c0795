package io.wirestream.desk;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Search over the whole archive in the PostgreSQL sink's tables (read only): words through the generated {@code tsv}
 * column ({@code websearch_to_tsquery}, so "quoted phrases" and -exclusions work), topic and entity through
 * {@code article_topics} / {@code article_entities}, source case-insensitive; newest first by version time, paged
 * with LIMIT/OFFSET and a total. Withdrawn (killed) stories are not found. Each hit is the row's {@code document}
 * (the enriched record as JSON) mapped to ninjs by {@link StoryJson#fromDocument}. A connection per request: the
 * desk's search rate is an editor's, and no pool means nothing to leak.
 */
final class ArchiveSearch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeskConfig.Archive db;

    ArchiveSearch(DeskConfig.Archive db) {
        this.db = db;
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        p.setProperty("readOnly", "true");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "30");
        Connection c = DriverManager.getConnection(db.url(), p);
        c.setReadOnly(true);
        return c;
    }

    SearchQuery.Page search(SearchQuery q) throws SQLException, IOException {
        String articles = db.schema() + ".articles";
        StringBuilder sql = new StringBuilder("SELECT a.document, count(*) OVER () AS total FROM ").append(articles)
                .append(" a WHERE a.status = 'usable'");
        List<String> args = new ArrayList<>();
        if (q.q() != null) {
            sql.append(" AND a.tsv @@ websearch_to_tsquery('").append(db.textSearchConfig()).append("'::regconfig, ?)");
            args.add(q.q());
        }
        if (q.topic() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM ").append(db.schema()).append(".article_topics t WHERE t.story_id = a.story_id AND t.code = ?)");
            args.add(q.topic());
        }
        if (q.entity() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM ").append(db.schema()).append(".article_entities e WHERE e.story_id = a.story_id AND e.entity_id = ?)");
            args.add(q.entity());
        }
        if (q.source() != null) {
            sql.append(" AND lower(a.source) = lower(?)");
            args.add(q.source());
        }
        sql.append(" ORDER BY coalesce(a.version_created, a.received) DESC NULLS LAST, a.story_id LIMIT ? OFFSET ?");
        List<ObjectNode> stories = new ArrayList<>();
        long total = 0;
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String a : args) {
                st.setString(i++, a);
            }
            st.setInt(i++, q.limit());
            st.setLong(i, (long) q.page() * q.limit());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stories.add(StoryJson.fromDocument(JSON.readTree(rs.getString(1))));
                    total = rs.getLong(2);
                }
            }
        }
        if (stories.isEmpty() && q.page() > 0) {
            total = count(q); // past the last page: the window function had no row to report the total on
        }
        return new SearchQuery.Page("archive", q.page(), q.limit(), total, stories);
    }

    private long count(SearchQuery q) throws SQLException, IOException {
        SearchQuery.Page first = search(new SearchQuery(q.q(), q.topic(), q.entity(), q.source(), 0, 1, false));
        return first.total();
    }

    /** The latest version of one story, ninjs ({@code canceled} when withdrawn), or null. */
    ObjectNode story(String storyId) throws SQLException, IOException {
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement("SELECT document, status FROM " + db.schema() + ".articles WHERE story_id = ?")) {
            st.setString(1, storyId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ObjectNode story = StoryJson.fromDocument(JSON.readTree(rs.getString(1)));
                if ("withdrawn".equals(rs.getString(2))) {
                    story.put("pubstatus", "canceled"); // killed: the row keeps the last usable text, withdrawn
                }
                return story;
            }
        }
    }
}

package io.wirestream.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wirestream.sink.article.ArticleChange;
import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.ConnectRecords;
import io.wirestream.sink.testutil.Postgres;

/** The writer against the real PostgreSQL, one random schema per test. */
class PostgresWriterIT {

    private final Postgres pg = Postgres.withRandomSchema("writer");
    private final ConnectRecords records = new ConnectRecords("news.enriched");
    private PostgresWriter writer;

    private PostgresWriter writer(String... extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "connection.url", Postgres.URL, "connection.user", Postgres.USER, "schema", pg.schema()));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        writer = new PostgresWriter(new PostgresSinkConfig(props));
        return writer;
    }

    private void write(SinkRecord... batch) throws Exception {
        List<PostgresWriter.Failure> failures = writer.write(List.of(batch).stream().map(ArticleChange::of).toList());
        assertThat(failures).isEmpty();
    }

    @AfterEach
    void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
        records.close();
        pg.close();
    }

    @Test
    void writesTheArticleWithItsEntitiesAndTopics() throws Exception {
        writer();
        write(records.record(Articles.seed("s1", 1), 0));

        assertThat(pg.rows("SELECT story_id, version, status, pub_status, byline, dateline, urgency, received, document->'article'->>'storyId' FROM "
                + pg.schema() + ".articles")).containsExactly(
                "s1|1|usable|USABLE|Dai Nagata and Takashi Kida|MOSCOW|3|2018-08-01 03:00:01+00|s1");
        assertThat(pg.rows("SELECT entity_id, name, type, roles, linked_to, salience, mentions FROM " + pg.schema()
                + ".article_entities ORDER BY entity_id")).containsExactly(
                "loc:iso3166:JP|Japan|LOCATION|{}|null|0.8|1",
                "org:lockheed-martin|Lockheed Martin|ORGANIZATION|{}|null|0.2|0",
                "person:itsunori-onodera|Itsunori Onodera|PERSON|{\"Defense Minister\"}|loc:iso3166:JP|0.6|0");
        assertThat(pg.rows("SELECT code, label, iptc, score FROM " + pg.schema() + ".article_topics ORDER BY code")).containsExactly(
                "missile-defense|Missile defense|medtop:20000150|4.5",
                "northern-territories|Northern Territories|null|2");
    }

    @Test
    void fullTextSearchFindsTheSeedStory() throws Exception {
        writer();
        write(records.record(Articles.seed("s1", 1), 0), records.record(Articles.plain("s2", 1, "Oil prices"), 1));

        assertThat(pg.rows("SELECT story_id FROM " + pg.schema() + ".articles WHERE tsv @@ to_tsquery('english', 'missile & defense')"))
                .containsExactly("s1");
    }

    @Test
    void aNewerVersionReplacesTheOlderAndALateOlderVersionDoesNotUndoIt() throws Exception {
        writer();
        write(records.record(Articles.seed("s1", 1), 0));
        write(records.record(Articles.seed("s1", 2), 1));
        List<String> afterV2 = pg.dump();
        write(records.record(Articles.seed("s1", 1), 2));

        assertThat(pg.rows("SELECT version, headline FROM " + pg.schema() + ".articles"))
                .containsExactly("2|Russia voices concern over Japan's Aegis Ashore missile defense plan (update 2)");
        assertThat(pg.dump()).isEqualTo(afterV2);
    }

    @Test
    void withinOneBatchTheHighestVersionWins() throws Exception {
        writer();
        write(records.record(Articles.seed("s1", 3), 0), records.record(Articles.seed("s1", 1), 1), records.record(Articles.seed("s1", 2), 2));

        assertThat(pg.rows("SELECT version FROM " + pg.schema() + ".articles")).containsExactly("3");
    }

    @Test
    void aKillWithdrawsTheStoryFromSearchAndKeepsItWithdrawn() throws Exception {
        writer();
        write(records.record(Articles.seed("s1", 1), 0));
        write(records.record(Articles.kill("s1", 2), 1));
        write(records.record(Articles.seed("s1", 1), 2));

        assertThat(pg.rows("SELECT status, pub_status, version, tsv = ''::tsvector FROM " + pg.schema() + ".articles"))
                .containsExactly("withdrawn|CANCELED|2|t");
        assertThat(pg.rows("SELECT story_id FROM " + pg.schema() + ".articles WHERE tsv @@ to_tsquery('english', 'missile & defense')")).isEmpty();
        assertThat(pg.count("article_entities")).isZero();
        assertThat(pg.count("article_topics")).isZero();
    }

    @Test
    void aKillDeletesTheStoryInDeleteMode() throws Exception {
        writer("kill.mode", "delete");
        write(records.record(Articles.seed("s1", 1), 0), records.record(Articles.seed("s2", 1), 1));
        write(records.record(Articles.kill("s1", 2), 2));

        assertThat(pg.rows("SELECT story_id FROM " + pg.schema() + ".articles")).containsExactly("s2");
        assertThat(pg.rows("SELECT DISTINCT story_id FROM " + pg.schema() + ".article_entities")).containsExactly("s2");
    }

    @Test
    void aTombstoneDeletesTheStoryAndItsRows() throws Exception {
        writer();
        write(records.record(Articles.seed("s1", 1), 0));
        write(records.tombstone("s1", 1));

        assertThat(pg.count("articles")).isZero();
        assertThat(pg.count("article_entities")).isZero();
        assertThat(pg.count("article_topics")).isZero();
    }

    @Test
    void redeliveringTheSameBatchLeavesTheTablesByteForByteTheSame() throws Exception {
        writer("batch.size", "2");
        SinkRecord[] batch = {
            records.record(Articles.seed("s1", 1), 0), records.record(Articles.seed("s2", 1), 1),
            records.record(Articles.seed("s1", 2), 2), records.record(Articles.kill("s3", 1), 3),
            records.record(Articles.plain("s4", 1, "Bond yields"), 4)};
        write(batch);
        List<String> first = pg.dump();
        write(batch);
        write(batch);

        assertThat(first).hasSize(4 + 3 * 3 + 3 * 2);
        assertThat(pg.dump()).isEqualTo(first);
    }

    @Test
    void aRedeliveryOfTheStoredVersionDoesNotRewriteItsRows() throws Exception {
        writer();
        SinkRecord story = records.record(Articles.seed("s1", 1), 0);
        write(story);
        // xmin names the transaction that wrote each row version: unchanged means not rewritten
        List<String> before = rowVersions();
        write(story);
        write(records.record(Articles.seed("s1", 1), 1));

        assertThat(rowVersions()).isEqualTo(before);
    }

    @Test
    void theSameVersionWithOtherContentIsRewritten() throws Exception {
        writer();
        write(records.record(Articles.seed("s1", 1), 0));
        io.wirestream.schemas.EnrichedArticle corrected = Articles.seed("s1", 1);
        corrected.getArticle().setHeadline("Corrected headline");
        corrected.setTopics(List.of());
        write(records.record(corrected, 1));

        assertThat(pg.rows("SELECT version, headline, document->'article'->>'headline' FROM " + pg.schema() + ".articles"))
                .containsExactly("1|Corrected headline|Corrected headline");
        assertThat(pg.rows("SELECT story_id FROM " + pg.schema() + ".articles WHERE tsv @@ to_tsquery('english', 'corrected')"))
                .containsExactly("s1");
        assertThat(pg.count("article_topics")).isZero();
        assertThat(pg.count("article_entities")).isEqualTo(3);
    }

    @Test
    void aWithdrawnStoryComesBackOnlyWithANewerVersion() throws Exception {
        writer();
        write(records.record(Articles.kill("s1", 1), 0));
        write(records.record(Articles.seed("s1", 1), 1));
        assertThat(pg.rows("SELECT status, version FROM " + pg.schema() + ".articles")).containsExactly("withdrawn|1");

        write(records.record(Articles.seed("s1", 2), 2));

        assertThat(pg.rows("SELECT status, version FROM " + pg.schema() + ".articles")).containsExactly("usable|2");
        assertThat(pg.rows("SELECT story_id FROM " + pg.schema() + ".articles WHERE tsv @@ to_tsquery('english', 'missile & defense')"))
                .containsExactly("s1");
        assertThat(pg.count("article_entities")).isEqualTo(3);
    }

    /**
     * New stories have no entity or topic rows to delete, so their batches never read those tables: the delete by a
     * batch of story ids was a scan of each child table per batch on tables never analysed, which made the sink slower
     * the more it had written (sink/README.md, "Custom plans").
     */
    @Test
    void batchesOfNewStoriesNeverScanTheEntityAndTopicTables() throws Exception {
        writer();
        int batches = 8; // more than the five runs after which the driver prepares a statement on the server
        int perBatch = 20;
        for (int b = 0; b < batches; b++) {
            SinkRecord[] batch = new SinkRecord[perBatch];
            for (int i = 0; i < perBatch; i++) {
                batch[i] = records.record(Articles.seed("s" + b + "-" + i, 1), b * perBatch + i);
            }
            write(batch);
        }

        // the server publishes a session's table statistics some time after its transactions: wait until every child
        // row the writer inserted is counted, then its scans of the same tables are too; building a table's indexes
        // when it was created scanned it once per index, and nothing else may have
        String stats = "SELECT relname || '|' || n_tup_ins || '|' || (seq_scan - (SELECT count(*) FROM pg_indexes i"
                + " WHERE i.schemaname = t.schemaname AND i.tablename = t.relname)) FROM pg_stat_user_tables t WHERE schemaname = '"
                + pg.schema() + "' AND relname IN ('article_entities', 'article_topics') ORDER BY relname";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> pg.rows(stats).stream().map(r -> r.split("\\|")[1]).toList(),
                        inserted -> inserted.equals(List.of(String.valueOf(3 * batches * perBatch), String.valueOf(2 * batches * perBatch))));
        assertThat(pg.rows(stats)).containsExactly(
                "article_entities|" + 3 * batches * perBatch + "|0",
                "article_topics|" + 2 * batches * perBatch + "|0");
        assertThat(pg.rows("SELECT count(*) FROM " + pg.schema() + ".article_entities")).containsExactly(String.valueOf(3 * batches * perBatch));
    }

    @Test
    void largeValuesAreCompressedWithLz4WhenTheServerHasIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pg.rows("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
                + " AND 'lz4' = ANY(enumvals)").size() == 1, "PostgreSQL 14+ built with lz4");
        writer();
        write(records.record(Articles.large("s1", 1), 0));

        assertThat(pg.rows("SELECT pg_column_compression(document) FROM " + pg.schema() + ".articles")).containsExactly("lz4");
    }

    private List<String> rowVersions() {
        List<String> rows = new java.util.ArrayList<>(pg.rows("SELECT story_id, xmin FROM " + pg.schema() + ".articles ORDER BY story_id"));
        rows.addAll(pg.rows("SELECT entity_id, xmin FROM " + pg.schema() + ".article_entities ORDER BY entity_id"));
        rows.addAll(pg.rows("SELECT code, xmin FROM " + pg.schema() + ".article_topics ORDER BY code"));
        return rows;
    }

    @Test
    void anExistingTableThatDoesNotMatchIsRefusedWithAClearMessage() {
        pg.execute("CREATE SCHEMA " + pg.schema());
        pg.execute("CREATE TABLE " + pg.schema() + ".articles (story_id text PRIMARY KEY, version text, document json)");
        writer();

        assertThatThrownBy(() -> writer.open())
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(pg.schema() + ".articles.version is text, expected integer")
                .hasMessageContaining(pg.schema() + ".articles.document is json, expected jsonb")
                .hasMessageContaining("has no column headline");
    }

    @Test
    void theClusterColumnsAreWrittenAndAddedToATableCreatedBeforeThem() throws Exception {
        writer();
        write(records.record(Articles.seed("s1", 1), 0));
        writer.close();
        // as the table was before one story per event: without the two columns
        pg.execute("ALTER TABLE " + pg.schema() + ".articles DROP COLUMN cluster_id, DROP COLUMN duplicate_of");

        writer();
        io.wirestream.schemas.EnrichedArticle copy = Articles.seed("s2", 1);
        copy.setClusterId("s1");
        copy.setDuplicateOf("s1");
        write(records.record(copy, 1));

        assertThat(pg.rows("SELECT story_id, cluster_id, duplicate_of FROM " + pg.schema() + ".articles ORDER BY story_id"))
                .containsExactly("s1|null|null", "s2|s1|s1");
    }

    @Test
    void missingTablesAreRefusedWhenAutoCreateIsOff() {
        writer("auto.create", "false");

        assertThatThrownBy(() -> writer.open())
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("do not exist and auto.create is false");
    }
}

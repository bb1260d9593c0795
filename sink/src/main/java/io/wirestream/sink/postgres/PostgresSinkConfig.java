package io.wirestream.sink.postgres;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of {@link PostgresSinkConnector}: one {@link ConfigDef}, every key documented. */
public final class PostgresSinkConfig extends AbstractConfig {

    private static final String CONNECTION_GROUP = "Connection";
    private static final String WRITES_GROUP = "Writes";
    private static final String TABLES_GROUP = "Tables";
    private static final String RETRIES_GROUP = "Retries";

    public static final String CONNECTION_URL_CONFIG = "connection.url";
    private static final String CONNECTION_URL_DOC = "JDBC URL of the PostgreSQL database, e.g. jdbc:postgresql://127.0.0.1:5432/news.";

    public static final String CONNECTION_USER_CONFIG = "connection.user";
    public static final String CONNECTION_USER_DEFAULT = "postgres";
    private static final String CONNECTION_USER_DOC = "Database user the connector logs in as; it needs CREATE on the schema when auto.create is true.";

    public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
    private static final String CONNECTION_PASSWORD_DOC = "Password of connection.user; empty for trust authentication. Never logged.";

    public static final String SCHEMA_CONFIG = "schema";
    public static final String SCHEMA_DEFAULT = "public";
    private static final String SCHEMA_DOC = "PostgreSQL schema that holds the tables articles, article_entities and article_topics.";

    public static final String AUTO_CREATE_CONFIG = "auto.create";
    public static final boolean AUTO_CREATE_DEFAULT = true;
    private static final String AUTO_CREATE_DOC = "Create the schema, the tables and their indexes when missing. Existing tables "
            + "are never altered: one that does not match is refused with a message naming the difference.";

    public static final String KILL_MODE_CONFIG = "kill.mode";
    public static final String KILL_MODE_DEFAULT = KillMode.WITHDRAW.configValue();
    private static final String KILL_MODE_DOC = "What a kill notice (pubStatus WITHHELD or CANCELED) does: 'withdraw' keeps the row "
            + "with status 'withdrawn', an empty search vector and no entity/topic rows (a late older version cannot bring it back); "
            + "'delete' deletes the story and its rows. A tombstone (null value) always deletes.";

    public static final String TEXT_SEARCH_CONFIG_CONFIG = "text.search.config";
    public static final String TEXT_SEARCH_CONFIG_DEFAULT = "english";
    private static final String TEXT_SEARCH_CONFIG_DOC = "PostgreSQL text search configuration used by the generated tsv column "
            + "(headline weighted A, slugline and dateline B, body D). Only read when the table is created.";

    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final int BATCH_SIZE_DEFAULT = 500;
    private static final String BATCH_SIZE_DOC = "Most rows sent in one statement or JDBC batch; a put() larger than this is "
            + "written in several statements, still in one transaction.";

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    public static final int MAX_RETRIES_DEFAULT = -1;
    private static final String MAX_RETRIES_DOC = "How many times in a row a put() that failed on a connection or transient "
            + "database error is retried (the whole batch, from a fresh connection) before the task fails; -1 (the default) "
            + "retries until the database is back, however long the outage.";

    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 3000L;
    private static final String RETRY_BACKOFF_MS_DOC = "Wait before the first retry of a failed put(), in milliseconds; doubled "
            + "after each further failure up to retry.backoff.max.ms, back to this after a success.";

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 60_000L;
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "Longest wait between two retries of a failed put(), in milliseconds.";

    static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public static final ConfigDef CONFIG_DEF = define(new ConfigDef());

    /** What a kill notice does to the stored story. */
    public enum KillMode {
        DELETE, WITHDRAW;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(CONNECTION_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new JdbcUrlValidator(), Importance.HIGH,
                CONNECTION_URL_DOC, CONNECTION_GROUP, ++order, Width.LONG, "JDBC URL");
        def.define(CONNECTION_USER_CONFIG, Type.STRING, CONNECTION_USER_DEFAULT, Importance.HIGH,
                CONNECTION_USER_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "User");
        def.define(CONNECTION_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.HIGH,
                CONNECTION_PASSWORD_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "Password");
        order = 0;
        def.define(SCHEMA_CONFIG, Type.STRING, SCHEMA_DEFAULT, new IdentifierValidator(), Importance.MEDIUM,
                SCHEMA_DOC, TABLES_GROUP, ++order, Width.MEDIUM, "Schema");
        def.define(AUTO_CREATE_CONFIG, Type.BOOLEAN, AUTO_CREATE_DEFAULT, Importance.MEDIUM,
                AUTO_CREATE_DOC, TABLES_GROUP, ++order, Width.SHORT, "Auto-create tables");
        def.define(TEXT_SEARCH_CONFIG_CONFIG, Type.STRING, TEXT_SEARCH_CONFIG_DEFAULT, new IdentifierValidator(), Importance.LOW,
                TEXT_SEARCH_CONFIG_DOC, TABLES_GROUP, ++order, Width.SHORT, "Text search configuration");
        order = 0;
        def.define(KILL_MODE_CONFIG, Type.STRING, KILL_MODE_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in("delete", "withdraw"), Importance.MEDIUM,
                KILL_MODE_DOC, WRITES_GROUP, ++order, Width.SHORT, "Kill mode");
        def.define(BATCH_SIZE_CONFIG, Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.between(1, 10_000), Importance.MEDIUM,
                BATCH_SIZE_DOC, WRITES_GROUP, ++order, Width.SHORT, "Batch size");
        order = 0;
        def.define(MAX_RETRIES_CONFIG, Type.INT, MAX_RETRIES_DEFAULT, ConfigDef.Range.atLeast(-1), Importance.LOW,
                MAX_RETRIES_DOC, RETRIES_GROUP, ++order, Width.SHORT, "Max retries");
        def.define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, ConfigDef.Range.atLeast(0), Importance.LOW,
                RETRY_BACKOFF_MS_DOC, RETRIES_GROUP, ++order, Width.SHORT, "Retry backoff (ms)");
        def.define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT, ConfigDef.Range.atLeast(0), Importance.LOW,
                RETRY_BACKOFF_MAX_MS_DOC, RETRIES_GROUP, ++order, Width.SHORT, "Max retry backoff (ms)");
        return def;
    }

    public PostgresSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
    }

    public String connectionUrl() {
        return getString(CONNECTION_URL_CONFIG);
    }

    public String user() {
        return getString(CONNECTION_USER_CONFIG);
    }

    public Password password() {
        return getPassword(CONNECTION_PASSWORD_CONFIG);
    }

    public String schema() {
        return getString(SCHEMA_CONFIG);
    }

    public boolean autoCreate() {
        return getBoolean(AUTO_CREATE_CONFIG);
    }

    public KillMode killMode() {
        return KillMode.valueOf(getString(KILL_MODE_CONFIG).toUpperCase(Locale.ROOT));
    }

    public String textSearchConfig() {
        return getString(TEXT_SEARCH_CONFIG_CONFIG);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES_CONFIG);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS_CONFIG);
    }

    public long retryBackoffMaxMs() {
        return Math.max(retryBackoffMs(), getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    /** Masks the password (as {@link Password#toString()} does); safe to log. */
    @Override
    public String toString() {
        return "PostgresSinkConfig{url=" + connectionUrl() + ", user=" + user() + ", password=" + password()
                + ", schema=" + schema() + ", autoCreate=" + autoCreate() + ", killMode=" + killMode().configValue()
                + ", batchSize=" + batchSize() + "}";
    }

    /** A lower-case PostgreSQL identifier that needs no quoting. */
    static final class IdentifierValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !IDENTIFIER.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value, "must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters)");
            }
        }

        @Override
        public String toString() {
            return "[a-z_][a-z0-9_]*";
        }
    }

    /** A jdbc:postgresql: URL. */
    static final class JdbcUrlValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !value.toString().startsWith("jdbc:postgresql:")) {
                throw new ConfigException(name, value, "must be a PostgreSQL JDBC URL starting with jdbc:postgresql:");
            }
        }

        @Override
        public String toString() {
            return "jdbc:postgresql://host:port/database";
        }
    }
}

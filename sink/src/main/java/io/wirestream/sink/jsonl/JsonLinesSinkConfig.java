package io.wirestream.sink.jsonl;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link JsonLinesSinkConnector}: one {@link ConfigDef}, every key documented. */
public final class JsonLinesSinkConfig extends AbstractConfig {

    private static final String FILES_GROUP = "Files";
    private static final String ROLLING_GROUP = "Rolling";

    public static final String DIRECTORY_CONFIG = "directory";
    private static final String DIRECTORY_DOC = "Directory the files are written under, one sub-directory per day (yyyy-MM-dd). "
            + "Created when missing.";

    public static final String FILE_PREFIX_CONFIG = "file.prefix";
    public static final String FILE_PREFIX_DEFAULT = "news";
    private static final String FILE_PREFIX_DOC = "First part of every file name: <prefix>-<topic>-<partition>-<first offset>-<last offset>.jsonl.";

    public static final String FSYNC_CONFIG = "fsync";
    public static final boolean FSYNC_DEFAULT = true;
    private static final String FSYNC_DOC = "fsync each file and its directory before it is moved into place and its offsets "
            + "committed. Turn off only where losing the last seconds on a power cut is acceptable.";

    public static final String KAFKA_PREFIX = "kafka.";
    public static final String KAFKA_BOOTSTRAP_SERVERS_CONFIG = KAFKA_PREFIX + "bootstrap.servers";
    private static final String KAFKA_BOOTSTRAP_SERVERS_DOC = "The Kafka cluster of the topics (host:port,...). When set, the "
            + "sink reads each topic's id and records it next to the files: files written from an earlier topic of the same "
            + "name (deleted and created again, e.g. after the broker's data was reset) are moved to superseded/<old id>/ "
            + "with a WARN instead of being taken as this topic's, so no offset of the new topic is skipped. Empty: no check. "
            + "Other kafka.* keys (kafka.security.protocol, kafka.sasl.*, kafka.ssl.*) go to the client that reads the ids.";

    public static final String ROLL_SIZE_BYTES_CONFIG = "roll.size.bytes";
    public static final long ROLL_SIZE_BYTES_DEFAULT = 64L * 1024 * 1024;
    private static final String ROLL_SIZE_BYTES_DOC = "Close a file and start the next once it holds at least this many bytes. "
            + "Files are also closed when the day changes and at the first offset commit after roll.interval.ms.";

    public static final String ROLL_INTERVAL_MS_CONFIG = "roll.interval.ms";
    public static final long ROLL_INTERVAL_MS_DEFAULT = 10_000L;
    private static final String ROLL_INTERVAL_MS_DOC = "How long a partition's file stays open for appending across offset "
            + "commits: at each commit the lines appended since the last one are flushed and fsynced, and the hidden file's "
            + "name records the committed range, before their offsets are committed; the file is closed (renamed into "
            + "place, visible) at the first commit after it has been open this long. So a trickle of stories gives one "
            + "file per interval, not one per commit, and a story is visible at most this long (plus one commit) after "
            + "it was committed. 0: close the file at every commit.";

    public static final String ROLL_TIME_ZONE_CONFIG = "roll.time.zone";
    public static final String ROLL_TIME_ZONE_DEFAULT = "UTC";
    private static final String ROLL_TIME_ZONE_DOC = "Time zone of the day a record belongs to (by its Kafka timestamp), which names its directory.";

    public static final ConfigDef CONFIG_DEF = define(new ConfigDef());

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(DIRECTORY_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                DIRECTORY_DOC, FILES_GROUP, ++order, Width.LONG, "Directory");
        def.define(FILE_PREFIX_CONFIG, Type.STRING, FILE_PREFIX_DEFAULT, new FilePrefixValidator(), Importance.LOW,
                FILE_PREFIX_DOC, FILES_GROUP, ++order, Width.SHORT, "File prefix");
        def.define(FSYNC_CONFIG, Type.BOOLEAN, FSYNC_DEFAULT, Importance.LOW,
                FSYNC_DOC, FILES_GROUP, ++order, Width.SHORT, "fsync");
        def.define(KAFKA_BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "", Importance.MEDIUM,
                KAFKA_BOOTSTRAP_SERVERS_DOC, FILES_GROUP, ++order, Width.LONG, "Kafka bootstrap servers (topic ids)");
        order = 0;
        def.define(ROLL_SIZE_BYTES_CONFIG, Type.LONG, ROLL_SIZE_BYTES_DEFAULT, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                ROLL_SIZE_BYTES_DOC, ROLLING_GROUP, ++order, Width.SHORT, "Roll size (bytes)");
        def.define(ROLL_INTERVAL_MS_CONFIG, Type.LONG, ROLL_INTERVAL_MS_DEFAULT, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                ROLL_INTERVAL_MS_DOC, ROLLING_GROUP, ++order, Width.SHORT, "Roll interval (ms)");
        def.define(ROLL_TIME_ZONE_CONFIG, Type.STRING, ROLL_TIME_ZONE_DEFAULT, new ZoneValidator(), Importance.LOW,
                ROLL_TIME_ZONE_DOC, ROLLING_GROUP, ++order, Width.SHORT, "Roll time zone");
        return def;
    }

    public JsonLinesSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
    }

    public Path directory() {
        return Path.of(getString(DIRECTORY_CONFIG));
    }

    public String filePrefix() {
        return getString(FILE_PREFIX_CONFIG);
    }

    public boolean fsync() {
        return getBoolean(FSYNC_CONFIG);
    }

    /** The cluster to read topic ids from, or null when the check is off. */
    public String kafkaBootstrapServers() {
        String servers = getString(KAFKA_BOOTSTRAP_SERVERS_CONFIG);
        return servers == null || servers.isBlank() ? null : servers.trim();
    }

    /** The client settings for reading topic ids: every {@code kafka.*} key without its prefix. */
    public Map<String, Object> kafkaClientProps() {
        return new java.util.HashMap<>(originalsWithPrefix(KAFKA_PREFIX));
    }

    public long rollSizeBytes() {
        return getLong(ROLL_SIZE_BYTES_CONFIG);
    }

    public long rollIntervalMs() {
        return getLong(ROLL_INTERVAL_MS_CONFIG);
    }

    public ZoneId rollTimeZone() {
        return ZoneId.of(getString(ROLL_TIME_ZONE_CONFIG));
    }

    @Override
    public String toString() {
        return "JsonLinesSinkConfig{directory=" + directory() + ", prefix=" + filePrefix() + ", fsync=" + fsync()
                + ", rollSizeBytes=" + rollSizeBytes() + ", rollIntervalMs=" + rollIntervalMs() + ", zone=" + rollTimeZone() + "}";
    }

    static final class ZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of(String.valueOf(value));
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "not a time zone id (e.g. UTC, Europe/Berlin): " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a java.time.ZoneId, e.g. UTC";
        }
    }

    static final class FilePrefixValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !String.valueOf(value).matches("[A-Za-z0-9_.]+")) {
                throw new ConfigException(name, value, "letters, digits, '_' and '.' only");
            }
        }

        @Override
        public String toString() {
            return "[A-Za-z0-9_.]+";
        }
    }
}

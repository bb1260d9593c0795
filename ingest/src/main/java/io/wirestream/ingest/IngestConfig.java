package io.wirestream.ingest;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.schemas.topic.Topics;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that assembles ingest ({@link IngestService}): where articles go, how inputs are parsed, which sources
 * run. {@code wirestream ingest} builds it from its options, {@code wirestream up} and {@code bench} from theirs. Keys
 * starting with {@value #PRODUCER_PREFIX} go to the Kafka producer without the prefix (the publisher still insists on
 * idempotence, acks=all and 5 requests in flight). The table in ingest/README.md is generated from {@link #CONFIG_DEF}.
 */
public final class IngestConfig extends AbstractConfig {

    public static final String PRODUCER_PREFIX = "producer.";

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_PARSING = "Parsing";
    private static final String GROUP_SOURCES = "Sources";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String TOPIC_RAW_CONFIG = "topic.raw";
    public static final String ACK_TIMEOUT_MS_CONFIG = "ack.timeout.ms";
    public static final String FORMAT_CONFIG = "format";
    public static final String MAX_BYTES_CONFIG = "max.bytes";
    public static final String SOURCE_CONFIG = "source";
    public static final String CHARSET_CONFIG = "charset";
    public static final String WATCH_DIR_CONFIG = "watch.dir";
    public static final String WATCH_STABLE_MS_CONFIG = "watch.stable.ms";
    public static final String WATCH_POLL_MS_CONFIG = "watch.poll.ms";
    public static final String HTTP_PORT_CONFIG = "http.port";
    public static final String HTTP_HOST_CONFIG = "http.host";
    public static final String FEED_URLS_CONFIG = "feed.urls";
    public static final String FEED_INTERVAL_MS_CONFIG = "feed.interval.ms";
    public static final String FEED_STATE_FILE_CONFIG = "feed.state.file";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "localhost:9092", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka bootstrap servers, host:port[,host:port...].", GROUP_CONNECTION, 1, ConfigDef.Width.LONG, "Bootstrap servers")
            .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, "http://localhost:8081", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Confluent-compatible Schema Registry URL (http://host:port), or mock://<scope> for an in-memory registry in tests.",
                    GROUP_CONNECTION, 2, ConfigDef.Width.LONG, "Schema Registry URL")
            .define(TOPIC_PREFIX_CONFIG, Type.STRING, Topics.DEFAULT_PREFIX, Importance.MEDIUM,
                    "Prefix of the pipeline's topics; articles go to <prefix>raw unless topic.raw names another topic.",
                    GROUP_CONNECTION, 3, ConfigDef.Width.SHORT, "Topic prefix")
            .define(TOPIC_RAW_CONFIG, Type.STRING, "", Importance.LOW,
                    "Topic the RawArticles are published to. Empty: <topic.prefix>raw.", GROUP_CONNECTION, 4, ConfigDef.Width.MEDIUM, "Raw topic")
            .define(ACK_TIMEOUT_MS_CONFIG, Type.LONG, 120_000L, Range.atLeast(1), Importance.MEDIUM,
                    "How long an input waits for the broker to acknowledge all its articles before it counts as not delivered "
                            + "(the hot folder then keeps the file and retries it; HTTP answers 503).",
                    GROUP_CONNECTION, 5, ConfigDef.Width.SHORT, "Acknowledgement timeout (ms)")
            .define(FORMAT_CONFIG, Type.STRING, "", Importance.MEDIUM,
                    "Force this format (or an alias: text, anpa, 7901, newsml, json) instead of sniffing every input. Empty: sniff.",
                    GROUP_PARSING, 1, ConfigDef.Width.SHORT, "Format")
            .define(MAX_BYTES_CONFIG, Type.LONG, FormatSniffer.DEFAULT_MAX_BYTES, Range.atLeast(1), Importance.MEDIUM,
                    "Largest input accepted; larger ones are rejected before parsing (HTTP 413).", GROUP_PARSING, 2, ConfigDef.Width.SHORT, "Max bytes")
            .define(SOURCE_CONFIG, Type.STRING, "wirestream", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Source for copy that names no agency (plain text, NITF without a holder); the prefix of such stories' derived ids.",
                    GROUP_PARSING, 3, ConfigDef.Width.SHORT, "Default source")
            .define(CHARSET_CONFIG, Type.STRING, "", Importance.LOW,
                    "Charset declared for every input (as an HTTP Content-Type would). Empty: none; each format's own rules apply "
                            + "(valid UTF-8 is UTF-8, else the legacy default, see Leniency).",
                    GROUP_PARSING, 4, ConfigDef.Width.SHORT, "Charset")
            .define(WATCH_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM,
                    "Hot folder to watch; processed files move to <dir>/done, rejected ones to <dir>/rejected. Empty: no hot folder.",
                    GROUP_SOURCES, 1, ConfigDef.Width.LONG, "Hot folder")
            .define(WATCH_STABLE_MS_CONFIG, Type.LONG, 1_000L, Range.atLeast(0), Importance.LOW,
                    "Hot folder: how long a file must keep its size and mtime before it is taken.", GROUP_SOURCES, 2, ConfigDef.Width.SHORT, "Stable for (ms)")
            .define(WATCH_POLL_MS_CONFIG, Type.LONG, 2_000L, Range.atLeast(10), Importance.LOW,
                    "Hot folder: how often the folder is scanned besides the file-system events.", GROUP_SOURCES, 3, ConfigDef.Width.SHORT, "Poll interval (ms)")
            .define(HTTP_PORT_CONFIG, Type.INT, -1, Range.between(-1, 65_535), Importance.MEDIUM,
                    "Port of the HTTP endpoint (POST /articles, GET /health); 0 = any free port, -1 = no HTTP endpoint.",
                    GROUP_SOURCES, 4, ConfigDef.Width.SHORT, "HTTP port")
            .define(HTTP_HOST_CONFIG, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Address the HTTP endpoint binds.", GROUP_SOURCES, 5, ConfigDef.Width.SHORT, "HTTP host")
            .define(FEED_URLS_CONFIG, Type.LIST, "", Importance.MEDIUM,
                    "RSS / Atom feeds to poll (comma-separated URLs). Empty: none.", GROUP_SOURCES, 6, ConfigDef.Width.LONG, "Feeds")
            .define(FEED_INTERVAL_MS_CONFIG, Type.LONG, 300_000L, Range.atLeast(1_000), Importance.LOW,
                    "Time between two polls of a feed.", GROUP_SOURCES, 7, ConfigDef.Width.SHORT, "Feed interval (ms)")
            .define(FEED_STATE_FILE_CONFIG, Type.STRING, "data/ingest/feed-state.json", Importance.LOW,
                    "Where feed validators (ETag, Last-Modified) and seen item ids are kept across restarts.",
                    GROUP_SOURCES, 8, ConfigDef.Width.LONG, "Feed state file");

    public IngestConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        charset(); // fail fast on an unknown charset
        feeds();
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS_CONFIG);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL_CONFIG);
    }

    /** {@code topic.raw}, else {@code <topic.prefix>raw}. */
    public String rawTopic() {
        String raw = getString(TOPIC_RAW_CONFIG);
        return raw.isBlank() ? new Topics(getString(TOPIC_PREFIX_CONFIG)).raw() : raw.strip();
    }

    public Duration ackTimeout() {
        return Duration.ofMillis(getLong(ACK_TIMEOUT_MS_CONFIG));
    }

    /** The forced format, or null to sniff. */
    public String format() {
        String f = getString(FORMAT_CONFIG);
        return f.isBlank() ? null : f.strip();
    }

    public long maxBytes() {
        return getLong(MAX_BYTES_CONFIG);
    }

    public String source() {
        return getString(SOURCE_CONFIG);
    }

    /** The declared charset, or null. */
    public Charset charset() {
        String cs = getString(CHARSET_CONFIG);
        if (cs.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(cs.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CHARSET_CONFIG, cs, "unknown or unsupported charset");
        }
    }

    /** The hot folder, or null. */
    public Path watchDir() {
        String dir = getString(WATCH_DIR_CONFIG);
        return dir.isBlank() ? null : Path.of(dir.strip());
    }

    public Duration watchStableFor() {
        return Duration.ofMillis(getLong(WATCH_STABLE_MS_CONFIG));
    }

    public Duration watchPollInterval() {
        return Duration.ofMillis(getLong(WATCH_POLL_MS_CONFIG));
    }

    /** The HTTP port, or null when the endpoint is off. */
    public Integer httpPort() {
        int port = getInt(HTTP_PORT_CONFIG);
        return port < 0 ? null : port;
    }

    public String httpHost() {
        return getString(HTTP_HOST_CONFIG);
    }

    public List<URI> feeds() {
        try {
            return getList(FEED_URLS_CONFIG).stream().filter(s -> !s.isBlank()).map(s -> URI.create(s.strip())).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FEED_URLS_CONFIG, getList(FEED_URLS_CONFIG), "not a URL: " + e.getMessage());
        }
    }

    public Duration feedInterval() {
        return Duration.ofMillis(getLong(FEED_INTERVAL_MS_CONFIG));
    }

    public Path feedStateFile() {
        return Path.of(getString(FEED_STATE_FILE_CONFIG));
    }

    /** True when a long-running source (hot folder, HTTP, feeds) is configured. */
    public boolean longRunning() {
        return watchDir() != null || httpPort() != null || !feeds().isEmpty();
    }

    /** {@code producer.*} keys without their prefix, for {@link io.wirestream.ingest.publish.ArticlePublisher#producerConfig}. */
    public Map<String, Object> producerOverrides() {
        return new HashMap<>(originalsWithPrefix(PRODUCER_PREFIX));
    }
}

package io.wirestream.desk;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.wirestream.schemas.topic.Topics;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * What the desk needs: Kafka client properties (bootstrap servers and any security settings), the registry URL, the
 * topic names, where to listen (loopback by default), the cap on concurrent streams, the heartbeat interval, how many
 * recent stories to keep for {@code /v1/stories/{id}} and search, an optional bearer token, an optional CORS origin
 * and the optional PostgreSQL archive that search then covers. The settings are declared once in {@link #CONFIG_DEF}
 * (the README's table is generated from it, as every module's); {@link #from(Map)} reads them from properties, every
 * other key being a Kafka client property; the archive is added with {@link #withArchive}.
 */
public record DeskConfig(Map<String, Object> clientProps, String registryUrl, Topics topics, String host, int port,
                         int maxStreams, Duration heartbeat, int recentStories, String token, String corsOrigin,
                         Archive archive) {

    /**
     * The PostgreSQL sink's database, for search over the whole archive ({@code schema.articles} and its entity and
     * topic tables); {@code textSearchConfig} must be the one the sink's {@code tsv} column was generated with.
     */
    public record Archive(String url, String user, String password, String schema, String textSearchConfig) {
        public Archive {
            schema = schema == null || schema.isBlank() ? "public" : schema;
            textSearchConfig = textSearchConfig == null || textSearchConfig.isBlank() ? "english" : textSearchConfig;
            if (!schema.matches("[a-z_][a-z0-9_]*") || !textSearchConfig.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("schema and text search config are lower-case SQL names, got '"
                        + schema + "', '" + textSearchConfig + "'");
            }
        }

        @Override
        public String toString() {
            return "Archive[" + url + ", user " + user + ", schema " + schema + (password == null ? "" : ", password ***") + "]";
        }
    }

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8095;

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String TOPICS_PREFIX_CONFIG = "topics.prefix";
    public static final String LISTEN_HOST_CONFIG = "listen.host";
    public static final String LISTEN_PORT_CONFIG = "listen.port";
    public static final String MAX_STREAMS_CONFIG = "max.streams";
    public static final String HEARTBEAT_MS_CONFIG = "heartbeat.ms";
    public static final String RECENT_STORIES_CONFIG = "recent.stories";
    public static final String TOKEN_CONFIG = "token";
    public static final String CORS_ORIGIN_CONFIG = "cors.origin";

    /** The desk's own settings; {@code bootstrap.servers} and the other Kafka client keys are not declared here. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
        .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, "http://127.0.0.1:8081", Importance.HIGH,
            "Schema Registry URL; its credentials (basic.auth.*, bearer.auth.*, schema.registry.ssl.*) ride with the client properties.", "Cluster", 1, ConfigDef.Width.LONG, "Registry")
        .define(TOPICS_PREFIX_CONFIG, Type.STRING, Topics.DEFAULT_PREFIX, Importance.MEDIUM,
            "Prefix of the pipeline's topics: the desk reads PREFIXenriched and PREFIXtopic.<slug>.", "Cluster", 2, ConfigDef.Width.SHORT, "Topic prefix")
        .define(LISTEN_HOST_CONFIG, Type.STRING, DEFAULT_HOST, Importance.HIGH,
            "Address to listen on (loopback by default; with another address, set a token).", "HTTP", 1, ConfigDef.Width.MEDIUM, "Host")
        .define(LISTEN_PORT_CONFIG, Type.INT, DEFAULT_PORT, Range.between(0, 65535), Importance.HIGH,
            "Port to listen on; 0 picks a free one.", "HTTP", 2, ConfigDef.Width.SHORT, "Port")
        .define(MAX_STREAMS_CONFIG, Type.INT, 100, Range.atLeast(1), Importance.MEDIUM,
            "Most open streams (SSE) at once; one more is answered 429.", "HTTP", 3, ConfigDef.Width.SHORT, "Max streams")
        .define(HEARTBEAT_MS_CONFIG, Type.LONG, 15_000L, Range.atLeast(100), Importance.LOW,
            "Interval of the comment lines that keep an idle stream open through proxies.", "HTTP", 4, ConfigDef.Width.SHORT, "Heartbeat")
        .define(RECENT_STORIES_CONFIG, Type.INT, 1000, Range.atLeast(0), Importance.MEDIUM,
            "Stories kept in memory for /v1/stories/{id} and /v1/search.", "HTTP", 5, ConfigDef.Width.SHORT, "Recent stories")
        .define(TOKEN_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
            "Bearer token every request must carry (Authorization: Bearer, cookie desk_token or ?access_token=); none: no check.", "HTTP", 6, ConfigDef.Width.MEDIUM, "Token")
        .define(CORS_ORIGIN_CONFIG, Type.STRING, "", Importance.LOW,
            "Origin allowed by CORS; empty: CORS off.", "HTTP", 7, ConfigDef.Width.MEDIUM, "CORS origin");

    /**
     * The desk's config from properties: its own keys ({@link #CONFIG_DEF}, validated), every other key a Kafka client
     * property (at least {@code bootstrap.servers}).
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key whose value is invalid
     */
    public static DeskConfig from(Map<String, ?> props) {
        AbstractConfig c = new AbstractConfig(CONFIG_DEF, props, false);
        Map<String, Object> clientProps = new HashMap<>(props);
        clientProps.keySet().removeIf(k -> CONFIG_DEF.names().contains(k) && !k.equals(SCHEMA_REGISTRY_URL_CONFIG));
        Password token = c.getPassword(TOKEN_CONFIG);
        String cors = c.getString(CORS_ORIGIN_CONFIG);
        return new DeskConfig(Map.copyOf(clientProps), c.getString(SCHEMA_REGISTRY_URL_CONFIG), new Topics(c.getString(TOPICS_PREFIX_CONFIG)),
            c.getString(LISTEN_HOST_CONFIG), c.getInt(LISTEN_PORT_CONFIG), c.getInt(MAX_STREAMS_CONFIG),
            Duration.ofMillis(c.getLong(HEARTBEAT_MS_CONFIG)), c.getInt(RECENT_STORIES_CONFIG),
            token == null ? null : token.value(), cors.isBlank() ? null : cors, null);
    }

    public static DeskConfig defaults(Map<String, Object> clientProps, String registryUrl) {
        return new DeskConfig(Map.copyOf(clientProps), registryUrl, Topics.defaults(), DEFAULT_HOST, DEFAULT_PORT, 100,
                Duration.ofSeconds(15), 1000, null, null, null);
    }

    public DeskConfig withTopics(Topics t) {
        return new DeskConfig(clientProps, registryUrl, t, host, port, maxStreams, heartbeat, recentStories, token, corsOrigin, archive);
    }

    public DeskConfig withListen(String h, int p) {
        return new DeskConfig(clientProps, registryUrl, topics, h, p, maxStreams, heartbeat, recentStories, token, corsOrigin, archive);
    }

    public DeskConfig withMaxStreams(int n) {
        return new DeskConfig(clientProps, registryUrl, topics, host, port, n, heartbeat, recentStories, token, corsOrigin, archive);
    }

    public DeskConfig withHeartbeat(Duration d) {
        return new DeskConfig(clientProps, registryUrl, topics, host, port, maxStreams, d, recentStories, token, corsOrigin, archive);
    }

    public DeskConfig withRecentStories(int n) {
        return new DeskConfig(clientProps, registryUrl, topics, host, port, maxStreams, heartbeat, n, token, corsOrigin, archive);
    }

    public DeskConfig withToken(String t) {
        return new DeskConfig(clientProps, registryUrl, topics, host, port, maxStreams, heartbeat, recentStories, t, corsOrigin, archive);
    }

    public DeskConfig withArchive(Archive a) {
        return new DeskConfig(clientProps, registryUrl, topics, host, port, maxStreams, heartbeat, recentStories, token, corsOrigin, a);
    }

    public DeskConfig withCorsOrigin(String o) {
        return new DeskConfig(clientProps, registryUrl, topics, host, port, maxStreams, heartbeat, recentStories, token, o, archive);
    }
}

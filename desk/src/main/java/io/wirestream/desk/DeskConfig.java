package io.wirestream.desk;

import java.time.Duration;
import java.util.Map;

import io.wirestream.schemas.topic.Topics;

/**
 * What the desk needs: Kafka client properties (bootstrap servers and any security settings), the registry URL, the
 * topic names, where to listen (loopback by default), the cap on concurrent streams, the heartbeat interval, how many
 * recent stories to keep for {@code /v1/stories/{id}} and search, an optional bearer token, an optional CORS origin
 * and the optional PostgreSQL archive that search then covers.
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

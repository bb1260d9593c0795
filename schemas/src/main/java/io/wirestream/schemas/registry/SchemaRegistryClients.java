package io.wirestream.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the right {@link SchemaRegistryClient} for a URL: {@code http(s)://...} (comma-separated for several)
 * gives an {@link HttpSchemaRegistryClient}; {@code mock://<scope>} gives the in-memory
 * {@link MockSchemaRegistryClient} shared by everyone using the same scope in this JVM.
 */
public final class SchemaRegistryClients {

    /** URL scheme of the in-memory registry. */
    public static final String MOCK_SCHEME = "mock://";

    private static final Map<String, MockSchemaRegistryClient> MOCK_SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    /** A client with default retry and timeout settings. */
    public static SchemaRegistryClient create(String url) {
        String mockScope = mockScope(url);
        if (mockScope != null) {
            return MOCK_SCOPES.computeIfAbsent(mockScope, s -> new MockSchemaRegistryClient());
        }
        return new HttpSchemaRegistryClient(url);
    }

    /**
     * Like {@link #create(String)}, with the given retry settings for an HTTP registry.
     *
     * @param maxAttempts attempts per request in all (1 = no retry)
     * @param initialBackoffMs wait before the first retry, doubled each time up to {@code maxBackoffMs}
     * @param requestTimeoutMs timeout of one HTTP request
     */
    public static SchemaRegistryClient create(String url, int maxAttempts, long initialBackoffMs, long maxBackoffMs,
                                              long requestTimeoutMs) {
        if (mockScope(url) != null) {
            return create(url);
        }
        return HttpSchemaRegistryClient.builder(url)
                .maxAttempts(maxAttempts)
                .initialBackoff(java.time.Duration.ofMillis(initialBackoffMs))
                .maxBackoff(java.time.Duration.ofMillis(maxBackoffMs))
                .requestTimeout(java.time.Duration.ofMillis(requestTimeoutMs))
                .build();
    }

    /**
     * Like {@link #create(String, int, long, long, long)}, authenticating and trusting as {@code securityConfigs} say
     * (Confluent's keys, see {@link RegistryClientSecurity}); a mock:// URL ignores them.
     */
    public static SchemaRegistryClient create(String url, int maxAttempts, long initialBackoffMs, long maxBackoffMs,
                                              long requestTimeoutMs, java.util.Map<String, ?> securityConfigs) {
        if (mockScope(url) != null) {
            return create(url);
        }
        return RegistryClientSecurity.from(securityConfigs, url).applyTo(HttpSchemaRegistryClient.builder(url))
                .maxAttempts(maxAttempts)
                .initialBackoff(java.time.Duration.ofMillis(initialBackoffMs))
                .maxBackoff(java.time.Duration.ofMillis(maxBackoffMs))
                .requestTimeout(java.time.Duration.ofMillis(requestTimeoutMs))
                .build();
    }

    /** Like {@link #create(String)}, authenticating and trusting as {@code securityConfigs} say (see {@link RegistryClientSecurity}). */
    public static SchemaRegistryClient create(String url, java.util.Map<String, ?> securityConfigs) {
        if (mockScope(url) != null) {
            return create(url);
        }
        return RegistryClientSecurity.from(securityConfigs, url).applyTo(HttpSchemaRegistryClient.builder(url)).build();
    }

    /** Forgets the in-memory registry of one mock scope ({@code "x"} or {@code "mock://x"}); the next create starts empty. */
    public static void dropMockScope(String scope) {
        if (scope == null) {
            return;
        }
        String name = scope.startsWith(MOCK_SCHEME) ? scope.substring(MOCK_SCHEME.length()) : scope;
        MockSchemaRegistryClient removed = MOCK_SCOPES.remove(name);
        if (removed != null) {
            removed.reset();
        }
    }

    /** Whether the URL names an in-memory registry. */
    public static boolean isMock(String url) {
        return mockScope(url) != null;
    }

    private static String mockScope(String url) {
        if (url == null) {
            throw new IllegalArgumentException("schema registry URL must not be null");
        }
        String u = url.strip();
        if (!u.startsWith(MOCK_SCHEME)) {
            return null;
        }
        String scope = u.substring(MOCK_SCHEME.length());
        if (scope.contains(",")) {
            throw new IllegalArgumentException("Only one mock:// scope may be given, was '" + url + "'");
        }
        return scope;
    }
}

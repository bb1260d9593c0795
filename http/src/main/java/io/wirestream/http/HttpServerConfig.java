package io.wirestream.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one {@link JettyHttpServer}: every one is bounded, none is infinite.
 *
 * <ul>
 *   <li>{@code ioThreads} (default {@value #DEFAULT_IO_THREADS}): Jetty's own pool (acceptor, selector, parsing,
 *       quick answers). Reading requests and their bodies takes no thread while waiting for bytes, so a slow client
 *       costs a connection, not a thread. Jetty queues at most a job or two per connection, so this pool's queue is
 *       bounded by {@code maxConnections}.</li>
 *   <li>{@code workerThreads} (default {@value #DEFAULT_WORKER_THREADS}) and {@code queueCapacity} (default
 *       {@value #DEFAULT_QUEUE_CAPACITY}): the {@link WorkPool} where requests that block (publishing to Kafka, the
 *       registry's store) run once their body is complete. When all workers are busy and the queue is full, the request
 *       is answered 503 with {@code Retry-After}: that is the only back-pressure answer.</li>
 *   <li>{@code maxConnections} (default {@value #DEFAULT_MAX_CONNECTIONS}): open connections; at the limit the server
 *       stops accepting until one closes (clients wait in the listen backlog).</li>
 *   <li>{@code idleTimeout} (default 30 s): a connection that sends or accepts nothing for this long is closed, whether it
 *       is between requests, in the middle of its headers or of its body.</li>
 *   <li>{@code bodyTimeout} (default 30 s): the whole request body must arrive within this time after the headers,
 *       however steadily it trickles in (408 otherwise; see {@link RequestBody}).</li>
 *   <li>{@code maxHeaderBytes} (default 8 KiB): request line plus headers (431 above it).</li>
 * </ul>
 *
 * <p>Hooks, off by default: {@link #withTls(Path, String)} serves HTTPS from a PKCS#12 or JKS key store;
 * {@link #withBasicAuth(String, String)} requires HTTP basic authentication on every path (401 otherwise). Both are
 * plain configuration points: put the server behind a proxy for anything more.
 */
public record HttpServerConfig(String host, int port, int ioThreads, int workerThreads, int queueCapacity, int maxConnections,
                               Duration idleTimeout, Duration bodyTimeout, int maxHeaderBytes, Tls tls, BasicAuth basicAuth) {

    public static final int DEFAULT_IO_THREADS = 8;
    public static final int DEFAULT_WORKER_THREADS = 8;
    public static final int DEFAULT_QUEUE_CAPACITY = 64;
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    /** Jetty's acceptor and selector threads, which {@code ioThreads} must leave room for. */
    static final int JETTY_OWN_THREADS = 2;

    /** A key store to serve HTTPS from. */
    public record Tls(Path keyStore, String password) {
        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
        }
    }

    /** The one user allowed in. */
    public record BasicAuth(String user, String password) {
        public BasicAuth {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    public HttpServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (ioThreads < JETTY_OWN_THREADS + 2) {
            throw new IllegalArgumentException("ioThreads must be at least " + (JETTY_OWN_THREADS + 2) + ": " + ioThreads);
        }
        if (workerThreads < 1 || queueCapacity < 1 || maxConnections < 1 || maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("workerThreads, queueCapacity and maxConnections must be positive, maxHeaderBytes at least 1024");
        }
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(bodyTimeout, "bodyTimeout");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** The defaults above on {@code host:port} (port 0 picks a free one). */
    public static HttpServerConfig defaults(String host, int port) {
        return new HttpServerConfig(host, port, DEFAULT_IO_THREADS, DEFAULT_WORKER_THREADS, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_HEADER_BYTES, null, null);
    }

    public HttpServerConfig withPort(int port) {
        return new HttpServerConfig(host, port, ioThreads, workerThreads, queueCapacity, maxConnections, idleTimeout, bodyTimeout,
                maxHeaderBytes, tls, basicAuth);
    }

    /** {@code workerThreads} blocking requests at once, {@code queueCapacity} more waiting. */
    public HttpServerConfig withWorkers(int workerThreads, int queueCapacity) {
        return new HttpServerConfig(host, port, ioThreads, workerThreads, queueCapacity, maxConnections, idleTimeout, bodyTimeout,
                maxHeaderBytes, tls, basicAuth);
    }

    public HttpServerConfig withMaxConnections(int maxConnections) {
        return new HttpServerConfig(host, port, ioThreads, workerThreads, queueCapacity, maxConnections, idleTimeout, bodyTimeout,
                maxHeaderBytes, tls, basicAuth);
    }

    public HttpServerConfig withTimeouts(Duration idleTimeout, Duration bodyTimeout) {
        return new HttpServerConfig(host, port, ioThreads, workerThreads, queueCapacity, maxConnections, idleTimeout, bodyTimeout,
                maxHeaderBytes, tls, basicAuth);
    }

    public HttpServerConfig withTls(Path keyStore, String password) {
        return new HttpServerConfig(host, port, ioThreads, workerThreads, queueCapacity, maxConnections, idleTimeout, bodyTimeout,
                maxHeaderBytes, new Tls(keyStore, password), basicAuth);
    }

    public HttpServerConfig withBasicAuth(String user, String password) {
        return new HttpServerConfig(host, port, ioThreads, workerThreads, queueCapacity, maxConnections, idleTimeout, bodyTimeout,
                maxHeaderBytes, tls, new BasicAuth(user, password));
    }
}

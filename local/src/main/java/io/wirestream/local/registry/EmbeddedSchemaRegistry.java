package io.wirestream.local.registry;

import com.sun.net.httpserver.HttpServer;
import io.wirestream.schemas.registry.CompatibilityLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema registry speaking Confluent's REST API ({@code application/vnd.schemaregistry.v1+json}) over HTTP on
 * 127.0.0.1, serving Avro schemas. It enforces each subject's compatibility level on register (409 with Avro's
 * description of the incompatibility) and keeps everything in a compacted Kafka topic ({@value #DEFAULT_TOPIC}):
 * read back fully at start, every change written with {@code acks=all} and acknowledged before the answer, so
 * schema ids survive a restart. Meant to be the only registry writing to its topic.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    public static final String DEFAULT_TOPIC = "_wirestream_schemas";
    /** Largest request body accepted (413 above it). */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final int HTTP_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaStore store;
    private final String bootstrapServers;
    private final int port;
    private boolean closed;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, SchemaStore store, String bootstrapServers) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.bootstrapServers = bootstrapServers;
        this.port = server.getAddress().getPort();
    }

    /** Starts on a random free loopback port, storing schemas on the cluster at {@code bootstrapServers}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers) {
        return start(bootstrapServers, 0);
    }

    /** Starts on {@code port} (0 = random) of 127.0.0.1. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(bootstrapServers, port, DEFAULT_TOPIC);
    }

    /** Starts on {@code port} (0 = random) of 127.0.0.1, keeping schemas in {@code topic}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, String topic) {
        long started = System.nanoTime();
        SchemaStore store = new SchemaStore(SchemaLog.open(bootstrapServers, topic), CompatibilityLevel.BACKWARD);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + " for the schema registry", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new RegistryHttpHandler(store, MAX_REQUEST_BYTES));
        server.start();
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, executor, store, bootstrapServers);
        log.info("Embedded schema registry on {} (topic {} on {}) in {} ms", registry.url(), topic, bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return registry;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "schema-registry-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** {@code http://127.0.0.1:<port>}, the value for {@code schema.registry.url}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops answering and closes the producer; everything answered is already on the broker. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        store.close();
        log.info("Embedded schema registry on port {} stopped", port());
    }

    @Override
    public String toString() {
        return "EmbeddedSchemaRegistry[" + url() + "]";
    }
}

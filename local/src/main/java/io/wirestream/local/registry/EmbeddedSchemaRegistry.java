package io.wirestream.local.registry;

import io.wirestream.http.HttpServerConfig;
import io.wirestream.http.JettyHttpServer;
import io.wirestream.schemas.registry.CompatibilityLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A schema registry speaking Confluent's REST API ({@code application/vnd.schemaregistry.v1+json}) over HTTP on
 * 127.0.0.1, serving Avro schemas. It enforces each subject's compatibility level on register (409 with Avro's
 * description of the incompatibility) and keeps everything in a compacted Kafka topic ({@value #DEFAULT_TOPIC}):
 * read back fully at start, every change written with {@code acks=all} and acknowledged before the answer, so
 * schema ids survive a restart. Meant to be the only registry writing to its topic. HTTP is Jetty with the limits of
 * {@link HttpServerConfig} (request bodies up to {@value #MAX_REQUEST_BYTES} bytes).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    public static final String DEFAULT_TOPIC = "_wirestream_schemas";
    /** Largest request body accepted (413 above it). */
    public static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final int HTTP_WORKERS = 4;

    private final JettyHttpServer server;
    private final SchemaStore store;
    private final String bootstrapServers;
    private final int port;
    private boolean closed;

    private EmbeddedSchemaRegistry(JettyHttpServer server, SchemaStore store, String bootstrapServers) {
        this.server = server;
        this.store = store;
        this.bootstrapServers = bootstrapServers;
        this.port = server.port();
    }

    /** Starts on a random free loopback port, storing schemas on the cluster at {@code bootstrapServers}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers) {
        return start(bootstrapServers, 0);
    }

    /** Starts on {@code port} (0 = random) of 127.0.0.1. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(bootstrapServers, port, DEFAULT_TOPIC);
    }

    /**
     * Starts on {@code port} (0 = random) of 127.0.0.1, answering only requests that carry {@code basicAuth}'s
     * credentials (401 otherwise); a null {@code basicAuth} lets anyone in.
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, HttpServerConfig.BasicAuth basicAuth) {
        HttpServerConfig http = HttpServerConfig.defaults("127.0.0.1", port).withWorkers(HTTP_WORKERS, 64);
        return start(bootstrapServers, basicAuth == null ? http : http.withBasicAuth(basicAuth.user(), basicAuth.password()), DEFAULT_TOPIC);
    }

    /** Starts on {@code port} (0 = random) of 127.0.0.1, keeping schemas in {@code topic}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, String topic) {
        return start(bootstrapServers, HttpServerConfig.defaults("127.0.0.1", port).withWorkers(HTTP_WORKERS, 64), topic);
    }

    /** Starts with the HTTP limits (and address) of {@code http}, keeping schemas in {@code topic}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, HttpServerConfig http, String topic) {
        long started = System.nanoTime();
        SchemaStore store = new SchemaStore(SchemaLog.open(bootstrapServers, topic), CompatibilityLevel.BACKWARD);
        RegistryHttpHandler handler = new RegistryHttpHandler(store, MAX_REQUEST_BYTES, http.bodyTimeout());
        JettyHttpServer server;
        try {
            server = JettyHttpServer.bind("schema-registry-http", http, handler);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("Cannot listen on " + http.host() + ":" + http.port() + " for the schema registry", e);
        }
        handler.workOn(server.work());
        try {
            server.start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, store, bootstrapServers);
        log.info("Embedded schema registry on {} (topic {} on {}{}) in {} ms", registry.url(), topic, bootstrapServers,
                http.basicAuth() == null ? "" : ", basic auth required for user " + http.basicAuth().user(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return registry;
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
        server.close();
        store.close();
        log.info("Embedded schema registry on port {} stopped", port());
    }

    @Override
    public String toString() {
        return "EmbeddedSchemaRegistry[" + url() + "]";
    }
}

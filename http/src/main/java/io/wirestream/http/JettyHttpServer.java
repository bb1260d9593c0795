package io.wirestream.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * One Jetty server with the limits of an {@link HttpServerConfig}: one acceptor, one selector, a bounded
 * {@link QueuedThreadPool}, a connection limit and idle timeout, a {@link WorkPool} for requests that block, and
 * optionally TLS and basic authentication. The port is bound by {@link #bind}, so a port in use fails there with the {@link IOException}
 * (a {@link java.net.BindException}) the JDK would throw; {@link #start()} then serves.
 */
public final class JettyHttpServer implements AutoCloseable {

    private static final long DRAIN_MILLIS = 5_000;

    private final Server server;
    private final ServerConnector connector;
    private final HttpServerConfig config;
    private final WorkPool work;

    private JettyHttpServer(Server server, ServerConnector connector, HttpServerConfig config, WorkPool work) {
        this.server = server;
        this.connector = connector;
        this.config = config;
        this.work = work;
    }

    /** Binds {@code config.host():config.port()} for {@code handler}; threads are named {@code name-N}. */
    public static JettyHttpServer bind(String name, HttpServerConfig config, Handler handler) throws IOException {
        // Handler.Abstract handlers are called on Jetty's pool; they answer quickly or hand blocking work to work()
        QueuedThreadPool threads = new QueuedThreadPool(config.ioThreads(), Math.min(4, config.ioThreads()));
        threads.setName(name);
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        // no graceful phase in Jetty's stop: close() drains the work pool itself first
        server.setStopTimeout(0);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(config.maxHeaderBytes());
        http.setIdleTimeout(config.idleTimeout().toMillis());
        // the handlers read the raw path themselves (registry subjects may hold %2F, %25, ...) and never map it to
        // files, so Jetty passes every URI on as the JDK server did instead of refusing "ambiguous" ones
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector;
        if (config.tls() != null) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(config.tls().keyStore().toString());
            tls.setKeyStorePassword(config.tls().password());
            http.setSecureScheme("https");
            http.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        connector.setAcceptQueueSize(64);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        server.setHandler(config.basicAuth() == null ? handler : new BasicAuthHandler(config.basicAuth(), handler));
        connector.open();
        return new JettyHttpServer(server, connector, config, new WorkPool(name, config.workerThreads(), config.queueCapacity()));
    }

    /** Starts serving on the bound port. */
    public JettyHttpServer start() {
        try {
            server.start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start the HTTP server on " + config.host() + ":" + config.port(), e);
        }
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String host() {
        return config.host();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(config.host(), port());
    }

    /** Where the handler runs requests that block. */
    public WorkPool work() {
        return work;
    }

    public HttpServerConfig config() {
        return config;
    }

    /**
     * Stops accepting, lets work in progress finish (up to {@value #DRAIN_MILLIS} ms, so what was answered is done),
     * then closes every connection. Idempotent.
     */
    @Override
    public void close() {
        connector.close();
        work.close(DRAIN_MILLIS);
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway: the connector is already closed
        }
    }

    /** Basic authentication for the one configured user; 401 with a challenge otherwise. */
    private static final class BasicAuthHandler extends Handler.Wrapper {
        private final byte[] expected;

        BasicAuthHandler(HttpServerConfig.BasicAuth auth, Handler next) {
            super(next);
            this.expected = ("Basic " + Base64.getEncoder().encodeToString(
                    (auth.user() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
                return super.handle(request, response, callback);
            }
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"wirestream\", charset=\"UTF-8\"");
            Responses.send(request, response, callback, 401, Responses.TEXT, "authentication required\n");
            return true;
        }
    }
}

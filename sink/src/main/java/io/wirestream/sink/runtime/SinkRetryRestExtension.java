package io.wirestream.sink.runtime;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

import io.wirestream.sink.SinkTaskRetry;
import io.wirestream.sink.SinkVersion;

/**
 * Adds {@code GET /wirestream/sink-retries} to the Connect worker's REST API ({@code rest.extension.classes}, set by
 * {@link EmbeddedConnect#workerConfig}): the {@link SinkTaskRetry} state of every sink task of this worker, so
 * {@code wirestream lag --connect-url} in another process sees a task that waits for its database (Connect's own
 * {@code /connectors/<name>/status} says RUNNING meanwhile). {@code [{connector, task, state, system, reason,
 * since_epoch_ms, attempts, next_attempt_epoch_ms}]}.
 */
public class SinkRetryRestExtension implements ConnectRestExtension {

    /** The path under the worker's REST root. */
    public static final String PATH = "wirestream/sink-retries";

    @Override
    public void register(ConnectRestExtensionContext context) {
        context.configurable().register(new Resource());
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public String version() {
        return SinkVersion.VERSION;
    }

    @Override
    public void close() {
        // nothing held
    }

    /** The JAX-RS resource; Connect's Jackson provider writes the list. */
    @Path("/wirestream")
    public static final class Resource {

        @GET
        @Path("/sink-retries")
        @Produces(MediaType.APPLICATION_JSON)
        public List<Map<String, Object>> retries() {
            return read(ManagementFactory.getPlatformMBeanServer());
        }
    }

    static List<Map<String, Object>> read(MBeanServer server) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SinkTaskRetry.Reading r : SinkTaskRetry.readAll(server)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connector", r.connector());
            m.put("task", r.task());
            m.put("state", r.state());
            m.put("system", r.system());
            m.put("reason", r.reason());
            m.put("since_epoch_ms", r.sinceEpochMs());
            m.put("attempts", r.attempts());
            m.put("next_attempt_epoch_ms", r.nextAttemptEpochMs());
            out.add(m);
        }
        return out;
    }
}

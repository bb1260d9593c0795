package io.wirestream.sink.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * One sink of the pipeline: the connector name it runs under (its consumer group is {@code connect-<connector>}) and
 * its connector config for a {@link SinkTarget}. Every sink is listed once, in
 * {@code META-INF/services/io.wirestream.sink.runtime.SinkPlugin}; {@link SinkPlugins#all()} reads that list, and
 * {@code wirestream up}, {@code wirestream sink}, the ACLs and the compose configs ({@code sink/config/compose-*.json})
 * follow from it. docs/ARCHITECTURE.md, "Add a sink", says which files a new one touches.
 */
public interface SinkPlugin {

    /** The connector name, e.g. {@code wirestream-jsonl}. */
    String connector();

    /** The connector config for {@code target}, or empty when the target's options do not ask for this sink. */
    Optional<Map<String, String>> config(SinkTarget target);
}

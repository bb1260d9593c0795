package io.wirestream.cli;

import picocli.CommandLine.Option;

/**
 * The options every command that talks to a cluster shares. Mix in with
 * {@code @Mixin ClusterOptions cluster;} so the names, defaults and help text stay the same everywhere.
 */
public final class ClusterOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
        description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1:9092")
    public String bootstrapServer;

    @Option(names = "--schema-registry", paramLabel = "URL",
        description = "Schema Registry URL (default: ${DEFAULT-VALUE}).", defaultValue = "http://127.0.0.1:8081")
    public String schemaRegistry;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file with defaults for any option (key = option name without dashes).")
    public String config;

    @Option(names = {"-v", "--verbose"}, description = "Print the stack trace on failure.")
    public boolean verbose;
}

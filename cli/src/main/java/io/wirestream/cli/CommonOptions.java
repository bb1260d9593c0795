package io.wirestream.cli;

import picocli.CommandLine.Option;

/**
 * {@code --config} and {@code -v} for the commands that do not take {@link ClusterOptions} (they run their own
 * cluster or none), so every command accepts both.
 */
public final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file with defaults for any option (key = option name without dashes).")
    public String config;

    @Option(names = {"-v", "--verbose"}, description = "Print the stack trace on failure.")
    public boolean verbose;
}

package io.wirestream.cli;

import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code wirestream} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 ok, 1 runtime failure, 2 usage error. */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    static int run(Map<String, String> env, String... args) {
        CommandLine cmd = new CommandLine(new WirestreamCommand());
        try {
            cmd.setDefaultValueProvider(new ConfigDefaultProvider(ConfigDefaultProvider.load(args, env), env));
        } catch (IllegalArgumentException e) {
            cmd.getErr().println("wirestream: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        cmd.setExecutionExceptionHandler(new FailureHandler());
        return cmd.execute(args);
    }
}

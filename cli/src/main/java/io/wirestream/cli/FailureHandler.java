package io.wirestream.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a subcommand into one readable line and exit code 1; the stack trace only
 * with {@code -v}, so an operator sees what failed rather than forty frames of Kafka internals.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        boolean verbose = parseResult.hasMatchedOption("-v") || parseResult.hasMatchedOption("--verbose")
            || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("-v") || p.hasMatchedOption("--verbose"));
        if (verbose) {
            ex.printStackTrace(cmd.getErr());
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println(cmd.getColorScheme().errorText("wirestream " + cmd.getCommandName() + ": " + message));
        if (!verbose) {
            cmd.getErr().println("(run again with -v for details)");
        }
        return CommandLine.ExitCode.SOFTWARE;
    }
}

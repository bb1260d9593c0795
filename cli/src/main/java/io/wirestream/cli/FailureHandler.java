package io.wirestream.cli;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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
        String missingAcl = missingAcl(cmd.getCommandSpec().name(), ex);
        cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex)
            + (missingAcl == null ? "" : "; " + missingAcl)));
        if (!verbose && cmd.getCommandSpec().findOption("-v") != null) {
            cmd.getErr().println("(run again with -v for details)");
        }
        cmd.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** For a failure for lack of an ACL anywhere in the causes: which permission the command's component lacks, or null. */
    static String missingAcl(String command, Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException denied) {
                return PipelineAcls.explain(command, denied);
            }
        }
        return null;
    }

    /** What went wrong, in words: wrappers unwrapped, file errors saying which file and why. */
    static String describe(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && (t instanceof ExecutionException || t instanceof CompletionException
            || t instanceof UncheckedIOException || t instanceof InvocationTargetException)) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException e) {
            return "no such file or directory: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof FileAlreadyExistsException e) {
            return "already exists: " + e.getFile();
        }
        if (t instanceof NotDirectoryException e) {
            return "not a directory: " + e.getFile();
        }
        if (t instanceof FileSystemException e && e.getReason() != null) {
            return e.getFile() + ": " + e.getReason();
        }
        String message = t.getMessage();
        if (t instanceof org.apache.kafka.common.errors.TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
            return timeout(message);
        }
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return message.strip();
    }

    /**
     * A timeout in words: Kafka's own ones say nothing (no message) or name an internal call ("Timed out waiting
     * for a node assignment. Call: listTopics"); both mean that no broker answered in time.
     */
    private static String timeout(String message) {
        String advice = "(is the Kafka cluster running and reachable? --bootstrap-server)";
        if (message == null || message.isBlank()) {
            return "timed out waiting for an answer " + advice;
        }
        String m = message.strip();
        if (m.startsWith("Timed out waiting for a node") || m.startsWith("Timed out waiting to send the call")
            || m.startsWith("Call(")) {
            return "no Kafka broker answered in time " + advice + "; Kafka said: " + m;
        }
        return m;
    }
}

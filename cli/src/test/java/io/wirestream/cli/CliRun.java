package io.wirestream.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One run of the {@code wirestream} command line in this JVM, with what it printed on stdout and stderr. */
public record CliRun(int code, String out, String err) {

    String firstErrLine() {
        return err.lines().findFirst().orElse("");
    }

    public static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@link Main#run} with {@code env} as the environment, capturing System.out and System.err. */
    public static CliRun run(Map<String, String> env, String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(env, args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /**
     * Runs the command line with its own out/err writers instead of capturing System.out, for tests that run other
     * parts of the pipeline in this JVM while the command runs (their log lines go to System.out).
     */
    public static CliRun runIsolated(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cmd = Main.commandLine();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}

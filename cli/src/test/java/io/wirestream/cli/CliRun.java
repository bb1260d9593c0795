package io.wirestream.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One run of the {@code wirestream} command line in this JVM, with what it printed on stdout and stderr. */
record CliRun(int code, String out, String err) {

    String firstErrLine() {
        return err.lines().findFirst().orElse("");
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@link Main#run} with {@code env} as the environment, capturing System.out and System.err. */
    static CliRun run(Map<String, String> env, String... args) {
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
}

package io.wirestream.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a usage error the way operators expect from a command-line tool: one line saying what is wrong, a
 * suggestion for a mistyped option or command, the synopsis and where the full help is. All on stderr, exit code 2.
 * The full help is left out on purpose: forty lines of options would push the one line that matters off the screen.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        CommandSpec spec = cmd.getCommandSpec();
        PrintWriter err = cmd.getErr();
        String name = spec.qualifiedName();
        String message = ex.getMessage() == null ? "invalid command line" : ex.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        err.println(cmd.getColorScheme().errorText(name + ": " + message + source(ex, args)));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cmd.getHelpFactory().create(spec, cmd.getColorScheme()).fullSynopsis());
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return spec.exitCodeOnInvalidInput();
    }

    /** " (from WIRESTREAM_X)" when the bad value was not typed on the command line but came from the environment or file. */
    private static String source(ParameterException ex, String[] args) {
        if (!(ex.getArgSpec() instanceof OptionSpec option)
            || !(ex.getCommandLine().getCommandSpec().defaultValueProvider() instanceof ConfigDefaultProvider config)) {
            return "";
        }
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=") || (name.length() == 2 && !name.startsWith("--") && arg.startsWith(name))) {
                    return ""; // typed on the command line
                }
            }
        }
        String source = config.sourceOf(option);
        return source == null ? "" : " (from " + source + ")";
    }
}

package io.wirestream.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/** Entry point of the {@code wirestream} command. */
public final class Main {

    /**
     * Help is wrapped to the terminal's width, but no wider than this (wider paragraphs are hard to read), and to
     * exactly this when there is no terminal (pipes, tests, docs).
     */
    static final int HELP_WIDTH = 100;

    private Main() {
    }

    public static void main(String[] args) {
        // Avro 1.12 resolves only trusted classes; ours are trusted before any command builds or reads a record
        io.wirestream.schemas.serde.AvroClassTrust.trustGeneratedClasses();
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code: 0 ok, 1 runtime failure, 2 usage error ({@code lag}: 3 when
     * a group is ERR or STOP).
     */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    static int run(Map<String, String> env, String... args) {
        CommandLine cmd = commandLine();
        try {
            cmd.setDefaultValueProvider(new ConfigDefaultProvider(ConfigDefaultProvider.load(args, env), env));
        } catch (IllegalArgumentException e) {
            cmd.getErr().println("wirestream: " + e.getMessage());
            cmd.getErr().println("Try 'wirestream --help' for more information.");
            cmd.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        }
        return cmd.execute(args);
    }

    /** The {@code wirestream} command line with its help layout and error handling, ready to execute. */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new WirestreamCommand());
        // the setters reach every subcommand registered so far, i.e. all of them
        cmd.setUsageHelpWidth(HELP_WIDTH);
        cmd.setUsageHelpAutoWidth(true);
        cmd.setHelpFactory(Main::cappedHelp);
        cmd.setParameterExceptionHandler(new UsageErrorHandler());
        cmd.setExecutionExceptionHandler(new FailureHandler());
        applyHelpLayout(cmd);
        return cmd;
    }

    /** The same section headings everywhere: a blank line after the synopsis, then Parameters, Options, Commands. */
    private static void applyHelpLayout(CommandLine cmd) {
        UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        usage.descriptionHeading("%n");
        usage.parameterListHeading("%nParameters:%n");
        usage.optionListHeading("%nOptions:%n");
        usage.commandListHeading("%nCommands:%n");
        cmd.getSubcommands().values().forEach(Main::applyHelpLayout);
    }

    /** Follows the terminal's width (picocli's auto width), capped at {@link #HELP_WIDTH}. */
    private static CommandLine.Help cappedHelp(CommandSpec spec, CommandLine.Help.ColorScheme colors) {
        UsageMessageSpec usage = spec.usageMessage();
        if (usage.autoWidth() && usage.width() > HELP_WIDTH) {
            usage.autoWidth(false);
            usage.width(HELP_WIDTH);
        }
        return new CommandLine.Help(spec, colors);
    }
}

package io.wirestream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code wirestream} command: prints usage when called without a subcommand. */
@Command(
    name = "wirestream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    usageHelpWidth = 110,
    description = {
        "News ingestion pipeline on Apache Kafka: wire copy in, entities and topics added, PostgreSQL and JSON Lines out.",
        ""
    },
    subcommands = {
        UpCommand.class,
        IngestCommand.class,
        EnrichCommand.class,
        SinkCommand.class,
        LagCommand.class,
        TailCommand.class,
        TopicsCommand.class,
        AnnotateCommand.class,
        TaxonomyCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class,
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream up                  run it all here: ingest seeds/, watch inbox/",
        "  wirestream up --once seeds/    process the seeds, wait for every sink, exit",
        "  wirestream help up             help for one command",
        "",
        "Any option --some-name can also be set in a --config FILE (key some-name)",
        "or the environment (WIRESTREAM_SOME_NAME).",
        "Precedence: flag > environment > config file > default.",
        "Exit codes: 0 ok, 1 runtime failure, 2 usage error."
    })
public final class WirestreamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }
}

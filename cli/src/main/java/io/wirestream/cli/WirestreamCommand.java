package io.wirestream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code wirestream} command: prints its help to stderr and exits 2 when called without a subcommand. */
@Command(
    name = "wirestream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "News ingestion pipeline on Apache Kafka: wire copy in, entities and topics added, PostgreSQL and JSON Lines out.",
        "",
        "'wirestream up' runs the whole pipeline on this machine. The other commands run one stage against an existing "
            + "cluster (--bootstrap-server, --schema-registry) or look into it. Every command has --help with examples."
    },
    subcommands = {
        UpCommand.class,
        IngestCommand.class,
        EnrichCommand.class,
        SinkCommand.class,
        LagCommand.class,
        DeskCommand.class,
        TailCommand.class,
        TopicsCommand.class,
        VerifyCommand.class,
        AclsCommand.class,
        AnnotateCommand.class,
        TaxonomyCommand.class,
        NerCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:runtime failure, told in one line; -v adds the stack trace",
        "2:usage error (unknown option, bad value, missing argument)",
        "3:lag only: a consumer group is ERR or STOP"
    },
    footerHeading = "%nConfiguration:%n",
    footer = {
        "  Any option --some-name can also be set in the environment as",
        "  WIRESTREAM_SOME_NAME, or in a properties file given with --config FILE",
        "  (or WIRESTREAM_CONFIG=FILE) as key some-name.",
        "  Precedence: flag > environment > config file > built-in default.",
        "  Log levels: WIRESTREAM_LOG_LEVEL (default INFO) for Wirestream's own lines,",
        "  WIRESTREAM_KAFKA_LOG_LEVEL (default WARN) for Kafka and the other libraries.",
        "",
        "Examples:",
        "  wirestream up                  run it all here: ingest seeds/, watch inbox/",
        "  wirestream up --once seeds/    process the seeds, wait for every sink, exit",
        "  wirestream lag --window 30s    is every consumer keeping up?",
        "  wirestream help up             help for one command, same as: up --help"
    })
public final class WirestreamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}

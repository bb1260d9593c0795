package io.wirestream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wirestream.ops.verify.Verifier;
import io.wirestream.ops.verify.VerifyReport;
import io.wirestream.schemas.topic.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirestream verify}: reconciles news.raw, news.enriched and the sinks story by story ({@link Verifier}). */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Check that no story was lost or duplicated on its way to the sinks.",
        "",
        "Reads news.raw (the latest version of every story id), news.enriched and news.dlq (read_committed, without a "
            + "consumer group) and each sink given (--jsonl-dir, --postgres-url), and prints per stage how many stories "
            + "it should hold (expected), holds in their latest version (present), lacks (missing), holds more than once "
            + "(duplicated) or holds only in an older version (stale), with the ids. news.enriched is checked against "
            + "news.raw (a new version with unchanged content counts as present; a story whose record went to news.dlq "
            + "is listed as dead-lettered, not missing); each sink is checked against news.enriched.",
        "",
        "Run it on a pipeline at rest (after 'up --once', or with ingest stopped and 'lag' at zero): stories still in "
            + "flight show as missing or stale. Exit 0 when every stage is complete, 1 on any missing, duplicated or "
            + "stale story."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every stage holds every story once, in its latest version", "1:a story is missing, duplicated or stale (ids printed), or the check itself failed"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream verify --jsonl-dir out",
        "  wirestream verify --jsonl-dir out \\",
        "      --postgres-url jdbc:postgresql://127.0.0.1:5432/postgres",
        "  wirestream verify --jsonl-dir out --json | jq '.stages[].missing'"
    })
public final class VerifyCommand implements Callable<Integer> {

    @Mixin ClusterOptions cluster;

    @Mixin PostgresOptions postgres;

    @Option(names = "--jsonl-dir", paramLabel = "DIR", description = "Check the JSON Lines sink's output directory (e.g. out).")
    Path jsonlDir;

    @Option(names = "--topic-prefix", defaultValue = "news.", paramLabel = "PREFIX", description = "Prefix of the pipeline's topics (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--timeout", defaultValue = "2m", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Give up reading a topic after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print JSON (every id, not only the first 20) instead of a table.")
    boolean json;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        cluster.requireReachable();
        VerifyReport report = new Verifier(new Verifier.Settings(cluster.bootstrapServer, cluster.schemaRegistry, new Topics(prefix),
            jsonlDir, postgres.url, postgres.user == null ? "postgres" : postgres.user, postgres.password, postgres.schema, timeout,
            cluster.client().forClient(ClientProperties.Role.CONSUMER, "verify")))
            .verify();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.toJson(new ObjectMapper())));
        } else {
            out.print(report.toText());
        }
        out.flush();
        return report.ok() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
    }
}

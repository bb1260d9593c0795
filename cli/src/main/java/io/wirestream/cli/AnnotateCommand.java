package io.wirestream.cli;

import io.wirestream.enrich.annotate.AnnotateRunner;
import io.wirestream.enrich.annotate.Annotator;
import io.wirestream.enrich.taxonomy.Taxonomy;
import io.wirestream.enrich.taxonomy.TaxonomyException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirestream annotate}: entities, topics, amounts and dates for JSON Lines stories, without Kafka. */
@Command(name = "annotate", mixinStandardHelpOptions = true,
    description = {
        "Annotate JSON Lines stories offline, without Kafka.",
        "",
        "Reads JSON Lines {\"id\",\"headline\",\"body\"} (optional \"date\": yyyy-MM-dd) and writes one JSON line per "
            + "story with its entities, topics, amounts and dates, each with [start,end) character offsets into body. "
            + "Same code path as the enrich Kafka Streams app. A summary line goes to stderr; exit 1 if any input "
            + "line was bad."
    },
    footerHeading = "%nExamples:%n",
    footer = {
        "  wirestream annotate --input stories.jsonl --output annotated.jsonl",
        "  cat stories.jsonl | wirestream annotate --taxonomy my-taxonomy.yaml",
        "  echo '{\"id\":\"1\",\"body\":\"Kono met Lavrov in Moscow.\"}' | wirestream annotate"})
public final class AnnotateCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, defaultValue = "-", paramLabel = "FILE",
        description = "JSON Lines to read, '-' for standard input (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE",
        description = "Where to write, '-' for standard output (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = {"-t", "--taxonomy"}, paramLabel = "FILE",
        description = "Taxonomy file (YAML or JSON); default: the one that ships with Wirestream.")
    Path taxonomy;

    @Mixin CommonOptions common;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Taxonomy t;
        try {
            t = taxonomy == null ? Taxonomy.defaults() : Taxonomy.load(taxonomy);
        } catch (TaxonomyException e) {
            spec.commandLine().getErr().println("wirestream annotate: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        AnnotateRunner runner = new AnnotateRunner(Annotator.withTaxonomy(t));
        InputStream in = input.equals("-") ? System.in : Files.newInputStream(Path.of(input));
        OutputStream out = output.equals("-") ? System.out : Files.newOutputStream(Path.of(output));
        AnnotateRunner.Result r;
        try {
            r = runner.run(in, out);
        } finally {
            if (!input.equals("-")) in.close();
            if (!output.equals("-")) out.close();
            else out.flush();
        }
        spec.commandLine().getErr().printf("annotated %d stories (%d bad lines), taxonomy %s%n", r.stories(), r.errors(),
            t.version());
        return r.errors() > 0 ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
    }
}

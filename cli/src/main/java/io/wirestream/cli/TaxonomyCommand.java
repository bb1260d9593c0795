package io.wirestream.cli;

import io.wirestream.enrich.taxonomy.Taxonomy;
import io.wirestream.enrich.taxonomy.TaxonomyError;
import io.wirestream.enrich.taxonomy.TaxonomyException;
import io.wirestream.enrich.taxonomy.TopicDefinition;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wirestream taxonomy}: check a taxonomy file, list a taxonomy's topics. */
@Command(name = "taxonomy", mixinStandardHelpOptions = true,
    description = {
        "Check a taxonomy file or list a taxonomy's topics.",
        "",
        "A taxonomy (YAML or JSON) defines the topics stories are tagged with; up, enrich and annotate take one with "
            + "--taxonomy instead of the built-in one."
    },
    subcommands = {TaxonomyCommand.Check.class, TaxonomyCommand.ListTopics.class},
    footerHeading = "%nExamples:%n",
    footer = {"  wirestream taxonomy check my-taxonomy.yaml", "  wirestream taxonomy list", "  wirestream taxonomy list my-taxonomy.yaml"})
public final class TaxonomyCommand implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code wirestream taxonomy check FILE}: line-numbered errors, exit 1 when there are any. */
    @Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Validate a taxonomy file.",
            "",
            "Prints one line-numbered error per problem to stderr and exits 1 if there are any; otherwise prints the "
                + "number of topics and the taxonomy version."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  wirestream taxonomy check my-taxonomy.yaml"})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "Taxonomy file (YAML or JSON).")
        Path file;

        @Mixin CommonOptions common;

        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<TaxonomyError> errors;
            try {
                Taxonomy t = Taxonomy.load(file); // validates as it parses: one read, one parse
                spec.commandLine().getOut().printf("%s: OK, %d topics, version %s%n", file, t.topics().size(), t.version());
                return CommandLine.ExitCode.OK;
            } catch (TaxonomyException e) {
                errors = e.errors();
            } catch (UncheckedIOException e) {
                errors = List.of(new TaxonomyError(0, "cannot read " + file + ": " + e.getCause().getMessage()));
            }
            PrintWriter err = spec.commandLine().getErr();
            for (TaxonomyError e : errors) err.printf("%s:%s%n", file, e.line() > 0 ? e.line() + ": " + e.message() : " " + e.message());
            err.printf("%d error(s)%n", errors.size());
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    /** {@code wirestream taxonomy list [FILE]}: slug, IPTC code and label of every topic. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {
            "List the topics of a taxonomy.",
            "",
            "Prints slug, IPTC code and label of every topic in FILE, or in the taxonomy that ships with Wirestream "
                + "when no FILE is given."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  wirestream taxonomy list", "  wirestream taxonomy list my-taxonomy.yaml"})
    static final class ListTopics implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Taxonomy file (YAML or JSON).")
        Path file;

        @Mixin CommonOptions common;

        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Taxonomy t = file == null ? Taxonomy.defaults() : Taxonomy.load(file);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("taxonomy version %s, %d topics%n", t.version(), t.topics().size());
            for (TopicDefinition d : t.topics()) {
                out.printf("  %-28s %-16s %s%n", d.slug(), d.iptc() == null ? "-" : d.iptc(), d.label());
            }
            return CommandLine.ExitCode.OK;
        }
    }
}

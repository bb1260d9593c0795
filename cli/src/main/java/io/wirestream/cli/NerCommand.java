package io.wirestream.cli;

import io.wirestream.enrich.entity.Gazetteer;
import io.wirestream.enrich.ner.NerTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wirestream ner}: the named-entity tagger's model. */
@Command(name = "ner", mixinStandardHelpOptions = true,
    description = {"Train the entity tagger's model (one ships with enrich)."},
    subcommands = {NerCommand.Train.class},
    footerHeading = "%nExamples:%n",
    footer = {"  wirestream ner train --corpus train.conll --out model.bin --seed 1"})
public final class NerCommand implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code wirestream ner train}: averaged perceptron, fixed seed, dev F1 per epoch, model + manifest. */
    @Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Train the NER tagger on CoNLL files (token<TAB>BIO tag, PER/ORG/LOC/MISC).",
            "",
            "Deterministic: the same corpora, seed, epochs and bits give the same model bytes. Dev files are only "
                + "measured (entity F1 printed after every epoch), never learnt from. Writes the model and "
                + "<model>.manifest.json (corpora with sha256, seed, epochs, features, dev scores)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  T=../shared/train; E=../shared/eval",
            "  wirestream ner train --corpus $T/conll03-train.conll $T/redocred-en.conll \\",
            "      $T/wikigold-en.conll --dev $E/conll03.dev.conll $E/gmb.dev.conll \\",
            "      --out model.bin --seed 1 --epochs 10"})
    static final class Train implements Callable<Integer> {
        @Option(names = "--corpus", required = true, arity = "1..*", paramLabel = "FILE", description = "Training files.")
        List<Path> corpora;

        @Option(names = "--dev", arity = "1..*", paramLabel = "FILE", description = "Files to measure after every epoch.")
        List<Path> dev = List.of();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write.")
        Path out;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Shuffling seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--bits", defaultValue = "20", paramLabel = "N", description = "log2 of the hashed feature buckets (default: ${DEFAULT-VALUE}).")
        int bits;

        @Option(names = "--clusters", paramLabel = "FILE", description = "Word clusters to add as features (from WordClusterBuilder; "
            + "stored inside the model). Measured, not shipped: see enrich/README.md.")
        Path clusters;

        @Mixin CommonOptions common;

        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (clusters != null && !Files.isReadable(clusters)) {
                spec.commandLine().getErr().println("wirestream ner train: cannot read word clusters " + clusters);
                return CommandLine.ExitCode.SOFTWARE;
            }
            for (Path p : corpora) {
                if (!Files.isReadable(p)) {
                    spec.commandLine().getErr().println("wirestream ner train: cannot read corpus " + p);
                    return CommandLine.ExitCode.SOFTWARE;
                }
            }
            new NerTrainer(spec.commandLine().getOut()).train(
                new NerTrainer.Options(corpora, dev, out, seed, epochs, bits, clusters), Gazetteer.defaults());
            return CommandLine.ExitCode.OK;
        }
    }
}

package io.wirestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wirestream ner}: usage without a subcommand, a clear error for a corpus that is not there, a tiny training run. */
class NerCommandTest {

    @Test
    void nerWithoutASubcommandPrintsUsage() {
        CliRun r = CliRun.run("ner");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("train");
    }

    @Test
    void aMissingCorpusIsNamedAndExitsOne(@TempDir Path dir) {
        Path missing = dir.resolve("missing.conll");
        CliRun r = CliRun.run("ner", "train", "--corpus", missing.toString(), "--out", dir.resolve("m.bin").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("wirestream ner train: cannot read corpus " + missing);
        assertThat(dir.resolve("m.bin")).doesNotExist();
    }

    @Test
    void aMissingWordClusterFileIsNamedAndExitsOne(@TempDir Path dir) throws Exception {
        Path corpus = Files.writeString(dir.resolve("tiny.conll"), "Anna\tB-PER\nvisited\tO\nOslo\tB-LOC\n\n");
        Path missing = dir.resolve("clusters.tsv.gz");
        CliRun r = CliRun.run("ner", "train", "--corpus", corpus.toString(), "--clusters", missing.toString(),
            "--out", dir.resolve("m.bin").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("wirestream ner train: cannot read word clusters " + missing);
        assertThat(dir.resolve("m.bin")).doesNotExist();
    }

    @Test
    void trainsATinyCorpusIntoAModelAndItsManifest(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("tiny.conll");
        Files.writeString(corpus, "Anna\tB-PER\nBerg\tI-PER\nvisited\tO\nOslo\tB-LOC\n.\tO\n\n");
        Path out = dir.resolve("m.bin");
        CliRun r = CliRun.run("ner", "train", "--corpus", corpus.toString(), "--out", out.toString(), "--epochs", "2",
            "--bits", "10");
        assertThat(r.code()).isZero();
        assertThat(out).exists();
        assertThat(dir.resolve("m.manifest.json")).content().contains("tiny.conll", "\"epochs\": 2");
    }
}

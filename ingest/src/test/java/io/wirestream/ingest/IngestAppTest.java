package io.wirestream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.testutil.Fixtures;
import io.wirestream.schemas.RawArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IngestAppTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static IngestApp.Config dryRun(List<String> paths, String format) {
        return new IngestApp.Config(paths, true, format, null, null, "news.raw", null, null, "127.0.0.1", List.of(),
                Duration.ofMinutes(5), null, FormatSniffer.DEFAULT_MAX_BYTES, "wirestream", null, Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    private record Run(int exit, List<JsonNode> lines, String err) {
    }

    private static Run run(IngestApp.Config cfg, byte[] stdin) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = IngestApp.run(cfg, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(exit, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dryRunOverAFolderPrintsOneJsonLinePerArticleWithSchemaFieldNames(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("seed.txt"), Fixtures.seed("000_22ebd5df95e2d1f5.txt"));
        Files.createDirectories(dir.resolve("wire"));
        Files.write(dir.resolve("wire/items.json"), Fixtures.bytes("ninjs", "ninjs2-items.json"));
        Files.write(dir.resolve("wire/.hidden"), new byte[] {1, 2, 3});

        Run run = run(dryRun(List.of(dir.toString()), null), new byte[0]);

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).hasSize(3);
        List<String> fields = RawArticle.getClassSchema().getFields().stream().map(f -> f.name()).toList();
        assertThat(run.lines()).allSatisfy(l -> assertThat(l.fieldNames()).toIterable().containsExactlyElementsOf(fields));
        assertThat(run.lines().get(0).get("byline").asText()).isEqualTo("Dai Nagata and Takashi Kida");
        assertThat(run.err()).contains("summary: accepted 2 (3 articles), rejected 0; by format: ninjs 1, plain-text 1");
    }

    @Test
    void dryRunPrintsTheGoodStoriesOfAFileAndOneErrorLinePerBadStory(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("takes.anpa"), Fixtures.bytes("anpa-1312", "three-stories-one-bad.anpa"));

        Run run = run(dryRun(List.of(dir.toString()), null), new byte[0]);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).hasSize(3);
        JsonNode bad = run.lines().get(0);
        assertThat(bad.get("file").asText()).endsWith("takes.anpa");
        assertThat(bad.get("story").asInt()).isEqualTo(2);
        assertThat(bad.get("error").asText()).contains("story 2 of 3: no STX");
        assertThat(bad.get("location").asText()).startsWith("line ");
        assertThat(run.lines().get(1).get("storyId").asText()).isEqualTo("AP:Weather-Outlook:12-06");
        assertThat(run.lines().get(2).get("warnings").get(0).get("kind").asText()).isEqualTo("derived-id");
        assertThat(run.err()).contains("rejected 0 (and 1 story in accepted inputs)");
    }

    @Test
    void failedFileGivesAFileErrorLineAndANonZeroExit(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("good.xml"), Fixtures.bytes("nitf", "ap-japan-russia-doctype.xml"));
        Files.write(dir.resolve("xxe.xml"), Fixtures.bytes("bad", "xxe.xml"));

        Run run = run(dryRun(List.of(dir.toString(), dir.resolve("missing.txt").toString()), null), new byte[0]);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).hasSize(3);
        assertThat(run.lines().get(0).get("storyId").asText()).isEqualTo("urn:publicid:ap.org:2018-07-31:japan-russia");
        JsonNode xxe = run.lines().get(1);
        assertThat(xxe.get("file").asText()).endsWith("xxe.xml");
        assertThat(xxe.get("error").asText()).contains("external entit");
        assertThat(xxe.get("format").asText()).isEqualTo("nitf");
        assertThat(run.lines().get(2).get("error").asText()).contains("no such file");
        assertThat(run.err()).contains("rejected 2");
    }

    @Test
    void stdinWithAForcedFormatIsParsed() throws Exception {
        Run run = run(dryRun(List.of("-"), "iptc7901"), Fixtures.bytes("iptc-7901", "dpa-basic.txt"));

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).singleElement().satisfies(l -> {
            assertThat(l.get("format").asText()).isEqualTo("iptc-7901");
            assertThat(l.get("attributes").get("origin").asText()).isEqualTo("stdin");
        });
    }

    @Test
    void nothingToDoIsAUsageError() throws Exception {
        assertThat(run(dryRun(List.of(), null), new byte[0]).exit()).isEqualTo(2);
        assertThat(run(dryRun(List.of("x"), "docx"), new byte[0]).exit()).isEqualTo(2);
    }
}

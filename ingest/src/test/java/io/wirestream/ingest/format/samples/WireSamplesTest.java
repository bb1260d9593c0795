package io.wirestream.ingest.format.samples;

import io.wirestream.ingest.format.FormatSniffer;
import io.wirestream.ingest.format.ParseContext;
import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.ParseResult;
import io.wirestream.ingest.testutil.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every real agency file under {@code shared/wire-samples/} (kept outside the repository, see its README) parses into
 * the articles its expectation says, or is rejected with the reason it says.
 *
 * <p>Expectations live per sample folder in {@code WireSamplesTest/<folder>.tsv}: {@code file TAB articles N} or
 * {@code file TAB rejected REASON-SUBSTRING}. A file without a line fails, so a new sample cannot slip through. A
 * golden file {@code WireSamplesTest/<folder>/<file>.json} pins the parsed output where one exists.
 * {@code -Dwire.samples.record=true} rewrites the .tsv files with what the parsers do now, for review.
 */
class WireSamplesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Path EXPECTATIONS = Path.of("src", "test", "resources",
            WireSamplesTest.class.getPackageName().replace('.', '/'), WireSamplesTest.class.getSimpleName());

    @TestFactory
    Stream<DynamicTest> everyRealAgencyFileParsesOrIsRejectedAsExpected() throws IOException {
        Optional<Path> root = samplesRoot();
        assumeTrue(root.isPresent(), "shared/wire-samples not found beside the repository (set -Dwire.samples.dir)");
        List<DynamicTest> tests = new ArrayList<>();
        FormatSniffer sniffer = FormatSniffer.defaults();
        try (Stream<Path> folders = Files.list(root.get())) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Map<String, String> expected = readExpectations(folder.getFileName().toString());
                Map<String, String> actual = new LinkedHashMap<>();
                List<Path> files;
                try (Stream<Path> s = Files.list(folder)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    String outcome = outcome(sniffer, file);
                    actual.put(name, outcome);
                    tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + name, () -> {
                        String want = expected.get(name);
                        if (want == null) {
                            fail("no expectation for " + folder.getFileName() + "/" + name + " in " + folder.getFileName()
                                    + ".tsv; it does: " + outcome);
                        }
                        if (want.startsWith("rejected ")) {
                            assertThat(outcome).as("outcome").startsWith("rejected ").contains(want.substring("rejected ".length()));
                        } else {
                            assertThat(outcome).as("outcome").isEqualTo(want);
                        }
                        Path golden = EXPECTATIONS.resolve(folder.getFileName().toString()).resolve(name + ".json");
                        if (Files.exists(golden)) {
                            Golden.assertMatches(WireSamplesTest.class, folder.getFileName() + "/" + name, parse(sniffer, file).articles());
                        }
                    }));
                }
                if (Boolean.getBoolean("wire.samples.record")) {
                    writeExpectations(folder.getFileName().toString(), actual);
                }
            }
        }
        return tests.stream();
    }

    private static String outcome(FormatSniffer sniffer, Path file) {
        try {
            ParseResult result = parse(sniffer, file);
            return "articles " + result.articles().size();
        } catch (ParseException e) {
            return "rejected " + e.getMessage();
        } catch (IOException e) {
            return "rejected unreadable: " + e;
        }
    }

    private static ParseResult parse(FormatSniffer sniffer, Path file) throws IOException, ParseException {
        byte[] bytes = Files.readAllBytes(file);
        return sniffer.parse(bytes, new ParseContext(file.getFileName().toString(), null, null, CLOCK), null);
    }

    private static Map<String, String> readExpectations(String folder) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        Path tsv = EXPECTATIONS.resolve(folder + ".tsv");
        if (Files.exists(tsv)) {
            for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                map.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return map;
    }

    private static void writeExpectations(String folder, Map<String, String> actual) throws IOException {
        StringBuilder sb = new StringBuilder("# file\texpected outcome (articles N | rejected REASON)\n");
        actual.forEach((file, outcome) -> sb.append(file).append('\t').append(outcome.replace('\n', ' ').replace('\t', ' ')).append('\n'));
        Files.createDirectories(EXPECTATIONS);
        Files.writeString(EXPECTATIONS.resolve(folder + ".tsv"), sb.toString(), StandardCharsets.UTF_8);
    }

    /** {@code -Dwire.samples.dir}, else {@code shared/wire-samples} beside any parent of the working directory. */
    static Optional<Path> samplesRoot() {
        String prop = System.getProperty("wire.samples.dir");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop)).filter(Files::isDirectory);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("wire-samples");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

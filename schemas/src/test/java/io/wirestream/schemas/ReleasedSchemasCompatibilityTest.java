package io.wirestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirestream.schemas.registry.CompatibilityLevel;
import io.wirestream.schemas.testutil.SchemaEdits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard against breaking the contract: the current schemas (those the generated classes carry) must be
 * BACKWARD compatible with every released version kept in {@code src/test/resources/io/wirestream/schemas/released/}
 * ({@code <Name>-v<N>.avsc}, copies of the {@code .avsc} files as they were released; a release copies both files
 * under the same N). Reader = current, writer = released: a consumer built today reads everything on the topics.
 */
class ReleasedSchemasCompatibilityTest {

    private static final String RELEASED = "/io/wirestream/schemas/released/";
    private static final Pattern RELEASED_FILE = Pattern.compile("(RawArticle|EnrichedArticle)-v(\\d+)\\.avsc");
    private static final Map<String, Schema> CURRENT = Map.of(
            "RawArticle", RawArticle.getClassSchema(),
            "EnrichedArticle", EnrichedArticle.getClassSchema());

    static Stream<Arguments> releasedSchemas() {
        return released().entrySet().stream()
                .map(e -> Arguments.of(e.getKey().substring(0, e.getKey().indexOf('#')), e.getValue()));
    }

    @ParameterizedTest(name = "current {0} reads data written with {0}-v{1}")
    @MethodSource("releasedSchemas")
    void currentSchemaIsBackwardCompatibleWithEachReleasedVersion(String name, Integer version) {
        Schema writer = parseReleased(name, version);

        List<String> problems = backwardProblems(CURRENT.get(name), writer);

        assertThat(problems)
                .as("%s is no longer BACKWARD compatible with released %s-v%d: give new fields a default, "
                        + "do not change types or remove enum symbols", name, name, version)
                .isEmpty();
    }

    @Test
    void everyContractHasAReleasedVersion() {
        assertThat(released().keySet().stream().map(k -> k.substring(0, k.indexOf('#'))).distinct())
                .containsExactlyInAnyOrder("RawArticle", "EnrichedArticle");
    }

    @Test
    void latestReleasedVersionIsWhatTheRegistryWouldAlsoAccept() {
        for (String name : CURRENT.keySet()) {
            int latest = released().entrySet().stream().filter(e -> e.getKey().startsWith(name + "#"))
                    .mapToInt(Map.Entry::getValue).max().orElseThrow();
            assertThat(CompatibilityLevel.BACKWARD.check(CURRENT.get(name), List.of(parseReleased(name, latest))))
                    .as(name).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------ the guard can fail

    @Test
    void guardCatchesANewRequiredFieldWithoutDefault() {
        Schema edited = SchemaEdits.withField(RawArticle.getClassSchema(),
                "{\"name\":\"desk\",\"type\":\"string\",\"doc\":\"new, required, no default\"}");

        assertThat(backwardProblems(edited, parseReleased("RawArticle", 1)))
                .anySatisfy(problem -> assertThat(problem).contains("RawArticle.desk").contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    }

    @Test
    void guardCatchesAChangedFieldType() {
        Schema edited = SchemaEdits.withField(SchemaEdits.withoutField(RawArticle.getClassSchema(), "version"),
                "{\"name\":\"version\",\"type\":\"string\"}");

        assertThat(backwardProblems(edited, parseReleased("RawArticle", 1)))
                .anySatisfy(problem -> assertThat(problem).contains("RawArticle.version").contains("TYPE_MISMATCH"));
    }

    @Test
    void guardAcceptsANewOptionalFieldWithDefault() {
        Schema edited = SchemaEdits.withField(RawArticle.getClassSchema(),
                "{\"name\":\"desk\",\"type\":[\"null\",\"string\"],\"default\":null}");

        assertThat(backwardProblems(edited, parseReleased("RawArticle", 1))).isEmpty();
    }

    // ------------------------------------------------------------------------------

    private static List<String> backwardProblems(Schema reader, Schema writer) {
        return CompatibilityLevel.readerWriterProblems(reader, writer);
    }

    /** "Name#version" -> version, for every released file. */
    private static Map<String, Integer> released() {
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(releasedDirectory())) {
            files.forEach(file -> {
                Matcher m = RELEASED_FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    found.put(m.group(1) + "#" + m.group(2), Integer.parseInt(m.group(2)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Parses a released file; EnrichedArticle-vN refers to RawArticle by name, so RawArticle-vN is parsed first. */
    private static Schema parseReleased(String name, int version) {
        Schema.Parser parser = new Schema.Parser();
        if (!name.equals("RawArticle")) {
            parser.parse(read("RawArticle-v" + version + ".avsc"));
        }
        return parser.parse(read(name + "-v" + version + ".avsc"));
    }

    private static String read(String file) {
        try (InputStream in = ReleasedSchemasCompatibilityTest.class.getResourceAsStream(RELEASED + file)) {
            if (in == null) {
                throw new IllegalStateException("missing released schema " + RELEASED + file
                        + " (a release copies RawArticle.avsc and EnrichedArticle.avsc under the same version)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path releasedDirectory() {
        URL url = ReleasedSchemasCompatibilityTest.class.getResource(RELEASED);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.wirestream.local.registry;

import io.wirestream.schemas.registry.CompatibilityLevel;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompatibilityTest {

    static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [" + fields + "]}");
    }

    static final Schema A = record("{\"name\": \"a\", \"type\": \"string\"}");
    static final Schema A_OPTIONAL_B = record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": [\"null\", \"int\"], \"default\": null}");
    static final Schema A_REQUIRED_B = record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\"}");
    static final Schema A_AS_INT = record("{\"name\": \"a\", \"type\": \"int\"}");

    static List<Compatibility.Previous> previous(Schema... schemas) {
        return java.util.stream.IntStream.range(0, schemas.length)
                .mapToObj(i -> new Compatibility.Previous(i + 1, schemas[i])).toList();
    }

    @Test
    void addingAFieldWithADefaultIsFullyCompatible() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(Compatibility.check(level, A_OPTIONAL_B, previous(A), false)).as(level.name()).isEmpty();
        }
    }

    @Test
    void addingARequiredFieldBreaksBackwardButNotForward() {
        assertThat(Compatibility.check(CompatibilityLevel.BACKWARD, A_REQUIRED_B, previous(A), false))
                .singleElement().satisfies(p -> {
                    assertThat(p.errorType()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
                    assertThat(p.description()).contains("version 1").contains("/fields/1").contains("b");
                });
        assertThat(Compatibility.check(CompatibilityLevel.FORWARD, A_REQUIRED_B, previous(A), false)).isEmpty();
        assertThat(Compatibility.check(CompatibilityLevel.FULL, A_REQUIRED_B, previous(A), false)).isNotEmpty();
        assertThat(Compatibility.check(CompatibilityLevel.NONE, A_REQUIRED_B, previous(A), false)).isEmpty();
    }

    @Test
    void removingARequiredFieldBreaksForwardButNotBackward() {
        assertThat(Compatibility.check(CompatibilityLevel.FORWARD, A, previous(A_REQUIRED_B), false)).isNotEmpty();
        assertThat(Compatibility.check(CompatibilityLevel.BACKWARD, A, previous(A_REQUIRED_B), false)).isEmpty();
    }

    @Test
    void onlyTransitiveLevelsLookPastTheLatestVersion() {
        // v1 = A_AS_INT, v2 = A_OPTIONAL_B (incompatible with v1, e.g. registered under NONE), candidate = A
        List<Compatibility.Previous> history = previous(A_AS_INT, A_OPTIONAL_B);
        assertThat(Compatibility.check(CompatibilityLevel.BACKWARD, A, history, false)).isEmpty();
        assertThat(Compatibility.check(CompatibilityLevel.BACKWARD_TRANSITIVE, A, history, false))
                .singleElement().extracting(Compatibility.Problem::oldVersion).isEqualTo(1);
        assertThat(Compatibility.check(CompatibilityLevel.FULL_TRANSITIVE, A, history, false)).isNotEmpty();
        assertThat(Compatibility.check(CompatibilityLevel.FORWARD_TRANSITIVE, A, history, false)).isNotEmpty();
    }

    @Test
    void theConflictMessageIsShapedLikeConfluents() {
        List<Compatibility.Problem> problems = Compatibility.check(CompatibilityLevel.BACKWARD, A_REQUIRED_B, previous(A), false);
        assertThat(Compatibility.describe("s-value", CompatibilityLevel.BACKWARD, problems))
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"s-value\", details: [")
                .contains("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'")
                .contains("{oldSchemaVersion: 1}")
                .contains("{compatibility: 'BACKWARD'}");
    }

    @Test
    void levelsParseCaseInsensitivelyAndAnUnknownLevelIs42203() {
        assertThat(Compatibility.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(Compatibility.parse(" Backward ")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThatThrownBy(() -> Compatibility.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42203);
                });
        assertThatThrownBy(() -> Compatibility.parse(null)).isInstanceOf(RegistryException.class);
    }
}

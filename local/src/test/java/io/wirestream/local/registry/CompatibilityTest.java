package io.wirestream.local.registry;

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
        for (Compatibility level : Compatibility.values()) {
            assertThat(level.check(A_OPTIONAL_B, previous(A), false)).as(level.name()).isEmpty();
        }
    }

    @Test
    void addingARequiredFieldBreaksBackwardButNotForward() {
        assertThat(Compatibility.BACKWARD.check(A_REQUIRED_B, previous(A), false))
                .singleElement().satisfies(p -> {
                    assertThat(p.errorType()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
                    assertThat(p.description()).contains("version 1").contains("/fields/1").contains("b");
                });
        assertThat(Compatibility.FORWARD.check(A_REQUIRED_B, previous(A), false)).isEmpty();
        assertThat(Compatibility.FULL.check(A_REQUIRED_B, previous(A), false)).isNotEmpty();
        assertThat(Compatibility.NONE.check(A_REQUIRED_B, previous(A), false)).isEmpty();
    }

    @Test
    void removingARequiredFieldBreaksForwardButNotBackward() {
        assertThat(Compatibility.FORWARD.check(A, previous(A_REQUIRED_B), false)).isNotEmpty();
        assertThat(Compatibility.BACKWARD.check(A, previous(A_REQUIRED_B), false)).isEmpty();
    }

    @Test
    void onlyTransitiveLevelsLookPastTheLatestVersion() {
        // v1 = A_AS_INT, v2 = A_OPTIONAL_B (incompatible with v1, e.g. registered under NONE), candidate = A
        List<Compatibility.Previous> history = previous(A_AS_INT, A_OPTIONAL_B);
        assertThat(Compatibility.BACKWARD.check(A, history, false)).isEmpty();
        assertThat(Compatibility.BACKWARD_TRANSITIVE.check(A, history, false))
                .singleElement().extracting(Compatibility.Problem::oldVersion).isEqualTo(1);
        assertThat(Compatibility.FULL_TRANSITIVE.check(A, history, false)).isNotEmpty();
        assertThat(Compatibility.FORWARD_TRANSITIVE.check(A, history, false)).isNotEmpty();
    }

    @Test
    void theConflictMessageIsShapedLikeConfluents() {
        List<Compatibility.Problem> problems = Compatibility.BACKWARD.check(A_REQUIRED_B, previous(A), false);
        assertThat(Compatibility.BACKWARD.describe("s-value", problems))
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"s-value\", details: [")
                .contains("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'")
                .contains("{oldSchemaVersion: 1}")
                .contains("{compatibility: 'BACKWARD'}");
    }

    @Test
    void levelsParseCaseInsensitivelyAndAnUnknownLevelIs42203() {
        assertThat(Compatibility.parse("full_transitive")).isEqualTo(Compatibility.FULL_TRANSITIVE);
        assertThat(Compatibility.parse(" Backward ")).isEqualTo(Compatibility.BACKWARD);
        assertThatThrownBy(() -> Compatibility.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42203);
                });
        assertThatThrownBy(() -> Compatibility.parse(null)).isInstanceOf(RegistryException.class);
    }
}

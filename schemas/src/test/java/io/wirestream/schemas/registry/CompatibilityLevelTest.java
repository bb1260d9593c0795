package io.wirestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wirestream.schemas.registry.CompatibilityLevel.Direction;
import io.wirestream.schemas.registry.CompatibilityLevel.Incompatibility;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"R\", \"fields\": [" + fields + "]}");
    }

    static final Schema A = record("{\"name\": \"a\", \"type\": \"string\"}");
    static final Schema A_OPTIONAL_B = record("{\"name\": \"a\", \"type\": \"string\"}, "
            + "{\"name\": \"b\", \"type\": [\"null\", \"int\"], \"default\": null}");
    static final Schema A_REQUIRED_B = record("{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"int\"}");
    static final Schema A_AS_INT = record("{\"name\": \"a\", \"type\": \"int\"}");

    @Test
    void eachIncompatibilityNamesTheEarlierSchemaTheDirectionAndWhere() {
        assertThat(CompatibilityLevel.FULL.incompatibilities(A_REQUIRED_B, List.of(A), false))
                .satisfiesExactly(
                        backward -> {
                            assertThat(backward.earlierIndex()).isZero();
                            assertThat(backward.earlier()).isEqualTo(A);
                            assertThat(backward.direction()).isEqualTo(Direction.BACKWARD);
                            assertThat(backward.errorType()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
                            assertThat(backward.location()).isEqualTo("/fields/1");
                            assertThat(backward.path()).isEqualTo("R.b");
                            assertThat(backward.message()).contains("b");
                            assertThat(backward.describe()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE at R.b: "
                                    + backward.message());
                        });
        assertThat(CompatibilityLevel.FULL.incompatibilities(A, List.of(A_AS_INT), false))
                .extracting(Incompatibility::direction, Incompatibility::errorType, Incompatibility::path)
                .containsExactly(
                        tuple(Direction.BACKWARD, "TYPE_MISMATCH", "R.a"),
                        tuple(Direction.FORWARD, "TYPE_MISMATCH", "R.a"));
    }

    @Test
    void onlyTransitiveLevelsLookPastTheLatestVersionUnlessAskedToCheckEveryGivenOne() {
        // v1 = A_AS_INT, v2 = A_OPTIONAL_B (incompatible with v1, e.g. registered under NONE), candidate = A
        List<Schema> history = List.of(A_AS_INT, A_OPTIONAL_B);
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(A, history, false)).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.incompatibilities(A, history, false))
                .singleElement().extracting(Incompatibility::earlierIndex).isEqualTo(0);
        assertThat(CompatibilityLevel.BACKWARD.incompatibilities(A, history, true))
                .singleElement().extracting(Incompatibility::earlierIndex).isEqualTo(0);
        assertThat(CompatibilityLevel.NONE.incompatibilities(A, history, true)).isEmpty();
    }

    @Test
    void addingAFieldWithADefaultIsCompatibleAtEveryLevel() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(level.incompatibilities(A_OPTIONAL_B, List.of(A), true)).as(level.name()).isEmpty();
            assertThat(level.isCompatible(A_OPTIONAL_B, List.of(A))).as(level.name()).isTrue();
        }
    }

    @Test
    void checkWordsEachIncompatibilityWithItsDirection() {
        assertThat(CompatibilityLevel.FULL.check(A_REQUIRED_B, List.of(A))).containsExactly(
                "{new schema cannot read data written with an earlier schema: READER_FIELD_MISSING_DEFAULT_VALUE at R.b: "
                        + CompatibilityLevel.BACKWARD.incompatibilities(A_REQUIRED_B, List.of(A), false).get(0).message() + "}");
        assertThat(CompatibilityLevel.FORWARD.check(A, List.of(A_REQUIRED_B))).singleElement().asString()
                .startsWith("{an earlier schema cannot read data written with the new schema: READER_FIELD_MISSING_DEFAULT_VALUE at R.b: ");
        assertThat(CompatibilityLevel.readerWriterProblems(A_REQUIRED_B, A)).singleElement().asString()
                .startsWith("READER_FIELD_MISSING_DEFAULT_VALUE at R.b: ");
    }
}

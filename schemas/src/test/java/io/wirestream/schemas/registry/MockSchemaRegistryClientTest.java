package io.wirestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.testutil.SchemaEdits;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryClientTest {

    private static final Schema V1 = RawArticle.getClassSchema();
    private static final Schema V2_OPTIONAL = SchemaEdits.withField(V1, "{\"name\":\"desk\",\"type\":[\"null\",\"string\"],\"default\":null}");
    private static final Schema V2_REQUIRED = SchemaEdits.withField(V1, "{\"name\":\"desk\",\"type\":\"string\"}");

    private final MockSchemaRegistryClient registry = new MockSchemaRegistryClient();

    @Test
    void registersVersionsWithRegistryWideIds() {
        int id1 = registry.register("news.raw-value", V1);
        int id2 = registry.register("news.raw-value", V2_OPTIONAL);

        assertThat(id2).isNotEqualTo(id1);
        assertThat(registry.versions("news.raw-value")).containsExactly(1, 2);
        assertThat(registry.getLatest("news.raw-value")).isEqualTo(new SchemaVersion("news.raw-value", 2, id2, V2_OPTIONAL));
        assertThat(registry.getVersion("news.raw-value", 1).id()).isEqualTo(id1);
        assertThat(registry.getById(id1)).isEqualTo(V1);
        assertThat(registry.lookupId("news.raw-value", V1)).isEqualTo(id1);
    }

    @Test
    void aSchemaThatDiffersOnlyInItsDocIsANewVersion() {
        // Avro's Schema.equals ignores docs (and aliases); the registry, like Confluent's, compares the schema text
        Schema documented = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\",\"doc\":\"one\"}]}");
        Schema redocumented = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\",\"doc\":\"two\"}]}");
        int id1 = registry.register("r-value", documented);
        int id2 = registry.register("r-value", redocumented);

        assertThat(id2).isNotEqualTo(id1);
        assertThat(registry.versions("r-value")).containsExactly(1, 2);
        assertThat(registry.getById(id2).getField("a").doc()).isEqualTo("two");
        assertThat(registry.lookupId("r-value", documented)).isEqualTo(id1);
    }

    @Test
    void registeringAgainIsANoOp() {
        int id = registry.register("s-value", V1);

        assertThat(registry.register("s-value", V1)).isEqualTo(id);
        assertThat(registry.versions("s-value")).containsExactly(1);
    }

    @Test
    void sameSchemaUnderTwoSubjectsHasOneId() {
        assertThat(registry.register("a-value", V1)).isEqualTo(registry.register("b-value", V1));
        assertThat(registry.subjects()).containsExactly("a-value", "b-value");
    }

    @Test
    void enforcesBackwardCompatibilityByDefault() {
        registry.register("news.raw-value", V1);

        IncompatibleSchemaException e = catchThrowableOfType(IncompatibleSchemaException.class,
                () -> registry.register("news.raw-value", V2_REQUIRED));

        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.getMessage()).contains("news.raw-value").contains("BACKWARD").contains("RawArticle.desk")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(registry.versions("news.raw-value")).containsExactly(1);
        assertThat(registry.testCompatibility("news.raw-value", V2_REQUIRED)).isFalse();
        assertThat(registry.testCompatibility("news.raw-value", V2_OPTIONAL)).isTrue();
    }

    @Test
    void subjectLevelNoneAllowsAnything() {
        registry.register("s-value", V1);
        registry.setCompatibility("s-value", "NONE");

        registry.register("s-value", V2_REQUIRED);

        assertThat(registry.getCompatibility("s-value")).isEqualTo("NONE");
        assertThat(registry.getCompatibility(null)).isEqualTo("BACKWARD");
        assertThat(registry.getCompatibility("other-value")).isEqualTo("BACKWARD");
    }

    @Test
    void forwardRefusesRemovingAFieldWithoutDefault() {
        registry.setCompatibility(null, "forward");
        registry.register("s-value", V2_REQUIRED);

        assertThatThrownBy(() -> registry.register("s-value", V1)).isInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void transitiveChecksEveryEarlierVersion() {
        registry.setCompatibility(null, "BACKWARD_TRANSITIVE");
        Schema v1 = SchemaEdits.withoutField(V1, "editorialNote");
        registry.register("s-value", v1);
        // v2 adds editorialNote with its default: fine. v3 drops the default: compatible with v2, not with v1.
        registry.register("s-value", V1);
        Schema v3 = SchemaEdits.withField(SchemaEdits.withoutField(V1, "editorialNote"),
                "{\"name\":\"editorialNote\",\"type\":[\"null\",\"string\"]}");

        assertThatThrownBy(() -> registry.register("s-value", v3)).isInstanceOf(IncompatibleSchemaException.class);
        registry.setCompatibility("s-value", "BACKWARD");
        assertThat(registry.register("s-value", v3)).isPositive();
    }

    @Test
    void unknownLevelIsRefused() {
        InvalidCompatibilityLevelException e = catchThrowableOfType(InvalidCompatibilityLevelException.class,
                () -> registry.setCompatibility(null, "SIDEWAYS"));

        assertThat(e.errorCode()).isEqualTo(42203);
        assertThat(e.getMessage()).contains("SIDEWAYS");
    }

    @Test
    void missingThingsRaiseTheRegistrysErrors() {
        registry.register("s-value", V1);

        assertThat(catchThrowableOfType(SubjectNotFoundException.class, () -> registry.getLatest("nope")).errorCode()).isEqualTo(40401);
        assertThat(catchThrowableOfType(VersionNotFoundException.class, () -> registry.getVersion("s-value", 9)).errorCode()).isEqualTo(40402);
        assertThat(catchThrowableOfType(SchemaNotFoundException.class, () -> registry.getById(999)).errorCode()).isEqualTo(40403);
        assertThat(catchThrowableOfType(SchemaNotFoundException.class, () -> registry.lookupId("s-value", V2_OPTIONAL)).errorCode()).isEqualTo(40403);
        assertThat(catchThrowableOfType(InvalidVersionException.class, () -> registry.getVersion("s-value", 0)).errorCode()).isEqualTo(42202);
    }

    @Test
    void mockUrlsShareOneRegistryPerScope() {
        String scope = "mock://" + UUID.randomUUID();
        try {
            int id = SchemaRegistryClients.create(scope).register("s-value", V1);

            assertThat(SchemaRegistryClients.create(scope).getById(id)).isEqualTo(V1);
            assertThat(SchemaRegistryClients.create("mock://" + UUID.randomUUID()).subjects()).isEmpty();

            SchemaRegistryClients.dropMockScope(scope);
            assertThat(SchemaRegistryClients.create(scope).subjects()).isEmpty();
        } finally {
            SchemaRegistryClients.dropMockScope(scope);
        }
    }

    @Test
    void httpUrlsGiveTheHttpClient() {
        assertThat(SchemaRegistryClients.create("http://127.0.0.1:8081")).isInstanceOf(HttpSchemaRegistryClient.class);
        assertThat(SchemaRegistryClients.isMock("mock://x")).isTrue();
    }
}

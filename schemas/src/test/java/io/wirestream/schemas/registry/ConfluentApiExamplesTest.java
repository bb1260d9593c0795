package io.wirestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirestream.schemas.testutil.RecordedExchange;
import io.wirestream.schemas.testutil.RegistryStub;
import java.util.Arrays;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays request/response pairs documented for the Confluent Schema Registry API (see
 * {@code src/test/resources/io/wirestream/schemas/registry/ConfluentApiExamplesTest/SOURCES.md}): the client must
 * send what the documentation sends and return what the documented answer means.
 */
class ConfluentApiExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema TEST_RECORD = SchemaBuilder.record("test").fields()
            .name("field1").type().stringType().noDefault()
            .name("field2").type().intType().noDefault()
            .endRecord();

    private static RegistryStub stub;

    @BeforeAll
    static void startStub() {
        stub = RegistryStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void getSchemaById() {
        assertThat(this.<Schema>replay("get-schema-by-id", c -> c.getById(1))).isEqualTo(STRING);
    }

    @Test
    void getSchemaByIdAsTheServerPrintsIt() {
        assertThat(this.<Schema>replay("get-schema-by-id-string", c -> c.getById(1))).isEqualTo(STRING);
    }

    @Test
    void listSubjects() {
        assertThat(this.<java.util.List<String>>replay("list-subjects", SchemaRegistryClient::subjects)).containsExactly("subject1", "subject2");
        assertThat(this.<java.util.List<String>>replay("list-subjects-kafka", SchemaRegistryClient::subjects)).containsExactly("Kafka-value", "Kafka-key");
    }

    @Test
    void listVersions() {
        assertThat(this.<java.util.List<Integer>>replay("list-versions", c -> c.versions("test"))).containsExactly(1, 2, 3, 4);
        assertThat(this.<java.util.List<Integer>>replay("list-versions-kafka-value", c -> c.versions("Kafka-value"))).containsExactly(1);
    }

    @Test
    void getVersion() {
        assertThat(this.<SchemaVersion>replay("get-version-1-kafka-value", c -> c.getVersion("Kafka-value", 1)))
                .isEqualTo(new SchemaVersion("Kafka-value", 1, 1, STRING));
    }

    @Test
    void registerRecordSchema() {
        assertThat(this.<Integer>replay("register-record", c -> c.register("test", TEST_RECORD))).isEqualTo(1);
    }

    @Test
    void registerStringSchema() {
        assertThat(this.<Integer>replay("register-string-kafka-key", c -> c.register("Kafka-key", STRING))).isEqualTo(1);
    }

    @Test
    void lookUpRegisteredSchema() {
        assertThat(this.<Integer>replay("lookup-record", c -> c.lookupId("test", TEST_RECORD))).isEqualTo(1);
        assertThat(this.<Integer>replay("lookup-string-kafka-key", c -> c.lookupId("Kafka-key", STRING))).isEqualTo(1);
    }

    @Test
    void testCompatibilityWithLatest() {
        assertThat(this.<Boolean>replay("test-compatibility-record", c -> c.testCompatibility("test", TEST_RECORD))).isTrue();
        assertThat(this.<Boolean>replay("test-compatibility-kafka-value", c -> c.testCompatibility("Kafka-value", STRING))).isTrue();
    }

    @Test
    void getGlobalAndSubjectCompatibility() {
        assertThat(this.<String>replay("get-global-config", c -> c.getCompatibility(null))).isEqualTo("BACKWARD");
        assertThat(this.<String>replay("get-subject-config", c -> c.getCompatibility("test"))).isEqualTo("FULL");
    }

    @Test
    void setGlobalAndSubjectCompatibility() {
        // setCompatibility returns nothing: replay() checks that the client sent the documented PUT (method, path,
        // media type, body) and took the documented answer without an error
        replay("put-global-config", c -> {
            c.setCompatibility(null, "NONE");
            return null;
        });
        replay("put-subject-config", c -> {
            c.setCompatibility("Kafka-value", "BACKWARD");
            return null;
        });
    }

    @Test
    void documentedErrorsBecomeTypedExceptions() {
        SubjectNotFoundException subject = replayFailure("error-40401-subject-not-found", SubjectNotFoundException.class,
                c -> c.versions("test"));
        assertThat(subject.getMessage()).contains("Subject 'test' not found.");

        VersionNotFoundException version = replayFailure("error-40402-version-not-found", VersionNotFoundException.class,
                c -> c.getVersion("test", 5));
        assertThat(version.getMessage()).contains("Version 5 not found.");

        SchemaNotFoundException schema = replayFailure("error-40403-schema-not-found", SchemaNotFoundException.class,
                c -> c.getById(7));
        assertThat(schema.getMessage()).contains("Schema 7 not found");

        SchemaRegistryException unprocessable = replayFailure("error-422-schema-empty", SchemaRegistryException.class,
                c -> c.register("test", TEST_RECORD));
        assertThat(unprocessable.httpStatus()).isEqualTo(422);
        assertThat(unprocessable.errorCode()).isEqualTo(422);
        assertThat(unprocessable.getMessage()).contains("schema may not be empty");
    }

    // -------------------------------------------------------------------------------------------------

    private <T> T replay(String name, Function<SchemaRegistryClient, T> call) {
        RecordedExchange exchange = RecordedExchange.load(getClass(), name);
        stub.reset().answer(new RegistryStub.Answer(exchange.response().status(), exchange.response().header("Content-Type"),
                exchange.response().body()));
        try (SchemaRegistryClient client = HttpSchemaRegistryClient.builder(stub.url()).maxAttempts(1).build()) {
            T result = call.apply(client);
            assertSentAsRecorded(exchange, stub);
            return result;
        }
    }

    private <E extends Throwable> E replayFailure(String name, Class<E> type, Function<SchemaRegistryClient, ?> call) {
        RecordedExchange exchange = RecordedExchange.load(getClass(), name);
        stub.reset().answer(new RegistryStub.Answer(exchange.response().status(), exchange.response().header("Content-Type"),
                exchange.response().body()));
        try (SchemaRegistryClient client = HttpSchemaRegistryClient.builder(stub.url()).maxAttempts(1).build()) {
            E failure = catchThrowableOfType(type, () -> call.apply(client));
            assertSentAsRecorded(exchange, stub);
            return failure;
        }
    }

    private static void assertSentAsRecorded(RecordedExchange exchange, RegistryStub stub) {
        RecordedExchange.Message recorded = exchange.request();
        assertThat(stub.requests()).as("requests sent for %s", exchange.name()).hasSize(1);
        RegistryStub.Recorded sent = stub.lastRequest();
        assertThat(sent.method()).as("method of %s", exchange.name()).isEqualTo(recorded.method());
        assertThat(sent.path()).as("path of %s", exchange.name()).isEqualTo(recorded.path());
        if (recorded.header("Accept") != null) {
            assertThat(Arrays.stream(recorded.header("Accept").split(",")).map(String::strip))
                    .as("Accept of %s", exchange.name()).contains(sent.header("Accept"));
        }
        if (recorded.body().isEmpty()) {
            assertThat(sent.body()).as("body of %s", exchange.name()).isEmpty();
            return;
        }
        assertThat(sent.header("Content-Type")).as("Content-Type of %s", exchange.name())
                .isEqualTo(recorded.header("Content-Type"));
        assertThat(comparable(sent.body())).as("body of %s", exchange.name()).isEqualTo(comparable(recorded.body()));
    }

    /** The body as JSON, with a "schema" string replaced by its parsed Avro form (whitespace in schema text is not significant). */
    private static JsonNode comparable(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object && object.hasNonNull("schema")) {
                object.put("schema", new Schema.Parser().parse(object.get("schema").asText()).toString());
            }
            return node;
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}

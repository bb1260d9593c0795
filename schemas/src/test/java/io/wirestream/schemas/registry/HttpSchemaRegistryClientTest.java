package io.wirestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wirestream.schemas.testutil.RegistryStub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpSchemaRegistryClientTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Story").namespace("io.wirestream.test")
            .fields().requiredString("id").endRecord();
    private static final String SCHEMA_ANSWER = "{\"schema\":" + quote(SCHEMA.toString()) + "}";

    private static RegistryStub stub;
    private HttpSchemaRegistryClient client;

    @BeforeAll
    static void startStub() {
        stub = RegistryStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @BeforeEach
    void start() {
        stub.reset();
        client = HttpSchemaRegistryClient.builder(stub.url())
                .maxAttempts(3).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    // ------------------------------------------------------------------------------------------- error mapping

    @ParameterizedTest(name = "HTTP {0} error_code {1} -> {2}")
    @CsvSource({
            "404, 40401, SubjectNotFoundException",
            "404, 40402, VersionNotFoundException",
            "404, 40403, SchemaNotFoundException",
            "409, 409, IncompatibleSchemaException",
            "409, 40901, IncompatibleSchemaException",
            "422, 42201, InvalidSchemaException",
            "422, 42202, InvalidVersionException",
            "422, 42203, InvalidCompatibilityLevelException",
            "500, 50001, RegistryUnavailableException",
            "500, 50002, RegistryUnavailableException",
            "500, 50003, RegistryUnavailableException",
            "422, 422, SchemaRegistryException",
            "401, 401, SchemaRegistryException",
            "404, 40408, SchemaRegistryException",
    })
    void mapsEachErrorCodeToItsTypedException(int status, int errorCode, String exceptionName) {
        HttpSchemaRegistryClient noRetry = HttpSchemaRegistryClient.builder(stub.url()).maxAttempts(1).build();
        stub.error(status, errorCode, "the registry's own words");

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> noRetry.getVersion("news.raw-value", 7));

        assertThat(e.getClass().getSimpleName()).isEqualTo(exceptionName);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.errorCode()).isEqualTo(errorCode);
        assertThat(e.getMessage())
                .contains("get version 7 of subject 'news.raw-value'")
                .contains("the registry's own words")
                .contains("HTTP " + status)
                .contains("error code " + errorCode);
    }

    @Test
    void unknownSchemaIdSaysWhichId() {
        stub.error(404, 40403, "Schema 77 not found");

        assertThatThrownBy(() -> client.getById(77))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("get schema by id 77")
                .hasMessageContaining("Schema 77 not found");
    }

    @Test
    void incompatibleRegistrationCarriesTheRegistrysExplanation() {
        stub.error(409, 409, "Schema being registered is incompatible with an earlier schema for subject \"news.raw-value\"");

        assertThatThrownBy(() -> client.register("news.raw-value", SCHEMA))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("register schema under subject 'news.raw-value'")
                .hasMessageContaining("incompatible with an earlier schema");
    }

    @Test
    void errorWithoutJsonBodyStillSaysWhatHappened() {
        stub.answer(new RegistryStub.Answer(404, "text/html", "<html>Not Found</html>"));

        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.subjects());

        assertThat(e).isExactlyInstanceOf(SchemaRegistryException.class);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(404);
        assertThat(e.getMessage()).contains("list subjects").contains("<html>Not Found</html>");
    }

    @Test
    void answerThatIsNotJsonIsRejectedClearly() {
        stub.answer(new RegistryStub.Answer(200, "text/plain", "hello"));

        assertThatThrownBy(() -> client.getById(1))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void schemaOfAnotherTypeIsRefused() {
        stub.answer(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

        assertThatThrownBy(() -> client.getById(3))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("PROTOBUF");
    }

    // ------------------------------------------------------------------------------------------- caching

    @Test
    void schemaByIdIsFetchedOnce() {
        stub.answer(200, SCHEMA_ANSWER);

        assertThat(client.getById(5)).isEqualTo(SCHEMA);
        assertThat(client.getById(5)).isEqualTo(SCHEMA);

        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void registeringTheSameSchemaTwiceAsksTheRegistryOnce() {
        stub.answer(200, "{\"id\":12}");

        assertThat(client.register("s-value", SCHEMA)).isEqualTo(12);
        assertThat(client.register("s-value", SCHEMA)).isEqualTo(12);

        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void registeredSchemaIsKnownBothWaysWithoutFurtherCalls() {
        stub.answer(200, "{\"id\":12}");
        client.register("s-value", SCHEMA);

        assertThat(client.getById(12)).isEqualTo(SCHEMA);
        assertThat(client.lookupId("s-value", SCHEMA)).isEqualTo(12);

        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void lookedUpIdIsCached() {
        stub.answer(200, "{\"subject\":\"s-value\",\"version\":1,\"id\":4,\"schema\":" + quote(SCHEMA.toString()) + "}");

        assertThat(client.lookupId("s-value", SCHEMA)).isEqualTo(4);
        assertThat(client.lookupId("s-value", SCHEMA)).isEqualTo(4);
        assertThat(client.getById(4)).isEqualTo(SCHEMA);

        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void sameSchemaUnderAnotherSubjectIsAskedAgain() {
        stub.answer(200, "{\"id\":12}");

        client.register("a-value", SCHEMA);
        client.register("b-value", SCHEMA);

        assertThat(stub.requests()).extracting(RegistryStub.Recorded::path)
                .containsExactly("/subjects/a-value/versions", "/subjects/b-value/versions");
    }

    @Test
    void fixedVersionsAreCachedButLatestIsAlwaysAsked() {
        String v1 = "{\"subject\":\"s-value\",\"version\":1,\"id\":4,\"schema\":" + quote(SCHEMA.toString()) + "}";
        stub.answer(200, v1);

        assertThat(client.getVersion("s-value", 1).id()).isEqualTo(4);
        assertThat(client.getVersion("s-value", 1).id()).isEqualTo(4);
        client.getLatest("s-value");
        client.getLatest("s-value");

        assertThat(stub.requests()).hasSize(3);
    }

    // ------------------------------------------------------------------------------------------- retries

    @Test
    void retriesTransientServerErrorsUntilTheRegistryAnswers() {
        stub.error(503, 50003, "Error while forwarding the request to the leader")
                .error(503, 50003, "Error while forwarding the request to the leader")
                .answer(200, "{\"id\":9}");

        assertThat(client.register("s-value", SCHEMA)).isEqualTo(9);

        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        stub.error(422, 42201, "Invalid schema").answer(200, "{\"id\":9}");

        assertThatThrownBy(() -> client.register("s-value", SCHEMA)).isInstanceOf(InvalidSchemaException.class);

        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithRegistryUnavailable() {
        stub.error(503, 50002, "Operation timed out");

        RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class,
                () -> client.register("s-value", SCHEMA));

        assertThat(stub.requests()).hasSize(3);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.errorCode()).isEqualTo(50002);
        assertThat(e.getMessage()).contains("Operation timed out").contains("register schema under subject 's-value'");
    }

    @Test
    void bareServerErrorWithoutRegistryBodyIsUnavailableToo() {
        stub.answer(new RegistryStub.Answer(502, "text/plain", "Bad Gateway"));

        assertThatThrownBy(() -> client.subjects())
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("Bad Gateway")
                .hasMessageContaining("HTTP 502");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void connectionFailuresAreRetriedThenReportedWithTheUrl() throws IOException {
        String deadUrl = "http://127.0.0.1:" + freePort();
        HttpSchemaRegistryClient dead = HttpSchemaRegistryClient.builder(deadUrl)
                .maxAttempts(2).initialBackoff(Duration.ofMillis(1)).build();

        RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class, () -> dead.getById(1));

        assertThat(e.httpStatus()).isEqualTo(-1);
        assertThat(e.getMessage()).contains("after 2 attempt(s)").contains(deadUrl + "/schemas/ids/1");
    }

    @Test
    void failsOverToTheNextUrlWhenOneIsDown() throws IOException {
        String deadUrl = "http://127.0.0.1:" + freePort();
        HttpSchemaRegistryClient twoUrls = HttpSchemaRegistryClient.builder(deadUrl + "," + stub.url())
                .maxAttempts(2).initialBackoff(Duration.ofMillis(1)).build();
        stub.answer(200, "[\"a-value\"]");

        assertThat(twoUrls.subjects()).containsExactly("a-value");
    }

    // ------------------------------------------------------------------------------------------- protocol details

    @Test
    void sendsTheRegistryMediaTypeBothWays() {
        stub.answer(200, "{\"id\":1}");

        client.register("s-value", SCHEMA);

        RegistryStub.Recorded request = stub.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo(HttpSchemaRegistryClient.MEDIA_TYPE);
        assertThat(request.header("Accept")).isEqualTo(HttpSchemaRegistryClient.MEDIA_TYPE);
    }

    @Test
    void percentEncodesSubjectsInPaths() {
        stub.answer(200, "[1]");

        client.versions("odd subject/with ü");

        assertThat(stub.lastRequest().path()).isEqualTo("/subjects/odd%20subject%2Fwith%20%C3%BC/versions");
    }

    @Test
    void subjectWithoutItsOwnLevelFallsBackToTheGlobalOne() {
        stub.error(404, 40408, "Subject 's-value' does not have subject-level compatibility configured")
                .answer(200, "{\"compatibilityLevel\":\"BACKWARD\"}");

        assertThat(client.getCompatibility("s-value")).isEqualTo("BACKWARD");

        assertThat(stub.requests()).extracting(RegistryStub.Recorded::path).containsExactly("/config/s-value", "/config");
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

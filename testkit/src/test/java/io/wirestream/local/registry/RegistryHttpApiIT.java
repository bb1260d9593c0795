package io.wirestream.local.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.schemas.registry.InvalidCompatibilityLevelException;
import io.wirestream.schemas.registry.SchemaNotFoundException;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.registry.SubjectNotFoundException;
import io.wirestream.schemas.registry.VersionNotFoundException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's HTTP surface as the schemas module's client (and Confluent's) expects it: status codes,
 * {@code error_code}s, bodies and media type.
 */
@WithKafka
class RegistryHttpApiIT {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Schema V1 = AvroThroughRegistryIT.READING_V1;
    static final Schema V2 = AvroThroughRegistryIT.READING_V2;

    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    static SchemaRegistryClient client;
    static String url;

    @BeforeAll
    static void connect(KafkaEnv env) {
        url = env.schemaRegistryUrl();
        client = SchemaRegistryClients.create(url);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        int errorCode() throws Exception {
            return json().get("error_code").asInt();
        }
    }

    static Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", MEDIA_TYPE);
        if (body != null) {
            request.header("Content-Type", MEDIA_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    @Test
    void anUnknownSubjectIs40401WithConfluentsMessage(KafkaEnv env) throws Exception {
        String subject = env.randomTopic("missing");
        Answer answer = call("GET", "/subjects/" + subject + "/versions", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo(MEDIA_TYPE);
        assertThat(answer.json().get("error_code").asInt()).isEqualTo(40401);
        assertThat(answer.json().get("message").asText()).isEqualTo("Subject '" + subject + "' not found.");
        assertThat(call("GET", "/subjects/" + subject + "/versions/latest", null).errorCode()).isEqualTo(40401);
        assertThat(call("POST", "/subjects/" + subject, schemaBody(V1)).errorCode()).isEqualTo(40401);

        assertThatThrownBy(() -> client.getLatest(subject)).isInstanceOf(SubjectNotFoundException.class);
        assertThatThrownBy(() -> client.versions(subject)).isInstanceOf(SubjectNotFoundException.class);
        assertThatThrownBy(() -> client.lookupId(subject, V1)).isInstanceOf(SubjectNotFoundException.class);
    }

    @Test
    void anUnknownVersionIs40402AndABadVersionIs42202(KafkaEnv env) throws Exception {
        String subject = env.randomTopic("versions");
        client.register(subject, V1);
        Answer answer = call("GET", "/subjects/" + subject + "/versions/7", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo(40402);
        assertThat(answer.json().get("message").asText()).isEqualTo("Version 7 not found.");
        assertThatThrownBy(() -> client.getVersion(subject, 7)).isInstanceOf(VersionNotFoundException.class);

        Answer bad = call("GET", "/subjects/" + subject + "/versions/seven", null);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errorCode()).isEqualTo(42202);
    }

    @Test
    void anUnknownSchemaIs40403ByIdAndOnLookup(KafkaEnv env) throws Exception {
        Answer answer = call("GET", "/schemas/ids/987654", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo(40403);
        assertThatThrownBy(() -> client.getById(987654)).isInstanceOf(SchemaNotFoundException.class);

        String subject = env.randomTopic("lookup");
        client.register(subject, V1);
        assertThat(call("POST", "/subjects/" + subject, schemaBody(V2)).errorCode()).isEqualTo(40403);
        assertThatThrownBy(() -> client.lookupId(subject, V2)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void registeredSchemasAreServedByIdBySubjectVersionAndAsRawSchema(KafkaEnv env) throws Exception {
        String subject = env.randomTopic("serve");
        Answer registered = call("POST", "/subjects/" + subject + "/versions", schemaBody(V1));
        assertThat(registered.status()).isEqualTo(200);
        int id = registered.json().get("id").asInt();
        assertThat(call("POST", "/subjects/" + subject + "/versions", schemaBody(V1)).json().get("id").asInt()).isEqualTo(id);

        assertThat(new Schema.Parser().parse(call("GET", "/schemas/ids/" + id, null).json().get("schema").asText())).isEqualTo(V1);
        JsonNode latest = call("GET", "/subjects/" + subject + "/versions/latest", null).json();
        assertThat(latest.get("subject").asText()).isEqualTo(subject);
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(new Schema.Parser().parse(call("GET", "/subjects/" + subject + "/versions/1/schema", null).body())).isEqualTo(V1);
        assertThat(call("GET", "/schemas/ids/" + id + "/versions", null).json().toString())
                .contains("{\"subject\":\"" + subject + "\",\"version\":1}");
        assertThat(call("POST", "/subjects/" + subject, schemaBody(V1)).json().get("version").asInt()).isEqualTo(1);
        assertThat(call("GET", "/subjects", null).json().toString()).contains("\"" + subject + "\"");
        assertThat(call("GET", "/schemas/types", null).body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void anUnparsableSchemaIs42201(KafkaEnv env) throws Exception {
        String subject = env.randomTopic("invalid");
        Answer answer = call("POST", "/subjects/" + subject + "/versions",
                "{\"schema\": \"{\\\"type\\\": \\\"record\\\", \\\"name\\\": \\\"X\\\", \\\"fields\\\": [{\\\"name\\\": \\\"a\\\", \\\"type\\\": \\\"nosuchtype\\\"}]}\"}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.errorCode()).isEqualTo(42201);
        assertThat(answer.json().get("message").asText()).contains("nosuchtype");
        assertThat(call("POST", "/subjects/" + subject + "/versions", "{\"schema\": \"not json\"}").errorCode()).isEqualTo(42201);
        assertThat(call("POST", "/subjects/" + subject + "/versions", "{\"schema\": \"{}\", \"schemaType\": \"PROTOBUF\"}").errorCode())
                .isEqualTo(42201);
        assertThat(call("GET", "/subjects/" + subject + "/versions", null).errorCode()).isEqualTo(40401);
    }

    @Test
    void compatibilityConfigIsGlobalOrPerSubjectAndABadLevelIs42203(KafkaEnv env) throws Exception {
        String subject = env.randomTopic("config");
        assertThat(call("GET", "/config", null).json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        Answer none = call("GET", "/config/" + subject, null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.errorCode()).isEqualTo(40408);
        assertThat(call("GET", "/config/" + subject + "?defaultToGlobal=true", null).json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
        assertThat(client.getCompatibility(subject)).isEqualTo("BACKWARD");

        Answer put = call("PUT", "/config/" + subject, "{\"compatibility\": \"full_transitive\"}");
        assertThat(put.json().get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(client.getCompatibility(subject)).isEqualTo("FULL_TRANSITIVE");

        Answer bad = call("PUT", "/config/" + subject, "{\"compatibility\": \"SIDEWAYS\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errorCode()).isEqualTo(42203);
        assertThatThrownBy(() -> client.setCompatibility(subject, "SIDEWAYS")).isInstanceOf(InvalidCompatibilityLevelException.class);

        assertThat(call("DELETE", "/config/" + subject, null).json().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(client.getCompatibility(subject)).isEqualTo("BACKWARD");
    }

    @Test
    void theCompatibilityEndpointAnswersWithReasonsWhenVerbose(KafkaEnv env) throws Exception {
        String subject = env.randomTopic("compat");
        assertThat(call("POST", "/compatibility/subjects/" + subject + "/versions/latest", schemaBody(V1)).json()
                .get("is_compatible").asBoolean()).isTrue();
        client.register(subject, V2);
        JsonNode answer = call("POST", "/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
                schemaBody(AvroThroughRegistryIT.READING_V3)).json();
        assertThat(answer.get("is_compatible").asBoolean()).isFalse();
        assertThat(answer.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(call("POST", "/compatibility/subjects/" + subject + "/versions/1", schemaBody(V1)).json()
                .get("is_compatible").asBoolean()).isTrue();
        assertThat(call("POST", "/compatibility/subjects/" + subject + "/versions/9", schemaBody(V1)).errorCode()).isEqualTo(40402);
    }

    @Test
    void aDeletedSubjectIsGoneButItsSchemaIdsStillResolve(KafkaEnv env) throws Exception {
        String subject = env.randomTopic("delete");
        int id = client.register(subject, V1);
        client.register(subject, V2);
        assertThat(call("DELETE", "/subjects/" + subject + "?permanent=true", null).errorCode()).isEqualTo(40405);
        assertThat(call("DELETE", "/subjects/" + subject, null).body()).isEqualTo("[1,2]");
        assertThat(call("GET", "/subjects/" + subject + "/versions", null).errorCode()).isEqualTo(40401);
        assertThat(client.subjects()).doesNotContain(subject);
        assertThat(call("GET", "/subjects?deleted=true", null).json().toString()).contains(subject);
        assertThat(call("GET", "/schemas/ids/" + id, null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/subjects/" + subject, null).errorCode()).isEqualTo(40404);
        assertThat(call("DELETE", "/subjects/" + subject + "?permanent=true", null).body()).isEqualTo("[1,2]");
        assertThat(call("GET", "/subjects?deleted=true", null).json().toString()).doesNotContain(subject);

        // registering again (not through the cached client) starts a live subject again, same global id
        assertThat(call("POST", "/subjects/" + subject + "/versions", schemaBody(V1)).json().get("id").asInt()).isEqualTo(id);
        assertThat(client.versions(subject)).hasSize(1);
    }

    @Test
    void subjectNamesWithReservedCharactersRoundTrip(KafkaEnv env) {
        String subject = env.randomTopic("odd") + " a/b+c%d-é";
        int id = client.register(subject, V1);
        assertThat(client.subjects()).contains(subject);
        assertThat(client.getLatest(subject).id()).isEqualTo(id);
        assertThat(client.getLatest(subject).subject()).isEqualTo(subject);
    }

    @Test
    void anOversizedBodyIs413AndUnknownPathsAre404(KafkaEnv env) throws Exception {
        String huge = "{\"schema\": \"" + "x".repeat(EmbeddedSchemaRegistry.MAX_REQUEST_BYTES) + "\"}";
        Answer answer = call("POST", "/subjects/" + env.randomTopic("huge") + "/versions", huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(call("GET", "/nothing/here", null).status()).isEqualTo(404);
        assertThat(call("PATCH", "/subjects", "{}").status()).isEqualTo(405);
        assertThat(call("POST", "/subjects/" + env.randomTopic("body") + "/versions", "[1, 2]").status()).isEqualTo(400);
    }
}

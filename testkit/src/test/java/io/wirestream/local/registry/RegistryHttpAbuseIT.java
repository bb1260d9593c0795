package io.wirestream.local.registry;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.testkit.http.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.wirestream.local.registry.RegistryHttpApiIT.JSON;
import static io.wirestream.local.registry.RegistryHttpApiIT.V1;
import static org.assertj.core.api.Assertions.assertThat;

/** Slow, cut-off and oversized clients of the embedded registry: bounded answers, nothing stored from a partial body. */
@WithKafka
class RegistryHttpAbuseIT {

    private EmbeddedSchemaRegistry registry;
    private RawHttp raw;

    @BeforeEach
    void start(KafkaEnv env) {
        registry = EmbeddedSchemaRegistry.start(env.bootstrapServers(), 0, env.randomTopic("_schemas"));
        raw = new RawHttp(registry.port());
    }

    @AfterEach
    void stop() {
        raw.close();
        registry.close();
    }

    private static String post(String subject, long contentLength) {
        return "POST /subjects/" + subject + "/versions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    private String schemaBody() {
        return JSON.createObjectNode().put("schema", V1.toString()).toString();
    }

    private int get(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(registry.url() + path))
                .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void registeringAndReadingWorkWhileClientsTrickleTheirBodies(KafkaEnv env) throws Exception {
        raw.slowClients(50, post("slow", 5000), "{", 500);
        String subject = env.randomTopic("fast");

        // the 5 s client timeouts fail the test if these wait behind the slow ones
        try (var client = io.wirestream.schemas.registry.SchemaRegistryClients.create(registry.url())) {
            assertThat(client.register(subject, V1)).isPositive();
        }
        assertThat(get("/subjects")).isEqualTo(200);
    }

    @Test
    void aBodyCutOffMidTransferIs400AndRegistersNothing(KafkaEnv env) throws Exception {
        String subject = env.randomTopic("cut");
        byte[] body = schemaBody().getBytes(StandardCharsets.UTF_8);
        Socket s = raw.open(post(subject, body.length));
        s.getOutputStream().write(body, 0, body.length / 2);
        s.shutdownOutput();

        assertThat(RawHttp.statusLine(s)).startsWith("HTTP/1.1 400");
        assertThat(get("/subjects/" + subject + "/versions")).isEqualTo(404);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeItIsSent(KafkaEnv env) throws Exception {
        Socket s = raw.open(post(env.randomTopic("huge"), EmbeddedSchemaRegistry.MAX_REQUEST_BYTES + 1L));

        assertThat(RawHttp.statusLine(s)).startsWith("HTTP/1.1 413");
    }
}

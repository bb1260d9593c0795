package io.wirestream.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirestream.http.HttpServerConfig;
import io.wirestream.http.JettyHttpServer;
import io.wirestream.http.Responses;
import io.wirestream.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The converter reads the same registry credentials as Confluent's (value.converter.basic.auth.* in a worker config),
 * against the project's HTTP stack locked with basic auth ({@link HttpServerConfig#withBasicAuth}: 401 without the
 * user's credentials) serving schema id 1.
 */
class AvroConverterRegistryAuthTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Story\",\"namespace\":\"t\",\"fields\":[{\"name\":\"headline\",\"type\":\"string\"}]}");
    private static final String USER = "sink";
    private static final String PASSWORD = "conv-s3cret";
    private static final String USER_INFO = USER + ":" + PASSWORD;

    private JettyHttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        byte[] schema = new ObjectMapper().createObjectNode().put("schema", SCHEMA.toString()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServerConfig locked = HttpServerConfig.defaults("127.0.0.1", 0).withBasicAuth(USER, PASSWORD);
        server = JettyHttpServer.bind("registry-basic-auth", locked, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                boolean known = request.getHttpURI().getPath().equals("/schemas/ids/1");
                Responses.send(request, response, callback, known ? 200 : 404, Responses.JSON,
                    known ? schema : "{\"error_code\":40403,\"message\":\"Schema not found\"}".getBytes(StandardCharsets.UTF_8));
                return true;
            }
        }).start();
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] story() throws IOException {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("headline", "Aegis Ashore");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.header(1));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(SCHEMA).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Test
    void convertsWithUserInfoCredentials() throws IOException {
        AvroConverter converter = new AvroConverter();
        converter.configure(Map.of("schema.registry.url", url, "basic.auth.credentials.source", "USER_INFO",
            "basic.auth.user.info", USER_INFO), false);
        SchemaAndValue value = converter.toConnectData("news.enriched", story());
        assertThat(((Struct) value.value()).getString("headline")).isEqualTo("Aegis Ashore");
    }

    @Test
    void withoutCredentialsTheRegistrysRefusalIsADataErrorSayingWhatToSet() throws IOException {
        AvroConverter converter = new AvroConverter();
        converter.configure(Map.of("schema.registry.url", url, "schema.registry.max.attempts", "1"), false);
        assertThatThrownBy(() -> converter.toConnectData("news.enriched", story()))
            .isInstanceOf(DataException.class).hasStackTraceContaining("HTTP 401").hasStackTraceContaining("basic.auth.user.info");
    }
}

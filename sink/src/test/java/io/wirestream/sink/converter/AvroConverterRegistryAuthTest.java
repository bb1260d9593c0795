package io.wirestream.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.wirestream.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The converter reads the same registry credentials as Confluent's (value.converter.basic.auth.* in a worker config). */
class AvroConverterRegistryAuthTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Story\",\"namespace\":\"t\",\"fields\":[{\"name\":\"headline\",\"type\":\"string\"}]}");
    private static final String USER_INFO = "sink:conv-s3cret";

    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && exchange.getRequestURI().getPath().equals("/schemas/ids/1");
            byte[] body = (ok ? new ObjectMapper().createObjectNode().put("schema", SCHEMA.toString()).toString()
                : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
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

package io.wirestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.http.HttpServerConfig;
import io.wirestream.http.JettyHttpServer;
import io.wirestream.http.Responses;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.serde.AvroSerdeConfig;
import io.wirestream.schemas.serde.SpecificAvroSerializer;
import io.wirestream.schemas.testutil.SampleArticles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client authenticates and trusts the way Confluent's clients do, against a tiny local endpoint on the
 * project's HTTP stack ({@link JettyHttpServer}, plain or TLS) that answers 401 unless the Authorization header is the
 * expected one (basic or bearer) and records every header it got.
 */
class RegistryClientSecurityTest {

    private static final String USER = "enrich";
    private static final String SECRET = "s3cr3t-Pa55";
    private static final String TOKEN = "tok-9f8e7d6c5b4a";

    private JettyHttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Answers GET /subjects with ["s-value"] and POST .../versions with {"id":7} when the header equals {@code expected}, else 401. */
    private String start(String expected) throws IOException {
        return start(HttpServerConfig.defaults("127.0.0.1", 0), expected);
    }

    private String start(HttpServerConfig config, String expected) throws IOException {
        server = JettyHttpServer.bind("registry-auth-peer", config, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                answer(request, response, callback, expected);
                return true;
            }
        }).start();
        return (config.tls() == null ? "http" : "https") + "://127.0.0.1:" + server.port();
    }

    private void answer(Request request, Response response, Callback callback, String expected) throws IOException {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        authorizations.add(auth == null ? "<none>" : auth);
        try (InputStream in = Request.asInputStream(request)) {
            in.readAllBytes();
        }
        boolean ok = expected.equals(auth);
        String body = !ok ? "{\"error_code\":401,\"message\":\"Unauthorized\"}"
            : request.getMethod().equals("POST") ? "{\"id\":7}" : "[\"s-value\"]";
        Responses.send(request, response, callback, ok ? 200 : 401, HttpSchemaRegistryClient.MEDIA_TYPE, body);
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsTheRegistrysRefusalIsOneClearErrorAndNotRetried() throws IOException {
        String url = start(basic(USER + ":" + SECRET));
        try (SchemaRegistryClient client = SchemaRegistryClients.create(url, Map.of())) {
            assertThatThrownBy(client::subjects)
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("basic.auth.user.info")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(401));
        }
        assertThat(authorizations).containsExactly("<none>");
    }

    @Test
    void userInfoCredentialsAreSentAsBasicAuth() throws IOException {
        String url = start(basic(USER + ":" + SECRET));
        Map<String, Object> config = Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", USER + ":" + SECRET);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(url, config)) {
            assertThat(client.subjects()).containsExactly("s-value");
        }
    }

    @Test
    void wrongUserInfoIsRefused() throws IOException {
        String url = start(basic(USER + ":" + SECRET));
        Map<String, Object> config = Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", USER + ":wrong");
        try (SchemaRegistryClient client = SchemaRegistryClients.create(url, config)) {
            assertThatThrownBy(client::subjects).hasMessageContaining("HTTP 401").hasMessageNotContaining("wrong");
        }
    }

    @Test
    void schemaRegistryPrefixedKeysWorkAsConfluentsClientNamespace() throws IOException {
        String url = start(basic(USER + ":" + SECRET));
        Map<String, Object> config = Map.of("schema.registry.basic.auth.credentials.source", "USER_INFO",
            "schema.registry.basic.auth.user.info", USER + ":" + SECRET);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(url, config)) {
            assertThat(client.subjects()).containsExactly("s-value");
        }
    }

    @Test
    void userInfoInTheUrlIsSentAsBasicAuthAndNeverShownInMessages() throws IOException {
        String url = start(basic(USER + ":" + SECRET));
        String withUserInfo = url.replace("http://", "http://" + USER + ":" + SECRET + "@");
        try (SchemaRegistryClient client = SchemaRegistryClients.create(withUserInfo, Map.of())) {
            assertThat(client.subjects()).containsExactly("s-value");
        }
        server.close();
        server = null;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(withUserInfo, 1, 0, 0, 2000, Map.of())) {
            assertThatThrownBy(client::subjects).isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("127.0.0.1").hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void aClientBuiltFromAUrlWithUserInfoAuthenticatesByDefault() throws IOException {
        String url = start(basic(USER + ":" + SECRET));
        try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(url.replace("http://", "http://" + USER + ":" + SECRET + "@"))) {
            assertThat(client.subjects()).containsExactly("s-value");
            assertThat(client.baseUrls()).containsExactly(url);
        }
    }

    @Test
    void bearerTokenIsSent() throws IOException {
        String url = start("Bearer " + TOKEN);
        Map<String, Object> config = Map.of("bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", TOKEN);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(url, config)) {
            assertThat(client.subjects()).containsExactly("s-value");
        }
    }

    @Test
    void serializerConfiguredWithConfluentKeysAuthenticates() throws IOException {
        String url = start(basic(USER + ":" + SECRET));
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url);
        config.put("basic.auth.credentials.source", "USER_INFO");
        config.put("basic.auth.user.info", USER + ":" + SECRET);
        try (SpecificAvroSerializer<RawArticle> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(config, false);
            byte[] bytes = serializer.serialize("news.raw", SampleArticles.raw("s-1", 1));
            assertThat(bytes[0]).isZero();
            assertThat(bytes[4]).isEqualTo((byte) 7);
        }
        assertThat(authorizations).isNotEmpty().allMatch(a -> a.equals(basic(USER + ":" + SECRET)));
    }

    @Test
    void incompleteSettingsFailNamingTheKeyButNotTheSecret() {
        assertThatThrownBy(() -> RegistryClientSecurity.from(Map.of("basic.auth.credentials.source", "USER_INFO",
            "basic.auth.user.info", SECRET), "http://r:8081"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> RegistryClientSecurity.from(Map.of("bearer.auth.credentials.source", "STATIC_TOKEN"), "http://r:8081"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("bearer.auth.token");
        assertThat(RegistryClientSecurity.from(Map.of("basic.auth.credentials.source", "USER_INFO",
            "basic.auth.user.info", USER + ":" + SECRET), "http://r:8081").toString()).doesNotContain(SECRET).contains("basic");
    }

    @Test
    void httpsRegistryIsTrustedThroughTheConfiguredTruststoreOnly(@TempDir Path dir) throws Exception {
        Path serverStore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
            "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", "server-pw", "-keypass", "server-pw");
        keytool("-exportcert", "-alias", "registry", "-keystore", serverStore.toString(), "-storepass", "server-pw",
            "-rfc", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", cert.toString(),
            "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", "trust-pw");

        String url = start(HttpServerConfig.defaults("127.0.0.1", 0).withTls(serverStore, "server-pw"), basic(USER + ":" + SECRET));

        Map<String, Object> config = Map.of(
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", USER + ":" + SECRET,
            "schema.registry.ssl.truststore.location", trustStore.toString(),
            "schema.registry.ssl.truststore.password", "trust-pw",
            "schema.registry.ssl.truststore.type", "PKCS12");
        try (SchemaRegistryClient client = SchemaRegistryClients.create(url, config)) {
            assertThat(client.subjects()).containsExactly("s-value");
        }
        Map<String, Object> noTrust = Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", USER + ":" + SECRET);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(url, 1, 0, 0, 5000, noTrust)) {
            assertThatThrownBy(client::subjects).isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("SSL");
        }
        Map<String, Object> wrongPassword = new HashMap<>(config);
        wrongPassword.put("schema.registry.ssl.truststore.password", "nope-pw");
        assertThatThrownBy(() -> SchemaRegistryClients.create(url, wrongPassword))
            .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.ssl.truststore.location")
            .hasMessageNotContaining("nope-pw");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args[0], out).isZero();
    }
}

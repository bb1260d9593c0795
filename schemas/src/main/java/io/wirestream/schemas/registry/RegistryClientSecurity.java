package io.wirestream.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How a registry client authenticates and what TLS it trusts, read from the same keys Confluent's clients read,
 * so an existing client config works unchanged:
 * <ul>
 *   <li>{@code basic.auth.credentials.source}: {@code URL} (default: user info in the registry URL,
 *       {@code https://user:secret@host:8081}) or {@code USER_INFO} with {@code basic.auth.user.info=user:secret};</li>
 *   <li>{@code bearer.auth.credentials.source=STATIC_TOKEN} with {@code bearer.auth.token};</li>
 *   <li>{@code schema.registry.ssl.truststore.location / .password / .type}, {@code schema.registry.ssl.keystore.location
 *       / .password / .type}, {@code schema.registry.ssl.key.password}, {@code schema.registry.ssl.protocol}.</li>
 * </ul>
 * Every auth key is also read with the {@code schema.registry.} prefix (as Confluent's client namespace), which wins
 * over the bare key. Values may be Strings or {@link Password}s. Secrets never appear in {@link #toString()} nor in
 * any exception message.
 */
public final class RegistryClientSecurity {

    /** The prefix Confluent's serdes strip before handing keys to the registry client. */
    public static final String CLIENT_NAMESPACE = "schema.registry.";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    public static final String USER_INFO_CONFIG = "basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE_CONFIG = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN_CONFIG = "bearer.auth.token";

    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = CLIENT_NAMESPACE + "ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = CLIENT_NAMESPACE + "ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = CLIENT_NAMESPACE + "ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION_CONFIG = CLIENT_NAMESPACE + "ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = CLIENT_NAMESPACE + "ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE_CONFIG = CLIENT_NAMESPACE + "ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD_CONFIG = CLIENT_NAMESPACE + "ssl.key.password";
    public static final String SSL_PROTOCOL_CONFIG = CLIENT_NAMESPACE + "ssl.protocol";

    private final String authorization;
    private final String scheme;
    private final SSLContext sslContext;

    private RegistryClientSecurity(String authorization, String scheme, SSLContext sslContext) {
        this.authorization = authorization;
        this.scheme = scheme;
        this.sslContext = sslContext;
    }

    /** No credentials, the JVM's default trust. */
    public static RegistryClientSecurity none() {
        return new RegistryClientSecurity(null, "none", null);
    }

    /**
     * Reads the keys above from {@code configs} (any other key is ignored). {@code registryUrl} supplies the user info
     * when the credentials source is {@code URL} (the first URL that has any).
     *
     * @throws ConfigException naming the key (never its value) when a setting is unknown, incomplete or unreadable
     */
    public static RegistryClientSecurity from(Map<String, ?> configs, String registryUrl) {
        Map<String, ?> c = configs == null ? Map.of() : configs;
        String bearerSource = value(c, BEARER_AUTH_CREDENTIALS_SOURCE_CONFIG);
        String token = value(c, BEARER_AUTH_TOKEN_CONFIG);
        String basicSource = value(c, BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG);
        String userInfo = value(c, USER_INFO_CONFIG);
        String authorization = null;
        String scheme = "none";
        if (token != null || bearerSource != null) {
            String source = bearerSource == null ? "STATIC_TOKEN" : bearerSource.strip().toUpperCase(Locale.ROOT);
            if (!source.equals("STATIC_TOKEN")) {
                throw new ConfigException(BEARER_AUTH_CREDENTIALS_SOURCE_CONFIG, bearerSource,
                    "only STATIC_TOKEN is supported (with " + BEARER_AUTH_TOKEN_CONFIG + ")");
            }
            if (token == null || token.isBlank()) {
                throw new ConfigException(BEARER_AUTH_TOKEN_CONFIG + " is required with "
                    + BEARER_AUTH_CREDENTIALS_SOURCE_CONFIG + "=STATIC_TOKEN");
            }
            authorization = "Bearer " + token.strip();
            scheme = "bearer";
        } else {
            String source = basicSource == null ? "URL" : basicSource.strip().toUpperCase(Locale.ROOT);
            switch (source) {
                case "USER_INFO" -> {
                    if (userInfo == null || !userInfo.contains(":")) {
                        throw new ConfigException(USER_INFO_CONFIG + " must be set as user:password with "
                            + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + "=USER_INFO");
                    }
                    authorization = basic(userInfo);
                    scheme = "basic (USER_INFO)";
                }
                case "URL" -> {
                    String fromUrl = userInfoOf(registryUrl);
                    if (fromUrl != null) {
                        authorization = basic(fromUrl);
                        scheme = "basic (URL)";
                    }
                }
                default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, basicSource,
                    "supported: USER_INFO, URL (SASL_INHERIT is not)");
            }
        }
        return new RegistryClientSecurity(authorization, scheme, sslContext(c));
    }

    /** The value of the {@code Authorization} header, or null for none. */
    public String authorization() {
        return authorization;
    }

    /** The TLS context for https registries, or null for the JVM's default. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** Applies the credentials and TLS to a client builder. */
    public HttpSchemaRegistryClient.Builder applyTo(HttpSchemaRegistryClient.Builder builder) {
        return builder.authorization(authorization).sslContext(sslContext);
    }

    /** Says which scheme is in use, never the secret. */
    @Override
    public String toString() {
        return "RegistryClientSecurity[auth=" + scheme + ", tls=" + (sslContext == null ? "default" : "configured") + "]";
    }

    /**
     * {@code url} without user info ({@code https://user:secret@host} -> {@code https://host}), for logs and
     * messages; every comma-separated URL is cleaned.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?<=://)[^/@,]*@", "");
    }

    /** Adds the secret keys (as {@link Type#PASSWORD}, so {@code AbstractConfig} logs them hidden) and the others to {@code def}. */
    public static ConfigDef define(ConfigDef def) {
        String group = "Schema registry security";
        int order = 0;
        defineIfAbsent(def, BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, null,
            "Where the registry's basic-auth credentials come from: URL (user info in schema.registry.url) or USER_INFO (basic.auth.user.info).", group, ++order);
        defineIfAbsent(def, USER_INFO_CONFIG, Type.PASSWORD, null, "user:password for the registry's basic auth (with USER_INFO).", group, ++order);
        defineIfAbsent(def, BEARER_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, null, "STATIC_TOKEN to send bearer.auth.token.", group, ++order);
        defineIfAbsent(def, BEARER_AUTH_TOKEN_CONFIG, Type.PASSWORD, null, "Bearer token for the registry.", group, ++order);
        defineIfAbsent(def, CLIENT_NAMESPACE + USER_INFO_CONFIG, Type.PASSWORD, null, "Same as basic.auth.user.info.", group, ++order);
        defineIfAbsent(def, CLIENT_NAMESPACE + BEARER_AUTH_TOKEN_CONFIG, Type.PASSWORD, null, "Same as bearer.auth.token.", group, ++order);
        defineIfAbsent(def, SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, "Trust store for an https registry.", group, ++order);
        defineIfAbsent(def, SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, "Password of the trust store.", group, ++order);
        defineIfAbsent(def, SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, null, "JKS or PKCS12 (default: by file name, else JKS).", group, ++order);
        defineIfAbsent(def, SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, null, "Key store with the client certificate (mTLS to the registry).", group, ++order);
        defineIfAbsent(def, SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, "Password of the key store.", group, ++order);
        defineIfAbsent(def, SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, null, "JKS or PKCS12 (default: by file name, else JKS).", group, ++order);
        defineIfAbsent(def, SSL_KEY_PASSWORD_CONFIG, Type.PASSWORD, null, "Password of the private key (default: the key store's).", group, ++order);
        defineIfAbsent(def, SSL_PROTOCOL_CONFIG, Type.STRING, null, "TLS protocol (default TLSv1.3).", group, ++order);
        return def;
    }

    /** Whether {@code key} is one of the registry-client keys this class reads (any form). */
    public static boolean isRegistryKey(String key) {
        return key.startsWith(CLIENT_NAMESPACE) || key.startsWith("basic.auth.") || key.startsWith("bearer.auth.");
    }

    /**
     * A serde's configuration from a client's properties: the registry keys among {@code clientProps} (credentials,
     * TLS; the other Kafka keys are left out) and {@code schema.registry.url} = {@code url}.
     */
    public static java.util.Map<String, Object> serdeConfig(java.util.Map<String, ?> clientProps, String url) {
        java.util.Map<String, Object> serde = new java.util.HashMap<>();
        clientProps.forEach((k, v) -> {
            if (isRegistryKey(k)) {
                serde.put(k, v);
            }
        });
        serde.put("schema.registry.url", url);
        return serde;
    }

    // ------------------------------------------------------------------------------------------ internals

    private static void defineIfAbsent(ConfigDef def, String name, Type type, Object dflt, String doc, String group, int order) {
        if (!def.names().contains(name)) {
            def.define(name, type, dflt, Importance.MEDIUM, doc, group, order, ConfigDef.Width.LONG, name);
        }
    }

    /** The prefixed form wins over the bare key; Password values are revealed here only. */
    private static String value(Map<String, ?> configs, String key) {
        Object v = configs.get(key.startsWith(CLIENT_NAMESPACE) ? key : CLIENT_NAMESPACE + key);
        if (v == null) {
            v = configs.get(key);
        }
        if (v == null) {
            return null;
        }
        String s = v instanceof Password p ? p.value() : String.valueOf(v);
        return s.isEmpty() ? null : s;
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static String userInfoOf(String urls) {
        if (urls == null) {
            return null;
        }
        for (String url : urls.split(",")) {
            try {
                String raw = new URI(url.strip()).getRawUserInfo();
                if (raw != null && !raw.isEmpty()) {
                    return java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
                }
            } catch (URISyntaxException e) {
                // the builder reports a malformed URL; nothing to take from it here
            }
        }
        return null;
    }

    private static SSLContext sslContext(Map<String, ?> c) {
        String trustLocation = value(c, SSL_TRUSTSTORE_LOCATION_CONFIG);
        String keyLocation = value(c, SSL_KEYSTORE_LOCATION_CONFIG);
        if (trustLocation == null && keyLocation == null) {
            return null;
        }
        try {
            TrustManagerFactory tmf = null;
            if (trustLocation != null) {
                KeyStore trust = load(trustLocation, value(c, SSL_TRUSTSTORE_TYPE_CONFIG), value(c, SSL_TRUSTSTORE_PASSWORD_CONFIG),
                    SSL_TRUSTSTORE_LOCATION_CONFIG);
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (keyLocation != null) {
                String storePassword = value(c, SSL_KEYSTORE_PASSWORD_CONFIG);
                KeyStore keys = load(keyLocation, value(c, SSL_KEYSTORE_TYPE_CONFIG), storePassword, SSL_KEYSTORE_LOCATION_CONFIG);
                String keyPassword = value(c, SSL_KEY_PASSWORD_CONFIG);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String pw = keyPassword != null ? keyPassword : storePassword;
                kmf.init(keys, pw == null ? new char[0] : pw.toCharArray());
            }
            String protocol = value(c, SSL_PROTOCOL_CONFIG);
            SSLContext ctx = SSLContext.getInstance(protocol == null ? "TLSv1.3" : protocol);
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            // the exception's own message names an algorithm or a store problem, never a password
            throw new ConfigException("Cannot set up TLS for the schema registry (" + SSL_TRUSTSTORE_LOCATION_CONFIG + " / "
                + SSL_KEYSTORE_LOCATION_CONFIG + "): " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, String password, String key) throws GeneralSecurityException {
        Path file = Path.of(location);
        String t = type != null ? type : location.toLowerCase(Locale.ROOT).matches(".*\\.(p12|pfx|pkcs12)$") ? "PKCS12" : "JKS";
        KeyStore store = KeyStore.getInstance(t);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            // a wrong password shows as an IOException too; say so without the password
            throw new ConfigException(key + ": cannot read " + t + " store " + file.toAbsolutePath() + ": "
                + (Files.isReadable(file) ? "wrong password or not a " + t + " store" : "no such readable file"));
        }
        return store;
    }
}

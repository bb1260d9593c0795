package io.wirestream.cli;

import io.wirestream.schemas.registry.RegistryClientSecurity;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka client properties of {@code --command-config FILE} (the name Kafka's own tools use): security.protocol,
 * sasl.*, ssl.* and any other client key, plus the schema registry's credentials (Confluent's keys, see
 * {@link RegistryClientSecurity}), handed to every client a command creates.
 *
 * <p>Values may name secrets held elsewhere through Kafka's ConfigProviders: {@code ${env:VAR}},
 * {@code ${file:/path/secrets.properties:key}}, {@code ${dir:/path:file}}. The file may declare
 * {@code config.providers} itself; when it does not, the built-in {@code env}, {@code file} and {@code dir} providers
 * are declared for it. Variables are resolved once, at load; an unresolved one stops the command naming the key and the
 * variable (never a value).
 *
 * <p>Precedence: the command's own flags ({@code --bootstrap-server}, {@code --schema-registry}) and the keys the
 * pipeline's guarantees rest on win over the file; each such key the file sets is dropped with one WARN naming it (see
 * {@link Role}). Everything else in the file wins over the pipeline's tuning defaults (linger, timeouts, compression).
 *
 * <p>{@link #toString()} and the INFO line at load show every key with secrets as {@code [hidden]}: Kafka's PASSWORD
 * keys (sasl.jaas.config, ssl.*.password), the registry's user info and token, and any key named like a secret.
 */
public final class ClientProperties {

    private static final Logger LOG = LoggerFactory.getLogger(ClientProperties.class);

    static final String HIDDEN = Password.HIDDEN;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+):[^}]*}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|jaas|user\\.info|credentials\\.?info|private\\.key).*");
    private static final Set<String> PASSWORD_KEYS = passwordKeys();

    /** What a client is, for the keys the pipeline keeps to itself. */
    public enum Role {
        /** ingest's idempotent producer: acks=all, idempotence, ordering. */
        PRODUCER(Set.of(ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, ProducerConfig.RETRIES_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG)),
        /** tail's and the sinks' consumers: read_committed, the pipeline's group ids and offset handling. */
        CONSUMER(Set.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)),
        /** admin clients (topics, lag, reachability). */
        ADMIN(Set.of()),
        /** enrich: exactly_once_v2 and everything the Streams app's transactions rest on. */
        STREAMS(Set.of("application.id", "processing.guarantee", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, ProducerConfig.RETRIES_CONFIG)),
        /** the sink's Connect worker and its producer/consumer/admin. */
        CONNECT(Set.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG));

        /** Keys no client's file may set: the flags' and the (de)serializers'. */
        static final Set<String> ALWAYS = Set.of(CommonClientKeys.BOOTSTRAP, "schema.registry.url",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

        private final Set<String> kept;

        Role(Set<String> kept) {
            this.kept = kept;
        }

        /** Whether the pipeline keeps {@code key} to itself for this kind of client. */
        public boolean keeps(String key) {
            return ALWAYS.contains(key) || kept.contains(key);
        }
    }

    private static final class CommonClientKeys {
        static final String BOOTSTRAP = "bootstrap.servers";
    }

    private final Path file;
    private final Map<String, Object> values;
    private final Set<String> warned = Collections.synchronizedSet(new LinkedHashSet<>());

    private ClientProperties(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = Collections.unmodifiableMap(values);
    }

    /** No file: every client gets the pipeline's own settings only. */
    public static ClientProperties none() {
        return new ClientProperties(null, new TreeMap<>());
    }

    /**
     * Reads {@code file}, resolves config-provider variables and logs the keys (secrets hidden).
     *
     * @throws IllegalArgumentException saying which file and key (never a value) when the file cannot be read or a
     *     variable does not resolve
     */
    public static ClientProperties load(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("--command-config: cannot read " + file.toAbsolutePath()
                + (Files.isDirectory(file) ? " (a directory)" : Files.exists(file) ? "" : " (no such file)"));
        }
        java.util.Properties props = new java.util.Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--command-config: cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Map<String, Object> raw = new HashMap<>();
        props.forEach((k, v) -> raw.put(String.valueOf(k).strip(), String.valueOf(v).strip()));
        ClientProperties loaded = new ClientProperties(file, resolve(raw, file));
        LOG.info("client properties from {}: {}", file, loaded);
        return loaded;
    }

    /** The file, or null. */
    public Path file() {
        return file;
    }

    /** Every key of the file, variables resolved, {@code config.providers*} removed. */
    public Map<String, Object> all() {
        return values;
    }

    /**
     * The file's keys for one kind of client: every key but those the pipeline keeps to itself for {@code role};
     * each of those the file sets is dropped with one WARN naming it and {@code component}. The caller puts the
     * pipeline's own settings on top.
     */
    public Map<String, Object> forClient(Role role, String component) {
        Map<String, Object> result = new HashMap<>();
        values.forEach((key, value) -> {
            if (role.keeps(key)) {
                warnOnce(role, component, key);
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    /** The keys the registry client reads (Confluent's basic/bearer auth and schema.registry.ssl.*), for serdes and converters. */
    public Map<String, Object> registry() {
        return values.entrySet().stream()
            .filter(e -> RegistryClientSecurity.isRegistryKey(e.getKey()) && !e.getKey().equals("schema.registry.url"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Adds the file's keys to a Connect worker config: the Kafka client keys at the top level (the worker's own admin
     * client), with {@code producer.}, {@code consumer.} and {@code admin.} prefixes (the tasks' clients, the dead
     * letter queue's producer and admin), and the registry keys with {@code key.converter.} / {@code value.converter.}.
     * Keys the pipeline keeps ({@link Role#CONNECT}) are dropped with a WARN; worker keys already set are not replaced.
     */
    public Map<String, String> addToConnectWorker(Map<String, String> worker, String component) {
        Map<String, String> result = new HashMap<>(worker);
        Set<String> clientKeys = new TreeSet<>(ProducerConfig.configNames());
        clientKeys.addAll(ConsumerConfig.configNames());
        clientKeys.addAll(AdminClientConfig.configNames());
        forClient(Role.CONNECT, component).forEach((key, value) -> {
            String v = String.valueOf(value);
            if (RegistryClientSecurity.isRegistryKey(key)) {
                result.putIfAbsent("key.converter." + key, v);
                result.putIfAbsent("value.converter." + key, v);
                return;
            }
            if (AdminClientConfig.configNames().contains(key)) {
                result.putIfAbsent(key, v);
                result.putIfAbsent("admin." + key, v);
            }
            if (ProducerConfig.configNames().contains(key)) {
                result.putIfAbsent("producer." + key, v);
            }
            if (ConsumerConfig.configNames().contains(key)) {
                result.putIfAbsent("consumer." + key, v);
            }
            if (!clientKeys.contains(key)) {
                warnOnce(null, component, key);
            }
        });
        return result;
    }

    /** Every key with its value, secrets as {@code [hidden]}, sorted. */
    @Override
    public String toString() {
        return masked(values).toString();
    }

    /** {@code props} with every secret value replaced by {@code [hidden]} (for logs and messages). */
    public static Map<String, Object> masked(Map<String, ?> props) {
        Map<String, Object> out = new TreeMap<>();
        props.forEach((k, v) -> out.put(k, isSecret(k) ? HIDDEN : v instanceof Password ? HIDDEN : v));
        return out;
    }

    /** Whether the value of {@code key} is a secret: a PASSWORD key of Kafka's clients or the registry, or named like one. */
    public static boolean isSecret(String key) {
        return PASSWORD_KEYS.contains(key) || SECRET_NAME.matcher(key).matches();
    }

    // ------------------------------------------------------------------------------------------ internals

    private void warnOnce(Role role, String component, String key) {
        if (!warned.add((role == null ? "-" : role.name()) + "/" + component + "/" + key)) {
            return;
        }
        if (role == null) {
            LOG.warn("--command-config {}: {} is not a Kafka client key; the {} does not use it", file, key, component);
        } else if (key.equals(CommonClientKeys.BOOTSTRAP)) {
            LOG.warn("--command-config {} sets bootstrap.servers; the {} uses --bootstrap-server instead", file, component);
        } else if (key.equals("schema.registry.url")) {
            LOG.warn("--command-config {} sets schema.registry.url; the {} uses --schema-registry instead", file, component);
        } else {
            LOG.warn("--command-config {} sets {}, which the {} keeps to itself (the pipeline's guarantees rest on it); "
                + "the file's value is ignored", file, key, component);
        }
    }

    private static Map<String, Object> resolve(Map<String, Object> raw, Path file) {
        Map<String, Object> props = new HashMap<>(raw);
        Set<String> aliases = new LinkedHashSet<>();
        Object declared = props.get("config.providers");
        if (declared == null || String.valueOf(declared).isBlank()) {
            boolean usesVariables = props.values().stream().anyMatch(v -> VARIABLE.matcher(String.valueOf(v)).find());
            if (usesVariables) {
                props.put("config.providers", "env,file,dir");
                props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
                props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
                props.put("config.providers.dir.class", "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
            }
        }
        Object providers = props.get("config.providers");
        if (providers != null) {
            for (String alias : String.valueOf(providers).split(",")) {
                if (!alias.isBlank()) {
                    aliases.add(alias.strip());
                }
            }
        }
        Map<String, Object> resolved;
        if (aliases.isEmpty()) {
            resolved = props;
        } else {
            try {
                resolved = new HashMap<>(new AbstractConfig(new ConfigDef(), props, false).originals());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--command-config " + file + ": cannot set up config.providers "
                    + aliases + ": " + e.getMessage(), e);
            }
        }
        Map<String, Object> out = new TreeMap<>();
        resolved.forEach((key, value) -> {
            if (key.equals("config.providers") || key.startsWith("config.providers.")) {
                return;
            }
            String text = String.valueOf(value);
            Matcher m = VARIABLE.matcher(text);
            while (m.find()) {
                if (aliases.contains(m.group(1))) {
                    throw new IllegalArgumentException("--command-config " + file + ": " + key + " refers to " + m.group()
                        + ", which does not resolve (unset variable, missing file or key?)");
                }
            }
            out.put(key, value);
        });
        return out;
    }

    private static Set<String> passwordKeys() {
        Set<String> keys = new TreeSet<>();
        for (ConfigDef def : new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef(),
            RegistryClientSecurity.define(new ConfigDef())}) {
            def.configKeys().values().stream().filter(k -> k.type == ConfigDef.Type.PASSWORD).forEach(k -> keys.add(k.name));
        }
        return keys;
    }
}

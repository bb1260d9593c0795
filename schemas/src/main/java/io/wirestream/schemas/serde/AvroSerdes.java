package io.wirestream.schemas.serde;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Configured serdes in one call. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A configured serde of a generated class against the registry at {@code registryUrl} (http(s):// or mock://). */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, String registryUrl, boolean isKey) {
        return specific(type, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), isKey);
    }

    /** A configured serde of a generated class; {@code configs} must hold {@code schema.registry.url}. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, Map<String, ?> configs, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(configs, isKey);
        return serde;
    }

    /** A serde of a generated class using {@code client} (which the serde does not close). */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient client, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(client, type);
        serde.configure(new HashMap<>(), isKey);
        return serde;
    }

    /** A configured generic serde against the registry at {@code registryUrl}. */
    public static GenericAvroSerde generic(String registryUrl, boolean isKey) {
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), isKey);
        return serde;
    }
}

package io.wirestream.sink.converter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.registry.SchemaRegistryException;
import io.wirestream.schemas.serde.WireFormat;

/**
 * A Kafka Connect {@link Converter} for Avro in Confluent's wire format (magic byte 0, 4-byte big-endian schema id,
 * Avro binary) against the project's schema registry client. Subjects follow TopicNameStrategy
 * ({@code <topic>-value} / {@code <topic>-key}). Schemas are mapped by {@link AvroData}.
 *
 * <p>Bytes that are not in the wire format, name an unknown schema id, or do not decode raise a
 * {@link DataException}, which Connect's error handling ({@code errors.tolerance}, dead letter queue) acts on.
 */
public class AvroConverter implements Converter {

    private static final Logger log = LoggerFactory.getLogger(AvroConverter.class);

    private final AvroData avroData = new AvroData();
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private boolean isKey;
    private boolean autoRegister;
    private Map<Integer, Decoded> byId;
    private Map<Schema, Encoded> byConnectSchema;
    /**
     * The last decoder of each thread, configured anew for each record rather than a new decoder (with its byte source
     * and scratch objects) per record. Per thread, as a converter may be shared.
     */
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    /** Per writer schema id: the Connect schema, the Avro reader, and the reader of Avro datums into Connect values. */
    private record Decoded(Schema connect, GenericDatumReader<Object> reader, AvroData.ConnectValueReader values) { }

    private record Encoded(org.apache.avro.Schema avro, Map<String, Integer> idBySubject, GenericDatumWriter<Object> writer) { }

    public AvroConverter() {
    }

    /** A converter over an existing registry client (which the caller keeps and closes). */
    public AvroConverter(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public ConfigDef config() {
        return AvroConverterConfig.CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroConverterConfig config = new AvroConverterConfig(configs);
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
        this.byId = lru(config.schemaCacheSize());
        this.byConnectSchema = lru(config.schemaCacheSize());
        if (registry == null) {
            registry = SchemaRegistryClients.create(config.schemaRegistryUrl(), configs);
            ownsRegistry = true;
        }
        log.debug("AvroConverter configured for {} with registry {}", isKey ? "keys" : "values",
                io.wirestream.schemas.registry.RegistryClientSecurity.redact(config.schemaRegistryUrl()));
    }

    private static <K, V> Map<K, V> lru(int size) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        });
    }

    private String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema == null) {
            throw new DataException("AvroConverter needs a schema to write a value to topic " + topic);
        }
        try {
            Encoded encoded = byConnectSchema.computeIfAbsent(schema, s -> {
                org.apache.avro.Schema avro = avroData.toAvroSchema(s);
                return new Encoded(avro, new java.util.concurrent.ConcurrentHashMap<>(), new GenericDatumWriter<>(avro));
            });
            String subject = subject(topic);
            int id = encoded.idBySubject().computeIfAbsent(subject, sub -> autoRegister
                    ? registry.register(sub, encoded.avro())
                    : registry.lookupId(sub, encoded.avro()));
            Object datum = avroData.toAvroValue(schema, encoded.avro(), value);
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(WireFormat.header(id));
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            encoded.writer().write(datum, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (SchemaRegistryException e) {
            throw new DataException("Schema registry refused the schema for subject " + subject(topic) + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException de) {
                throw de;
            }
            throw new DataException("Cannot write Avro for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        int id;
        try {
            id = WireFormat.schemaId(value);
        } catch (SerializationException e) {
            throw new DataException("Record on " + topic + " is not Avro in Confluent's wire format: " + e.getMessage(), e);
        }
        Decoded decoded;
        try {
            decoded = byId.computeIfAbsent(id, i -> {
                org.apache.avro.Schema avro = registry.getById(i);
                Schema connect = avroData.toConnectSchema(avro);
                return new Decoded(connect, new GenericDatumReader<>(avro), avroData.connectValueReader(connect, avro));
            });
        } catch (SchemaRegistryException e) {
            throw new DataException("Cannot get schema id " + id + " for a record on " + topic + ": " + e.getMessage(), e);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, WireFormat.HEADER_SIZE,
                    value.length - WireFormat.HEADER_SIZE, decoders.get());
            decoders.set(decoder);
            Object datum = decoded.reader().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new DataException("Trailing bytes after the Avro datum (schema id " + id + ") on " + topic);
            }
            return new SchemaAndValue(decoded.connect(), decoded.values().read(datum));
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException de) {
                throw de;
            }
            throw new DataException("Cannot decode Avro (schema id " + id + ") on " + topic + ": " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (ownsRegistry && registry != null) {
            registry.close();
            registry = null;
        }
    }
}

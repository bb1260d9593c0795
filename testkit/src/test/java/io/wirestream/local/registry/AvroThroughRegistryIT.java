package io.wirestream.local.registry;

import io.wirestream.local.junit.KafkaEnv;
import io.wirestream.local.junit.WithKafka;
import io.wirestream.local.testutil.ReaderSchemaDeserializer;
import io.wirestream.local.testutil.TopicReader;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.IncompatibleSchemaException;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.serde.AvroSerdes;
import io.wirestream.schemas.serde.GenericAvroSerializer;
import io.wirestream.schemas.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schemas module's serdes and HTTP client against the embedded registry and a real broker. */
@WithKafka
class AvroThroughRegistryIT {

    static final Schema READING_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "io.wirestream.local.it",
             "fields": [
               {"name": "sensor", "type": "string"},
               {"name": "value", "type": "double"}
             ]}""");

    /** v2 adds an optional field with a default: BACKWARD and FORWARD compatible with v1. */
    static final Schema READING_V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "io.wirestream.local.it",
             "fields": [
               {"name": "sensor", "type": "string"},
               {"name": "value", "type": "double"},
               {"name": "unit", "type": ["null", "string"], "default": null}
             ]}""");

    /** v3 adds a required field without a default: a v3 reader cannot read v1/v2 data. */
    static final Schema READING_V3 = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "io.wirestream.local.it",
             "fields": [
               {"name": "sensor", "type": "string"},
               {"name": "value", "type": "double"},
               {"name": "unit", "type": ["null", "string"], "default": null},
               {"name": "calibratedBy", "type": "string"}
             ]}""");

    static SchemaRegistryClient client;

    @BeforeAll
    static void connect(KafkaEnv env) {
        client = SchemaRegistryClients.create(env.schemaRegistryUrl());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    static RawArticle article(int i) {
        return RawArticle.newBuilder()
                .setStoryId("story-" + i)
                .setVersion(1)
                .setSource("it")
                .setFormat("nitf")
                .setReceived(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setHeadline("Headline " + i)
                .setBody("Body of story " + i + " with ünïcödé")
                .setContentHash("hash-" + i)
                .build();
    }

    @Test
    void specificRecordsRoundTripThroughATopicWithTheirSchemaRegisteredUnderTopicValue(KafkaEnv env) {
        String topic = env.randomTopic("roundtrip");
        env.createTopics(topic);
        List<RawArticle> sent = new ArrayList<>();
        try (Serde<RawArticle> serde = AvroSerdes.specific(RawArticle.class, env.schemaRegistryUrl(), false);
             KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), serde.serializer())) {
            for (int i = 0; i < 20; i++) {
                RawArticle article = article(i);
                sent.add(article);
                producer.send(new ProducerRecord<>(topic, article.getStoryId(), article));
            }
            producer.flush();

            List<ConsumerRecord<String, RawArticle>> received = TopicReader.readAll(env.bootstrapServers(), topic, 20,
                    new StringDeserializer(), serde.deserializer());
            assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
            assertThat(received).extracting(ConsumerRecord::key).allMatch(k -> k.startsWith("story-"));
        }
        List<ConsumerRecord<byte[], byte[]>> raw = TopicReader.readAll(env.bootstrapServers(), topic, 1,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        int idInBytes = WireFormat.schemaId(raw.get(0).value());
        assertThat(client.subjects()).contains(topic + "-value");
        assertThat(client.getLatest(topic + "-value").id()).isEqualTo(idInBytes);
        assertThat(client.getById(idInBytes)).isEqualTo(RawArticle.getClassSchema());
    }

    @Test
    void aV1ReaderReadsV2DataAndAV2ReaderReadsV1DataThroughTheRegistry(KafkaEnv env) {
        String topic = env.randomTopic("evolution");
        env.createTopics(topic);
        GenericRecord v1 = new GenericData.Record(READING_V1);
        v1.put("sensor", "s-1");
        v1.put("value", 1.5);
        GenericRecord v2 = new GenericData.Record(READING_V2);
        v2.put("sensor", "s-2");
        v2.put("value", 2.5);
        v2.put("unit", "kg");
        try (GenericAvroSerializer serializer = new GenericAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", env.schemaRegistryUrl()), false);
            try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(env.producerProps(), new StringSerializer(), serializer)) {
                producer.send(new ProducerRecord<>(topic, "v1", v1));
                producer.send(new ProducerRecord<>(topic, "v2", v2));
                producer.flush();
            }
        }
        String subject = topic + "-value";
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.getVersion(subject, 1).schema()).isEqualTo(READING_V1);
        assertThat(client.getVersion(subject, 2).schema()).isEqualTo(READING_V2);

        List<ConsumerRecord<String, GenericRecord>> asV1 = TopicReader.readAll(env.bootstrapServers(), topic, 2,
                new StringDeserializer(), new ReaderSchemaDeserializer(client, READING_V1));
        assertThat(asV1).extracting(r -> r.value().getSchema()).containsOnly(READING_V1);
        assertThat(asV1).extracting(r -> r.value().get("sensor").toString()).containsExactly("s-1", "s-2");
        assertThat(asV1).extracting(r -> r.value().get("value")).containsExactly(1.5, 2.5);

        List<ConsumerRecord<String, GenericRecord>> asV2 = TopicReader.readAll(env.bootstrapServers(), topic, 2,
                new StringDeserializer(), new ReaderSchemaDeserializer(client, READING_V2));
        assertThat(asV2).extracting(r -> r.value().getSchema()).containsOnly(READING_V2);
        assertThat(asV2).extracting(r -> r.value().get("unit") == null ? null : r.value().get("unit").toString())
                .containsExactly(null, "kg");
    }

    @Test
    void anIncompatibleChangeIsRefusedWith409AndAvrosReason(KafkaEnv env) {
        String subject = env.randomTopic("incompatible") + "-value";
        int v1 = client.register(subject, READING_V1);
        int v2 = client.register(subject, READING_V2);
        assertThat(v2).isNotEqualTo(v1);

        assertThatThrownBy(() -> client.register(subject, READING_V3))
                .isInstanceOf(IncompatibleSchemaException.class)
                .satisfies(e -> {
                    IncompatibleSchemaException ex = (IncompatibleSchemaException) e;
                    assertThat(ex.httpStatus()).isEqualTo(409);
                    assertThat(ex.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("incompatible with an earlier schema for subject \"" + subject + "\"")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageContaining("calibratedBy")
                .hasMessageContaining("BACKWARD");
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.testCompatibility(subject, READING_V3)).isFalse();
        assertThat(client.testCompatibility(subject, READING_V2)).isTrue();
    }

    @Test
    void aSerializerWithAnIncompatibleSchemaFailsInsteadOfWriting(KafkaEnv env) {
        String topic = env.randomTopic("refused");
        client.register(topic + "-value", READING_V2);
        GenericRecord v3 = new GenericData.Record(READING_V3);
        v3.put("sensor", "s");
        v3.put("value", 1.0);
        v3.put("calibratedBy", "lab");
        try (GenericAvroSerializer serializer = new GenericAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", env.schemaRegistryUrl()), false);
            assertThatThrownBy(() -> serializer.serialize(topic, v3))
                    .isInstanceOf(SerializationException.class)
                    .hasStackTraceContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        }
    }

    @Test
    void theSubjectsLevelIsEnforcedNoneAllowsAnythingAndForwardChecksTheOtherDirection(KafkaEnv env) {
        String none = env.randomTopic("none") + "-value";
        client.setCompatibility(none, "NONE");
        client.register(none, READING_V1);
        client.register(none, READING_V3);
        assertThat(client.versions(none)).containsExactly(1, 2);
        assertThat(client.getCompatibility(none)).isEqualTo("NONE");

        // FORWARD: the old schema must read new data; dropping a field that has no default in v3 breaks it
        String forward = env.randomTopic("forward") + "-value";
        client.setCompatibility(forward, "FORWARD");
        client.register(forward, READING_V3);
        assertThatThrownBy(() -> client.register(forward, READING_V1))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("FORWARD");
        // ...while BACKWARD would accept it (v1 reader ignores the extra fields of v3 data)
        client.setCompatibility(forward, "BACKWARD");
        client.register(forward, READING_V1);
        assertThat(client.versions(forward)).containsExactly(1, 2);
    }

    @Test
    void theSameSchemaKeepsItsIdAndVersionAndIsSharedAcrossSubjects(KafkaEnv env) {
        String a = env.randomTopic("same-a") + "-value";
        String b = env.randomTopic("same-b") + "-value";
        int id = client.register(a, READING_V1);
        try (SchemaRegistryClient fresh = SchemaRegistryClients.create(env.schemaRegistryUrl())) {
            assertThat(fresh.register(a, READING_V1)).isEqualTo(id);
            assertThat(fresh.versions(a)).containsExactly(1);
            assertThat(fresh.register(b, READING_V1)).isEqualTo(id);
            assertThat(fresh.lookupId(b, READING_V1)).isEqualTo(id);
            assertThat(fresh.getLatest(b).version()).isEqualTo(1);
        }
    }
}

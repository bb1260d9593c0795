package io.wirestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;
import io.wirestream.schemas.registry.IncompatibleSchemaException;
import io.wirestream.schemas.registry.SchemaRegistryClient;
import io.wirestream.schemas.registry.SchemaRegistryClients;
import io.wirestream.schemas.testutil.SampleArticles;
import io.wirestream.schemas.testutil.SchemaEdits;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

    private static final String TOPIC = "news.raw";

    private String url;
    private SchemaRegistryClient registry;
    private Serde<RawArticle> serde;

    @BeforeEach
    void setUp() {
        url = "mock://" + getClass().getSimpleName() + "-" + UUID.randomUUID();
        registry = SchemaRegistryClients.create(url);
        serde = AvroSerdes.specific(RawArticle.class, url, false);
    }

    @AfterEach
    void tearDown() {
        serde.close();
        SchemaRegistryClients.dropMockScope(url);
    }

    @Test
    void rawArticleRoundTrips() {
        RawArticle article = SampleArticles.raw("story-1", 1);

        byte[] bytes = serde.serializer().serialize(TOPIC, article);

        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(article);
    }

    @Test
    void enrichedArticleRoundTripsWithAllNestedRecords() {
        EnrichedArticle article = SampleArticles.enriched("story-2");
        Serde<EnrichedArticle> enriched = AvroSerdes.specific(EnrichedArticle.class, url, false);

        EnrichedArticle back = enriched.deserializer().deserialize("news.enriched",
                enriched.serializer().serialize("news.enriched", article));

        assertThat(back).isEqualTo(article);
        assertThat(back.getTopics().get(0).getEvidence().get(0).getSpans().get(0).getText()).isEqualTo("Defense Minister");
    }

    @Test
    void bytesAfterTheHeaderAreTheRecordsPlainAvroBinaryEncoding() throws Exception {
        // the serializer's (buffered) encoder writes the same bytes as Avro's direct one: outputs keep their bytes
        EnrichedArticle article = SampleArticles.enriched("story-3");
        Serde<EnrichedArticle> enriched = AvroSerdes.specific(EnrichedArticle.class, url, false);
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder direct = org.apache.avro.io.EncoderFactory.get().directBinaryEncoder(plain, null);
        new org.apache.avro.specific.SpecificDatumWriter<EnrichedArticle>(EnrichedArticle.getClassSchema(),
                org.apache.avro.specific.SpecificData.getForClass(EnrichedArticle.class)).write(article, direct);
        direct.flush();

        byte[] bytes = enriched.serializer().serialize("news.enriched", article);

        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plain.toByteArray());
    }

    @Test
    void registersTheValueSchemaUnderTopicValueAndKeysUnderTopicKey() {
        serde.serializer().serialize(TOPIC, SampleArticles.raw("story-1", 1));
        Serde<RawArticle> keySerde = AvroSerdes.specific(RawArticle.class, url, true);
        keySerde.serializer().serialize(TOPIC, SampleArticles.raw("story-1", 1));

        assertThat(registry.subjects()).containsExactlyInAnyOrder("news.raw-value", "news.raw-key");
        assertThat(registry.getLatest("news.raw-value").schema()).isEqualTo(RawArticle.getClassSchema());
    }

    @Test
    void idInTheBytesIsTheRegisteredId() {
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleArticles.raw("story-1", 1));

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(registry.lookupId("news.raw-value", RawArticle.getClassSchema()));
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void withoutARegistryTypeTheClassIsFoundByTheWriterSchemaName() {
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleArticles.raw("story-1", 1));
        SpecificAvroDeserializer<RawArticle> untyped = new SpecificAvroDeserializer<>();
        untyped.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url), false);

        assertThat(untyped.deserialize(TOPIC, bytes)).isInstanceOf(RawArticle.class);
    }

    // ------------------------------------------------------------------------------------------- evolution

    @Test
    void currentReaderReadsDataWrittenWithANewerSchema() {
        Schema v2 = SchemaEdits.withField(RawArticle.getClassSchema(),
                "{\"name\":\"wordCount\",\"type\":[\"null\",\"int\"],\"default\":null,\"doc\":\"added in v2\"}");
        RawArticle article = SampleArticles.raw("story-3", 1);
        GenericRecord v2Record = SchemaEdits.convert(article, v2);
        v2Record.put("wordCount", 250);
        serde.serializer().serialize(TOPIC, article); // v1 registered first, as in production
        GenericAvroSerializer v2Writer = new GenericAvroSerializer(registry);

        byte[] v2Bytes = v2Writer.serialize(TOPIC, v2Record);

        assertThat(registry.versions("news.raw-value")).containsExactly(1, 2);
        assertThat(serde.deserializer().deserialize(TOPIC, v2Bytes)).isEqualTo(article);
    }

    @Test
    void currentReaderReadsDataWrittenWithAnOlderSchemaFillingDefaults() {
        Schema v1 = SchemaEdits.withoutField(RawArticle.getClassSchema(), "editorialNote");
        RawArticle article = SampleArticles.raw("story-4", 1);
        article.setEditorialNote("Corrects spelling of name");
        GenericRecord v1Record = SchemaEdits.convert(article, v1);
        byte[] v1Bytes = new GenericAvroSerializer(registry).serialize(TOPIC, v1Record);
        serde.serializer().serialize(TOPIC, article); // the current schema is registered as v2

        RawArticle read = serde.deserializer().deserialize(TOPIC, v1Bytes);

        assertThat(registry.versions("news.raw-value")).containsExactly(1, 2);
        assertThat(read.getEditorialNote()).isNull();
        article.setEditorialNote(null);
        assertThat(read).isEqualTo(article);
    }

    @Test
    void incompatibleSchemaIsRefusedOnAutoRegister() {
        serde.serializer().serialize(TOPIC, SampleArticles.raw("story-5", 1));
        Schema broken = SchemaEdits.withField(RawArticle.getClassSchema(), "{\"name\":\"desk\",\"type\":\"string\"}");
        GenericRecord record = SchemaEdits.convert(SampleArticles.raw("story-5", 1),
                SchemaEdits.withField(RawArticle.getClassSchema(), "{\"name\":\"desk\",\"type\":\"string\",\"default\":\"x\"}"));
        GenericRecord brokenRecord = new org.apache.avro.generic.GenericData.Record(broken);
        broken.getFields().forEach(f -> brokenRecord.put(f.name(), record.get(f.name())));

        assertThatThrownBy(() -> new GenericAvroSerializer(registry).serialize(TOPIC, brokenRecord))
                .isInstanceOf(SerializationException.class)
                .hasCauseInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("news.raw-value")
                .hasMessageContaining("desk");
    }

    // ------------------------------------------------------------------------------------------- auto.register.schemas=false

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaFailsClearly() {
        SpecificAvroSerializer<RawArticle> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleArticles.raw("story-6", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject 'news.raw-value'")
                .hasMessageContaining("auto.register.schemas=false");
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void withoutAutoRegisterTheRegisteredIdIsUsed() {
        int id = registry.register("news.raw-value", RawArticle.getClassSchema());
        SpecificAvroSerializer<RawArticle> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, "false"), false);

        byte[] bytes = serializer.serialize(TOPIC, SampleArticles.raw("story-7", 1));

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
        assertThat(registry.versions("news.raw-value")).containsExactly(1);
    }

    // ------------------------------------------------------------------------------------------- bad bytes

    @Test
    void unknownSchemaIdIsAClearSerializationException() {
        byte[] bytes = WireFormat.encode(999_999, new byte[] {2, 0x61});

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 999999")
                .hasMessageContaining("news.raw");
    }

    @Test
    void unknownMagicByteIsAClearSerializationException() {
        byte[] json = "{\"storyId\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b");
    }

    @Test
    void truncatedPayloadIsAClearSerializationException() {
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleArticles.raw("story-8", 1));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 20);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not deserialize io.wirestream.schemas.RawArticle")
                .hasMessageContaining("schema id");
    }

    @Test
    void headerOnlyIsAClearSerializationException() {
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleArticles.raw("story-8", 1));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, 5)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void trailingBytesAreNotSilentlyIgnored() {
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleArticles.raw("story-9", 1));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bytes left over");
    }

    @Test
    void recordOfAnotherTypeIsRefusedNotMisread() {
        Serde<EnrichedArticle> enriched = AvroSerdes.specific(EnrichedArticle.class, url, false);
        byte[] bytes = enriched.serializer().serialize("news.enriched", SampleArticles.enriched("story-10"));

        assertThatThrownBy(() -> serde.deserializer().deserialize("news.enriched", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RawArticle");
    }

    // ------------------------------------------------------------------------------------------- config

    @Test
    void missingRegistryUrlIsAConfigError() {
        SpecificAvroSerde<RawArticle> unconfigured = new SpecificAvroSerde<>(RawArticle.class);

        assertThatThrownBy(() -> unconfigured.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG);
    }

    @Test
    void injectedClientNeedsNoConfiguration() {
        SpecificAvroSerde<RawArticle> withClient = new SpecificAvroSerde<>(registry, RawArticle.class);
        RawArticle article = SampleArticles.raw("story-11", 1);

        assertThat(withClient.deserializer().deserialize(TOPIC, withClient.serializer().serialize(TOPIC, article)))
                .isEqualTo(article);
    }

    @Test
    void valueTypeCanBeConfigured() {
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleArticles.raw("story-12", 1));
        SpecificAvroDeserializer<RawArticle> configured = new SpecificAvroDeserializer<>();
        configured.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG, RawArticle.class.getName()), false);

        assertThat(configured.deserialize(TOPIC, bytes)).isInstanceOf(RawArticle.class);
    }
}

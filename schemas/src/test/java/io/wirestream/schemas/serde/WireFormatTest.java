package io.wirestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirestream.schemas.registry.HttpSchemaRegistryClient;
import io.wirestream.schemas.testutil.RegistryStub;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static final Schema PING = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.wirestream.test\",\"fields\":["
                    + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"count\",\"type\":\"int\"}]}");

    /**
     * Ping{name="ab", count=3} with schema id 42:
     * 00 (magic) | 00 00 00 2a (id 42, big-endian) | 04 61 62 (string: zigzag length 2, "ab") | 06 (int: zigzag 3).
     */
    private static final String PING_AB_3_ID_42 = "000000002a04616206";

    @Test
    void serializerWritesMagicByteBigEndianIdThenAvroBinary() {
        try (RegistryStub registry = RegistryStub.start()) {
            registry.answer(200, "{\"id\":42}");
            GenericAvroSerializer serializer = new GenericAvroSerializer();
            serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()), false);

            byte[] bytes = serializer.serialize("pings", ping("ab", 3));

            assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(PING_AB_3_ID_42);
            assertThat(registry.lastRequest().path()).isEqualTo("/subjects/pings-value/versions");
            serializer.close();
        }
    }

    @Test
    void deserializerReadsThePinnedBytesFetchingSchemaFortyTwo() {
        try (RegistryStub registry = RegistryStub.start()) {
            registry.answer(200, "{\"schema\":" + quote(PING.toString()) + "}");
            GenericAvroDeserializer deserializer = new GenericAvroDeserializer(new HttpSchemaRegistryClient(registry.url()));

            GenericRecord record = deserializer.deserialize("pings", HexFormat.of().parseHex(PING_AB_3_ID_42));

            assertThat(record.get("name").toString()).isEqualTo("ab");
            assertThat(record.get("count")).isEqualTo(3);
            assertThat(registry.lastRequest().path()).isEqualTo("/schemas/ids/42");
        }
    }

    @Test
    void headerIsMagicByteAndBigEndianId() {
        assertThat(WireFormat.header(42)).containsExactly(0, 0, 0, 0, 42);
        assertThat(WireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
        assertThat(WireFormat.encode(258, new byte[] {7})).containsExactly(0, 0, 0, 1, 2, 7);
    }

    @Test
    void readsTheIdBackAndTheHighestIdsToo() {
        assertThat(WireFormat.schemaId(WireFormat.header(42))).isEqualTo(42);
        assertThat(WireFormat.schemaId(WireFormat.header(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
        assertThat(WireFormat.payload(WireFormat.encode(9, new byte[] {1, 2})).remaining()).isEqualTo(2);
    }

    @Test
    void unknownMagicByteIsRefusedWithTheBytesShown() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("7b22")
                .hasMessageContaining("not in Confluent's Avro wire format");
    }

    @Test
    void truncatedHeaderIsRefused() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Truncated data: 3 byte(s)");
    }

    private static GenericRecord ping(String name, int count) {
        GenericData.Record record = new GenericData.Record(PING);
        record.put("name", name);
        record.put("count", count);
        return record;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

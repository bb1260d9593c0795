package io.wirestream.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.schemas.RawArticle;

class AvroDataTest {

    private final AvroData avroData = new AvroData();

    static final org.apache.avro.Schema LOGICAL = new org.apache.avro.Schema.Parser().parse("""
            {"type": "record", "name": "Logical", "namespace": "test.ns", "doc": "All the logical types.",
             "fields": [
               {"name": "day", "type": {"type": "int", "logicalType": "date"}, "doc": "a date"},
               {"name": "at", "type": {"type": "int", "logicalType": "time-millis"}},
               {"name": "when", "type": {"type": "long", "logicalType": "timestamp-millis"}},
               {"name": "micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
               {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
               {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
               {"name": "hash", "type": {"type": "fixed", "name": "Md5", "size": 16}},
               {"name": "colour", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN"], "default": "RED"}, "default": "GREEN"},
               {"name": "scores", "type": {"type": "map", "values": "double"}, "default": {}},
               {"name": "maybe", "type": ["string", "null"], "default": "x"},
               {"name": "count", "type": "long", "default": 7},
               {"name": "ratio", "type": "float", "default": 0.5},
               {"name": "flag", "type": "boolean", "default": true}
             ]}""");

    @Test
    void enrichedArticleSchemaSurvivesTheRoundTripThroughConnect() {
        org.apache.avro.Schema original = EnrichedArticle.getClassSchema();

        org.apache.avro.Schema back = avroData.toAvroSchema(avroData.toConnectSchema(original));

        assertThat(back).isEqualTo(original);
        assertThat(back.toString()).isEqualTo(original.toString());
    }

    @Test
    void rawArticleSchemaSurvivesTheRoundTripThroughConnect() {
        org.apache.avro.Schema original = RawArticle.getClassSchema();

        assertThat(avroData.toAvroSchema(avroData.toConnectSchema(original)).toString()).isEqualTo(original.toString());
    }

    @Test
    void nestedRecordsBecomeStructsWithTheirNamesAndDocs() {
        Schema connect = avroData.toConnectSchema(EnrichedArticle.getClassSchema());

        assertThat(connect.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(connect.name()).isEqualTo("io.wirestream.schemas.EnrichedArticle");
        Schema article = connect.field("article").schema();
        assertThat(article.name()).isEqualTo("io.wirestream.schemas.RawArticle");
        assertThat(article.field("headline").schema().isOptional()).isTrue();
        assertThat(article.field("received").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(article.field("pubStatus").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(article.field("pubStatus").schema().parameters()).containsEntry(AvroData.ENUM_SYMBOLS, "USABLE,WITHHELD,CANCELED");
        assertThat(article.field("pubStatus").schema().defaultValue()).isEqualTo("USABLE");
        assertThat(article.field("attributes").schema().type()).isEqualTo(Schema.Type.MAP);
        Schema entity = connect.field("entities").schema().valueSchema();
        assertThat(entity.field("mentions").schema().valueSchema().name()).isEqualTo("io.wirestream.schemas.MentionSpan");
        assertThat(connect.field("entities").schema().defaultValue()).isEqualTo(List.of());
        assertThat(entity.field("salience").schema().defaultValue()).isEqualTo(0.0);
    }

    @Test
    void logicalTypesMapToConnectLogicalTypesAndBack() {
        Schema connect = avroData.toConnectSchema(LOGICAL);

        assertThat(connect.field("day").schema().name()).isEqualTo(Date.LOGICAL_NAME);
        assertThat(connect.field("at").schema().name()).isEqualTo(Time.LOGICAL_NAME);
        assertThat(connect.field("when").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(connect.field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(connect.field("maybe").schema().isOptional()).isTrue();
        assertThat(connect.field("maybe").schema().defaultValue()).isEqualTo("x");
        assertThat(connect.field("count").schema().defaultValue()).isEqualTo(7L);
        assertThat(avroData.toAvroSchema(connect)).isEqualTo(LOGICAL);
        assertThat(avroData.toAvroSchema(connect).toString()).isEqualTo(LOGICAL.toString());
    }

    @Test
    void logicalValuesRoundTrip() {
        Schema connect = avroData.toConnectSchema(LOGICAL);
        org.apache.avro.generic.GenericData.Record record = new org.apache.avro.generic.GenericData.Record(LOGICAL);
        record.put("day", 17744);
        record.put("at", 3_600_000);
        record.put("when", 1_533_092_400_000L);
        record.put("micros", 1_533_092_400_000_001L);
        record.put("price", java.nio.ByteBuffer.wrap(new BigDecimal("4200000000.50").unscaledValue().toByteArray()));
        record.put("id", "3f1c0c1e-0000-4000-8000-000000000001");
        record.put("hash", new org.apache.avro.generic.GenericData.Fixed(LOGICAL.getField("hash").schema(), new byte[16]));
        record.put("colour", new org.apache.avro.generic.GenericData.EnumSymbol(LOGICAL.getField("colour").schema(), "GREEN"));
        record.put("scores", java.util.Map.of("a", 1.0));
        record.put("maybe", "y"); // a null would read back as the Connect default "x": Struct.get() returns defaults for nulls
        record.put("count", 1L);
        record.put("ratio", 1.5f);
        record.put("flag", false);

        org.apache.kafka.connect.data.Struct struct =
                (org.apache.kafka.connect.data.Struct) avroData.toConnectValue(connect, LOGICAL, record);

        assertThat(struct.get("day")).isEqualTo(new java.util.Date(17744L * 86_400_000L));
        assertThat(struct.get("at")).isEqualTo(new java.util.Date(3_600_000L));
        assertThat(struct.get("when")).isEqualTo(new java.util.Date(1_533_092_400_000L));
        assertThat(struct.get("price")).isEqualTo(new BigDecimal("4200000000.50"));
        assertThat(struct.get("colour")).isEqualTo("GREEN");
        assertThat(struct.get("maybe")).isEqualTo("y");
        Object back = avroData.toAvroValue(connect, LOGICAL, struct);
        assertThat(back.toString()).isEqualTo(record.toString());
    }

    @Test
    void unionsOfSeveralTypesAreRefusedWithAClearMessage() {
        org.apache.avro.Schema union = new org.apache.avro.Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"U\",\"fields\":[{\"name\":\"u\",\"type\":[\"null\",\"int\",\"string\"]}]}");

        assertThatThrownBy(() -> avroData.toConnectSchema(union))
                .isInstanceOf(DataException.class).hasMessageContaining("Only optional unions");
    }

    @Test
    void anEnumValueOutsideTheSymbolsIsRefused() {
        org.apache.avro.Schema avro = RawArticle.getClassSchema();
        Schema connect = avroData.toConnectSchema(avro);
        Schema status = connect.field("pubStatus").schema();

        assertThatThrownBy(() -> avroData.toAvroValue(status, avro.getField("pubStatus").schema(), "DELETED"))
                .isInstanceOf(DataException.class).hasMessageContaining("DELETED");
    }
}

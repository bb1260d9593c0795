package io.wirestream.sink.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import io.wirestream.schemas.EnrichedArticle;
import io.wirestream.sink.article.ConnectJsonMapper;
import io.wirestream.sink.testutil.Articles;

/** The per-schema readers give what the first, per-value {@code toConnectValue} gave, and fail where it failed. */
class ConnectValueReaderTest {

    private final AvroData avroData = new AvroData();

    static final org.apache.avro.Schema NESTED = new org.apache.avro.Schema.Parser().parse("""
            {"type": "record", "name": "Outer", "fields": [
              {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item", "fields": [
                {"name": "score", "type": "double"},
                {"name": "tags", "type": {"type": "array", "items": "double"}},
                {"name": "spans", "type": {"type": "array", "items": {"type": "record", "name": "Span", "fields": [
                  {"name": "start", "type": "int"}, {"name": "text", "type": ["null", "string"]}]}}}]}}},
              {"name": "byKey", "type": {"type": "map", "values": {"type": "array", "items": "Span"}}},
              {"name": "grid", "type": {"type": "array", "items": {"type": "array", "items": "Span"}}},
              {"name": "maybe", "type": ["null", {"type": "array", "items": "Item"}], "default": null}
            ]}""");

    private static GenericRecord generic(EnrichedArticle article) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(EnrichedArticle.class).write(article, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(EnrichedArticle.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private void assertSameAsBefore(Schema connect, org.apache.avro.Schema avro, Object datum) {
        Object before = OldConnectValues.toConnectValue(connect, avro, datum);
        Object now = avroData.connectValueReader(connect, avro).read(datum);
        assertThat(now).isEqualTo(before);
        assertThat(ConnectJsonMapper.toJsonString(connect, now)).isEqualTo(ConnectJsonMapper.toJsonString(connect, before));
        if (now instanceof Struct s) {
            s.validate();
        }
    }

    @Test
    void enrichedArticlesGenericAndSpecific() throws IOException {
        org.apache.avro.Schema avro = EnrichedArticle.getClassSchema();
        Schema connect = avroData.toConnectSchema(avro);
        for (EnrichedArticle a : List.of(Articles.seed("s", 1), Articles.large("l", 2), Articles.kill("k", 3))) {
            assertSameAsBefore(connect, avro, a);
            assertSameAsBefore(connect, avro, generic(a));
        }
    }

    @Test
    void logicalTypesAndDefaults() {
        org.apache.avro.Schema avro = AvroDataTest.LOGICAL;
        Schema connect = avroData.toConnectSchema(avro);
        GenericData.Record record = new GenericData.Record(avro);
        record.put("day", 17_744);
        record.put("at", 3_723_004);
        record.put("when", 1_533_092_400_123L);
        record.put("micros", 1_533_092_400_123_456L);
        record.put("price", ByteBuffer.wrap(new BigDecimal("-1234.56").unscaledValue().toByteArray()));
        record.put("id", "0b9a1f1e-0000-4000-8000-000000000000");
        record.put("hash", new GenericData.Fixed(avro.getField("hash").schema(), new byte[16]));
        record.put("colour", new GenericData.EnumSymbol(avro.getField("colour").schema(), "GREEN"));
        record.put("scores", Map.of("a", 1.0, "b", 2.5));
        record.put("maybe", null);
        record.put("count", 3L);
        record.put("ratio", 0.25f);
        record.put("flag", false);
        assertSameAsBefore(connect, avro, record);
    }

    private GenericData.Record span(int start, String text) {
        GenericData.Record span = new GenericData.Record(NESTED.getField("byKey").schema().getValueType().getElementType());
        span.put("start", start);
        span.put("text", text);
        return span;
    }

    private GenericData.Record item(Object score, List<?> tags, List<?> spans) {
        GenericData.Record item = new GenericData.Record(NESTED.getField("items").schema().getElementType());
        item.put("score", score);
        item.put("tags", tags);
        item.put("spans", spans);
        return item;
    }

    private GenericData.Record outer(List<?> items) {
        GenericData.Record outer = new GenericData.Record(NESTED);
        outer.put("items", items);
        outer.put("byKey", Map.of("k", List.of(span(1, "one"), span(2, null))));
        outer.put("grid", List.of(List.of(span(3, "three")), List.of()));
        outer.put("maybe", null);
        return outer;
    }

    @Test
    void nestedListsAndMapsOfStructs() {
        Schema connect = avroData.toConnectSchema(NESTED);
        GenericData.Record outer = outer(List.of(item(0.5, List.of(1.0, 2.0), List.of(span(0, "a"), span(4, null))),
                item(1.5, List.of(), List.of())));
        outer.put("maybe", List.of(item(2.0, List.of(3.0), List.of(span(9, "z")))));
        assertSameAsBefore(connect, NESTED, outer);
    }

    @Test
    void aValueThatDoesNotMatchItsSchemaStillFailsClearly() {
        Schema connect = avroData.toConnectSchema(NESTED);
        // a struct's own field, deep in a list of structs: Connect's validation of that put names the field
        GenericData.Record wrongScore = outer(List.of(item("high", List.of(), List.of())));
        assertThatThrownBy(() -> avroData.toConnectValue(connect, NESTED, wrongScore))
                .isInstanceOf(DataException.class).hasMessageContaining("score");
        assertThatThrownBy(() -> OldConnectValues.toConnectValue(connect, NESTED, wrongScore))
                .isInstanceOf(DataException.class).hasMessageContaining("score");
        // an element of a list of plain values: Connect validates the list when it is put
        GenericData.Record wrongTag = outer(List.of(item(1.0, List.of(1.0, "two"), List.of())));
        assertThatThrownBy(() -> avroData.toConnectValue(connect, NESTED, wrongTag))
                .isInstanceOf(DataException.class).hasMessageContaining("tags");
        // a null where the schema requires a value, in a list of structs in a list of structs
        GenericData.Record nullStart = outer(List.of(item(1.0, List.of(), List.of(span(0, "a")))));
        ((GenericData.Record) ((List<?>) ((GenericData.Record) ((List<?>) nullStart.get("items")).get(0)).get("spans")).get(0)).put("start", null);
        assertThatThrownBy(() -> avroData.toConnectValue(connect, NESTED, nullStart))
                .isInstanceOf(DataException.class).hasMessageContaining("Null value for required");
        // a null element in a list whose elements are required
        assertThatThrownBy(() -> avroData.toConnectValue(connect, NESTED, outer(java.util.Arrays.asList(item(1.0, List.of(), List.of()), null))))
                .isInstanceOf(DataException.class).hasMessageContaining("Null value for required Item");
    }

    @Test
    void aConnectStructWithAFieldTheRecordLacksIsStillValidatedWhole() {
        Schema connect = avroData.toConnectSchema(NESTED);
        org.apache.kafka.connect.data.SchemaBuilder span = org.apache.kafka.connect.data.SchemaBuilder.struct().name("Span")
                .field("start", Schema.INT32_SCHEMA).field("text", Schema.OPTIONAL_STRING_SCHEMA).field("extra", Schema.STRING_SCHEMA);
        Schema wider = org.apache.kafka.connect.data.SchemaBuilder.struct().name("Outer")
                .field("items", connect.field("items").schema())
                .field("byKey", connect.field("byKey").schema())
                .field("grid", org.apache.kafka.connect.data.SchemaBuilder.array(
                        org.apache.kafka.connect.data.SchemaBuilder.array(span.build()).build()).build())
                .field("maybe", connect.field("maybe").schema()).build();
        GenericData.Record outer = outer(List.of());
        assertThatThrownBy(() -> OldConnectValues.toConnectValue(wider, NESTED, outer)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> avroData.toConnectValue(wider, NESTED, outer))
                .isInstanceOf(DataException.class).hasMessageContaining("extra");
    }
}

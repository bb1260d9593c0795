package io.wirestream.sink.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wirestream.sink.testutil.Articles;
import io.wirestream.sink.testutil.ConnectRecords;

/** The streaming mapper writes, byte for byte, what the first, tree-building one ({@link TreeConnectJsonMapper}) did. */
class ConnectJsonMapperTest {

    private final ConnectRecords records = new ConnectRecords("news.enriched");

    @AfterEach
    void close() throws Exception {
        records.close();
    }

    private static void assertSameAsTree(Schema schema, Object value) {
        String tree = TreeConnectJsonMapper.toJson(schema, value).toString();
        assertThat(ConnectJsonMapper.toJsonString(schema, value)).isEqualTo(tree);
    }

    @Test
    void enrichedArticlesAsTheConverterGivesThem() {
        for (SinkRecord r : List.of(records.record(Articles.seed("AP/seed 1", 2), 0), records.record(Articles.large("large", 1), 1),
                records.record(Articles.kill("k", 3), 2), records.record(Articles.plain("p", 2, "Zoë's 😀 \"quoted\" \\ story"), 3))) {
            assertSameAsTree(r.valueSchema(), r.value());
            assertThat(ArticleDocument.from(r.value()).documentJson()).isEqualTo(TreeConnectJsonMapper.toJson(r.valueSchema(), r.value()).toString());
        }
    }

    @Test
    void aRichStructWithNullsLogicalTypesMapsAndNestedArrays() {
        Schema inner = SchemaBuilder.struct().name("Inner").field("n", Schema.INT32_SCHEMA).field("s", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema optionalInner = SchemaBuilder.struct().name("Inner2").optional().field("n", Schema.INT32_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().name("Rich")
                .field("nothing", Schema.OPTIONAL_STRING_SCHEMA)
                .field("text", Schema.STRING_SCHEMA)
                .field("ts", Timestamp.builder().optional().build())
                .field("tsNull", Timestamp.builder().optional().build())
                .field("date", Date.SCHEMA)
                .field("time", Time.SCHEMA)
                .field("dec", Decimal.schema(3))
                .field("decZero", Decimal.schema(0))
                .field("decSmall", Decimal.builder(12).optional().build())
                .field("i8", Schema.INT8_SCHEMA).field("i16", Schema.INT16_SCHEMA).field("i32", Schema.INT32_SCHEMA)
                .field("i64", Schema.INT64_SCHEMA).field("f32", Schema.FLOAT32_SCHEMA).field("f64", Schema.FLOAT64_SCHEMA)
                .field("nan", Schema.FLOAT64_SCHEMA).field("inf", Schema.FLOAT32_SCHEMA).field("negZero", Schema.FLOAT64_SCHEMA)
                .field("tiny", Schema.FLOAT64_SCHEMA).field("flag", Schema.BOOLEAN_SCHEMA)
                .field("bytes", Schema.BYTES_SCHEMA).field("emptyBytes", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("strings", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
                .field("nested", SchemaBuilder.array(SchemaBuilder.array(inner).build()).build())
                .field("byName", SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(inner).optional().build()).build())
                .field("byNumber", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
                .field("emptyMap", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
                .field("noStruct", optionalInner)
                .field("dates", SchemaBuilder.array(Date.builder().optional().build()).build())
                .build();
        Struct a = new Struct(inner).put("n", 1).put("s", "one");
        Struct b = new Struct(inner).put("n", -2);
        Map<String, Object> byName = new LinkedHashMap<>();
        byName.put("zeta", List.of(a));
        byName.put("alpha", null);
        byName.put("Mid", List.of(b, a));
        byName.put("", List.of());
        Map<Integer, String> byNumber = new LinkedHashMap<>();
        byNumber.put(10, "ten");
        byNumber.put(2, "two");
        byNumber.put(-1, "minus one");
        Struct value = new Struct(schema)
                .put("text", "Zoë — 😀 \u0000 \u001f \" \\ / <tag> \u2028 \uD800 é")
                .put("ts", new java.util.Date(1_533_092_400_123L))
                .put("date", new java.util.Date(17_744L * 86_400_000L))
                .put("time", new java.util.Date(3_723_004L))
                .put("dec", new BigDecimal("-12345.678"))
                .put("decZero", new BigDecimal("466400000000"))
                .put("decSmall", new BigDecimal("0.000000000010"))
                .put("i8", (byte) -8).put("i16", (short) 1600).put("i32", Integer.MIN_VALUE).put("i64", Long.MAX_VALUE)
                .put("f32", 1.1f).put("f64", 4.664E11).put("nan", Double.NaN).put("inf", Float.NEGATIVE_INFINITY)
                .put("negZero", -0.0).put("tiny", 1e-7).put("flag", true)
                .put("bytes", new byte[] {0, 1, 2, (byte) 0xFF, 'a'}).put("emptyBytes", new byte[0])
                .put("strings", Arrays.asList("x", null, ""))
                .put("nested", List.of(List.of(a, b), List.of(), List.of(b)))
                .put("byName", byName)
                .put("byNumber", byNumber)
                .put("dates", Arrays.asList(new java.util.Date(0), null));
        assertSameAsTree(schema, value);
    }

    @Test
    void schemalessValues() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "the int");
        map.put("1", "the string"); // the same key as a string: one property, where the first was, with the last value
        map.put("b", ByteBuffer.wrap(new byte[] {9, 8, 7}));
        map.put("a", new java.util.Date(1_000L));
        map.put("c", new BigDecimal("1E+10"));
        map.put("d", List.of(1L, 2.5f, Double.POSITIVE_INFINITY, new StringBuilder("other")));
        map.put(null, null);
        List<Object> list = new ArrayList<>();
        list.add(map);
        list.add(null);
        list.add(Map.of());
        assertSameAsTree(null, list);
        assertSameAsTree(null, null);
        assertSameAsTree(Schema.OPTIONAL_STRING_SCHEMA, "plain");
    }
}

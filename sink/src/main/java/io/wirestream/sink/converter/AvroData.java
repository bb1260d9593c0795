package io.wirestream.sink.converter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.TimeUnit;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps Avro schemas and values to Kafka Connect schemas and values and back, losslessly for the Avro features the
 * project uses: nested records, arrays, maps with string keys, optional unions ({@code ["null", X]}), enums, fixed,
 * the logical types {@code timestamp-millis}, {@code date}, {@code time-millis} and {@code decimal}, docs and defaults.
 *
 * <p>What Connect cannot express is kept in schema parameters so that {@code toAvroSchema(toConnectSchema(s))}
 * gives back {@code s}: an enum becomes a STRING named after the enum with its symbols in {@link #ENUM_SYMBOLS};
 * a field's doc is kept in {@link #FIELD_DOC} on the field's schema (the schema's own doc is the type's doc);
 * a {@code fixed} becomes BYTES with its size in {@link #FIXED_SIZE}; other logical types keep their name in
 * {@link #LOGICAL_TYPE}. Unions of more than one non-null branch are refused with a {@link DataException}.
 *
 * <p>Instances are thread-safe and stateless; callers cache the converted schemas.
 */
public final class AvroData {

    /** Parameter on a STRING schema that came from an Avro enum: its symbols, comma-separated. */
    public static final String ENUM_SYMBOLS = "io.wirestream.avro.enum.symbols";
    /** Parameter on a STRING schema that came from an Avro enum with a default symbol. */
    public static final String ENUM_DEFAULT = "io.wirestream.avro.enum.default";
    /** Parameter on a field's schema: the Avro field's doc. */
    public static final String FIELD_DOC = "io.wirestream.avro.field.doc";
    /** Parameter on a BYTES schema that came from an Avro fixed: its size. */
    public static final String FIXED_SIZE = "io.wirestream.avro.fixed.size";
    /** Parameter keeping an Avro logical type that has no Connect counterpart (e.g. uuid, timestamp-micros). */
    public static final String LOGICAL_TYPE = "io.wirestream.avro.logicalType";
    /** Parameter on a Decimal schema: the Avro decimal precision. */
    public static final String DECIMAL_PRECISION = "io.wirestream.avro.decimal.precision";
    /** Prefix of parameters that keep other string properties of an Avro schema (e.g. avro.java.string). */
    public static final String PROP_PREFIX = "io.wirestream.avro.prop.";
    /** Name given to a Connect struct without a name when it becomes an Avro record. */
    public static final String DEFAULT_RECORD_NAME = "io.wirestream.avro.ConnectDefault";

    private static final long MILLIS_PER_DAY = TimeUnit.DAYS.toMillis(1);

    // ---------------------------------------------------------------- Avro -> Connect: schemas

    /** The Connect schema for an Avro schema. */
    public Schema toConnectSchema(org.apache.avro.Schema avro) {
        return toConnect(avro, false, null, null, new ArrayList<>());
    }

    private Schema toConnect(org.apache.avro.Schema avro, boolean optional, Object avroDefault, String fieldDoc,
                             List<String> recordPath) {
        SchemaBuilder builder;
        LogicalType logical = avro.getLogicalType();
        switch (avro.getType()) {
            case NULL -> throw new DataException("An Avro 'null' schema has no Connect counterpart outside an optional union");
            case BOOLEAN -> builder = SchemaBuilder.bool();
            case INT -> {
                if (logical instanceof LogicalTypes.Date) {
                    builder = Date.builder();
                } else if (logical instanceof LogicalTypes.TimeMillis) {
                    builder = Time.builder();
                } else {
                    builder = SchemaBuilder.int32();
                    keepLogicalType(builder, logical);
                }
            }
            case LONG -> {
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    builder = Timestamp.builder();
                } else {
                    builder = SchemaBuilder.int64();
                    keepLogicalType(builder, logical);
                }
            }
            case FLOAT -> builder = SchemaBuilder.float32();
            case DOUBLE -> builder = SchemaBuilder.float64();
            case STRING -> {
                builder = SchemaBuilder.string();
                keepLogicalType(builder, logical);
            }
            case BYTES -> builder = bytesBuilder(logical);
            case FIXED -> {
                builder = bytesBuilder(logical).name(avro.getFullName())
                        .parameter(FIXED_SIZE, Integer.toString(avro.getFixedSize()));
            }
            case ENUM -> {
                builder = SchemaBuilder.string().name(avro.getFullName())
                        .parameter(ENUM_SYMBOLS, String.join(",", avro.getEnumSymbols()));
                if (avro.getEnumDefault() != null) {
                    builder.parameter(ENUM_DEFAULT, avro.getEnumDefault());
                }
                if (avro.getDoc() != null) {
                    builder.doc(avro.getDoc());
                }
            }
            case ARRAY -> builder = SchemaBuilder.array(toConnect(avro.getElementType(), false, null, null, recordPath));
            case MAP -> builder = SchemaBuilder.map(Schema.STRING_SCHEMA,
                    toConnect(avro.getValueType(), false, null, null, recordPath));
            case RECORD -> {
                String name = avro.getFullName();
                if (recordPath.contains(name)) {
                    throw new DataException("Recursive Avro record " + name + " cannot be mapped to a Connect schema");
                }
                recordPath.add(name);
                builder = SchemaBuilder.struct().name(name);
                if (avro.getDoc() != null) {
                    builder.doc(avro.getDoc());
                }
                for (org.apache.avro.Schema.Field f : avro.getFields()) {
                    Object fieldDefault = f.hasDefaultValue() ? f.defaultVal() : null;
                    builder.field(f.name(), toConnect(f.schema(), false, fieldDefault, f.doc(), recordPath));
                }
                recordPath.remove(recordPath.size() - 1);
            }
            case UNION -> {
                org.apache.avro.Schema branch = optionalBranch(avro);
                // An Avro union default is of the first branch: null for ["null", X], a value of X for [X, "null"].
                boolean nullFirst = avro.getTypes().get(0).getType() == org.apache.avro.Schema.Type.NULL;
                Object branchDefault = nullFirst ? null : avroDefault;
                return toConnect(branch, true, branchDefault, fieldDoc, recordPath);
            }
            default -> throw new DataException("Unsupported Avro type " + avro.getType());
        }
        if (fieldDoc != null) {
            builder.parameter(FIELD_DOC, fieldDoc);
        }
        keepProps(builder, avro);
        if (optional) {
            builder.optional();
        }
        if (avroDefault != null && avroDefault != JsonProperties.NULL_VALUE) {
            Schema withoutDefault = builder.build();
            builder.defaultValue(defaultToConnect(withoutDefault, avro, avroDefault));
        }
        return builder.build();
    }

    private static final java.util.Set<String> RESERVED_PROPS = java.util.Set.of(
            LogicalType.LOGICAL_TYPE_PROP, "precision", "scale");

    /** Keeps the string-valued properties (such as avro.java.string) so that the Avro schema can be rebuilt equal. */
    private static void keepProps(SchemaBuilder builder, org.apache.avro.Schema avro) {
        for (Map.Entry<String, Object> p : avro.getObjectProps().entrySet()) {
            if (!RESERVED_PROPS.contains(p.getKey()) && p.getValue() instanceof String v) {
                builder.parameter(PROP_PREFIX + p.getKey(), v);
            }
        }
    }

    private static void restoreProps(org.apache.avro.Schema out, Map<String, String> params) {
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getKey().startsWith(PROP_PREFIX)) {
                String name = p.getKey().substring(PROP_PREFIX.length());
                if (out.getProp(name) == null) {
                    out.addProp(name, p.getValue());
                }
            }
        }
    }

    private static SchemaBuilder bytesBuilder(LogicalType logical) {
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return Decimal.builder(decimal.getScale())
                    .parameter(DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
        }
        SchemaBuilder builder = SchemaBuilder.bytes();
        keepLogicalType(builder, logical);
        return builder;
    }

    private static void keepLogicalType(SchemaBuilder builder, LogicalType logical) {
        if (logical != null) {
            builder.parameter(LOGICAL_TYPE, logical.getName());
        }
    }

    private static org.apache.avro.Schema optionalBranch(org.apache.avro.Schema union) {
        List<org.apache.avro.Schema> types = union.getTypes();
        List<org.apache.avro.Schema> nonNull = types.stream()
                .filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).toList();
        if (types.size() != 2 || nonNull.size() != 1) {
            throw new DataException("Only optional unions [\"null\", X] are supported, not " + union);
        }
        return nonNull.get(0);
    }

    /** Converts an Avro field default (as {@code Schema.Field.defaultVal()} gives it) into a Connect value. */
    private Object defaultToConnect(Schema connect, org.apache.avro.Schema avro, Object json) {
        if (json == null || json == JsonProperties.NULL_VALUE) {
            return null;
        }
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            return defaultToConnect(connect, optionalBranch(avro), json);
        }
        switch (connect.type()) {
            case STRUCT -> {
                Map<?, ?> map = (Map<?, ?>) json;
                Struct struct = new Struct(connect);
                for (Field f : connect.fields()) {
                    org.apache.avro.Schema.Field af = avro.getField(f.name());
                    Object v = map.containsKey(f.name()) ? map.get(f.name()) : (af.hasDefaultValue() ? af.defaultVal() : null);
                    struct.put(f, defaultToConnect(f.schema(), af.schema(), v));
                }
                return struct;
            }
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object o : (Collection<?>) json) {
                    out.add(defaultToConnect(connect.valueSchema(), avro.getElementType(), o));
                }
                return out;
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
                    out.put(e.getKey().toString(), defaultToConnect(connect.valueSchema(), avro.getValueType(), e.getValue()));
                }
                return out;
            }
            case INT32 -> {
                int v = ((Number) json).intValue();
                if (Date.LOGICAL_NAME.equals(connect.name())) {
                    return new java.util.Date(v * MILLIS_PER_DAY);
                }
                if (Time.LOGICAL_NAME.equals(connect.name())) {
                    return new java.util.Date(v);
                }
                return v;
            }
            case INT64 -> {
                long v = ((Number) json).longValue();
                return Timestamp.LOGICAL_NAME.equals(connect.name()) ? new java.util.Date(v) : v;
            }
            case FLOAT32 -> {
                return ((Number) json).floatValue();
            }
            case FLOAT64 -> {
                return ((Number) json).doubleValue();
            }
            case BOOLEAN -> {
                return json;
            }
            case STRING -> {
                return json.toString();
            }
            case BYTES -> {
                byte[] bytes = json instanceof byte[] b ? b : json.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (Decimal.LOGICAL_NAME.equals(connect.name())) {
                    return new BigDecimal(new BigInteger(bytes), Integer.parseInt(connect.parameters().get(Decimal.SCALE_FIELD)));
                }
                return bytes;
            }
            default -> throw new DataException("Unsupported default for " + connect.type());
        }
    }

    // ---------------------------------------------------------------- Avro -> Connect: values

    /** The Connect value for an Avro datum (generic or specific) of {@code avro}, shaped by {@code connect}. */
    public Object toConnectValue(Schema connect, org.apache.avro.Schema avro, Object value) {
        return connectValueReader(connect, avro).read(value);
    }

    /**
     * Turns Avro datums of one schema into Connect values of one schema, as {@link #toConnectValue} does, with the
     * per-schema decisions (field pairing, optional branch, logical type) taken once, when it is made. Immutable and
     * thread-safe: callers keep one per schema, as they keep the converted schemas.
     */
    public interface ConnectValueReader {
        /** The Connect value for a datum ({@link DataException} when it does not fit the schemas). */
        Object read(Object value);
    }

    /** A reader for datums of {@code avro} into values of {@code connect}. */
    public ConnectValueReader connectValueReader(Schema connect, org.apache.avro.Schema avro) {
        return reader(connect, avro);
    }

    private static ValueReader reader(Schema connect, org.apache.avro.Schema avro) {
        try {
            return switch (avro.getType()) {
                case UNION -> reader(connect, optionalBranch(avro));
                case RECORD -> new RecordReader(connect, avro);
                case ARRAY -> new ArrayReader(connect, reader(connect.valueSchema(), avro.getElementType()));
                case MAP -> new MapReader(connect, reader(connect.valueSchema(), avro.getValueType()));
                case ENUM, STRING -> new ValueReader(connect) {
                    @Override
                    Object convert(Object value) {
                        return value.toString();
                    }
                };
                case INT -> new IntReader(connect);
                case LONG -> new LongReader(connect);
                case BYTES, FIXED -> new BytesReader(connect);
                case FLOAT, DOUBLE, BOOLEAN -> new ValueReader(connect) {
                    @Override
                    Object convert(Object value) {
                        return value;
                    }
                };
                default -> new FailingReader(connect, new DataException("Unsupported Avro type " + avro.getType()));
            };
        } catch (RuntimeException e) {
            // schemas that do not fit each other fail on the first datum that is not null, as they did before readers
            return new FailingReader(connect, e);
        }
    }

    /** Checks null against the Connect schema's optionality, then converts the rest. */
    private abstract static class ValueReader implements ConnectValueReader {
        final Schema connect;

        ValueReader(Schema connect) {
            this.connect = connect;
        }

        @Override
        public final Object read(Object value) {
            if (value == null) {
                if (!connect.isOptional()) {
                    throw new DataException("Null value for required " + describe(connect));
                }
                return null;
            }
            return convert(value);
        }

        /** Converts a datum that is not null. */
        abstract Object convert(Object value);

        /**
         * True when every struct in what this reader returns has had each of its fields set by {@link Struct#put}, so
         * Connect has validated each value once already; such a value need not be validated again as a whole.
         */
        boolean validatesItself() {
            return false;
        }
    }

    private static final class FailingReader extends ValueReader {
        private final RuntimeException cause;

        FailingReader(Schema connect, RuntimeException cause) {
            super(connect);
            this.cause = cause;
        }

        @Override
        Object convert(Object value) {
            throw cause instanceof DataException ? new DataException(cause.getMessage(), cause)
                    : new DataException("Cannot convert to " + describe(connect) + ": " + cause, cause);
        }
    }

    /**
     * Connect's {@link Struct#put} validates the value it is given, all of it: putting a list of structs validates
     * every struct in it, and their lists, again. Built bottom-up, a struct at depth d was validated d times. So a
     * list (or map) of structs is put while still empty, then filled: each struct in it has been validated by the puts
     * of its own fields, and nothing is validated twice. Lists of plain values are filled first and put as a whole,
     * so Connect checks each element. A struct whose Connect schema has fields the Avro record lacks is not
     * "validated by its puts" (a missing required field shows only when the struct is validated whole), so lists of
     * those are put whole, as before.
     */
    private static final class RecordReader extends ValueReader {
        private final int[] positions;
        private final Field[] fields;
        private final ValueReader[] readers;
        private final boolean[] putThenFill;
        private final boolean complete;

        RecordReader(Schema connect, org.apache.avro.Schema avro) {
            super(connect);
            List<org.apache.avro.Schema.Field> avroFields = avro.getFields();
            int n = avroFields.size();
            positions = new int[n];
            fields = new Field[n];
            readers = new ValueReader[n];
            putThenFill = new boolean[n];
            int matched = 0;
            for (int i = 0; i < n; i++) {
                org.apache.avro.Schema.Field f = avroFields.get(i);
                Field cf = connect.field(f.name());
                positions[i] = f.pos();
                fields[i] = cf;
                if (cf == null) {
                    readers[i] = new FailingReader(connect, new DataException("Connect schema " + describe(connect)
                            + " has no field " + f.name()));
                } else {
                    matched++;
                    readers[i] = reader(cf.schema(), f.schema());
                    putThenFill[i] = readers[i] instanceof ContainerReader c && c.element.validatesItself();
                }
            }
            complete = matched == connect.fields().size();
        }

        @Override
        boolean validatesItself() {
            return complete;
        }

        @Override
        Object convert(Object value) {
            GenericRecord record = (GenericRecord) value;
            Struct struct = new Struct(connect);
            for (int i = 0; i < positions.length; i++) {
                Object v = record.get(positions[i]);
                if (putThenFill[i] && v != null) {
                    ((ContainerReader) readers[i]).putThenFill(struct, fields[i], v);
                } else if (fields[i] == null) {
                    readers[i].convert(v); // throws
                } else {
                    struct.put(fields[i], readers[i].read(v));
                }
            }
            return struct;
        }
    }

    /** A list or map reader: it can fill a container after putting it (see {@link RecordReader}). */
    private abstract static class ContainerReader extends ValueReader {
        final ValueReader element;

        ContainerReader(Schema connect, ValueReader element) {
            super(connect);
            this.element = element;
        }

        @Override
        boolean validatesItself() {
            return element.validatesItself();
        }

        /** Puts an empty container for the datum into the struct's field, then fills it. */
        abstract void putThenFill(Struct struct, Field field, Object value);
    }

    private static final class ArrayReader extends ContainerReader {
        ArrayReader(Schema connect, ValueReader element) {
            super(connect, element);
        }

        @Override
        Object convert(Object value) {
            Collection<?> items = (Collection<?>) value;
            List<Object> out = new ArrayList<>(items.size());
            fill(out, items);
            return out;
        }

        @Override
        void putThenFill(Struct struct, Field field, Object value) {
            Collection<?> items = (Collection<?>) value;
            List<Object> out = new ArrayList<>(items.size());
            struct.put(field, out);
            fill(out, items);
        }

        private void fill(List<Object> out, Collection<?> items) {
            if (items instanceof List<?> list && items instanceof RandomAccess) {
                for (int i = 0, n = list.size(); i < n; i++) {
                    out.add(element.read(list.get(i)));
                }
            } else {
                for (Object item : items) {
                    out.add(element.read(item));
                }
            }
        }
    }

    private static final class MapReader extends ContainerReader {
        MapReader(Schema connect, ValueReader element) {
            super(connect, element);
        }

        @Override
        Object convert(Object value) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
            fill(out, map);
            return out;
        }

        @Override
        void putThenFill(Struct struct, Field field, Object value) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
            struct.put(field, out);
            fill(out, map);
        }

        private void fill(Map<String, Object> out, Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(e.getKey().toString(), element.read(e.getValue()));
            }
        }
    }

    private static final class IntReader extends ValueReader {
        private final boolean date;
        private final boolean time;

        IntReader(Schema connect) {
            super(connect);
            date = Date.LOGICAL_NAME.equals(connect.name());
            time = Time.LOGICAL_NAME.equals(connect.name());
        }

        @Override
        Object convert(Object value) {
            if (value instanceof LocalDate d) {
                return new java.util.Date(d.toEpochDay() * MILLIS_PER_DAY);
            }
            if (value instanceof LocalTime t) {
                return new java.util.Date(TimeUnit.NANOSECONDS.toMillis(t.toNanoOfDay()));
            }
            int v = (Integer) value;
            if (date) {
                return new java.util.Date(v * MILLIS_PER_DAY);
            }
            if (time) {
                return new java.util.Date(v);
            }
            return v;
        }
    }

    private static final class LongReader extends ValueReader {
        private final boolean timestamp;

        LongReader(Schema connect) {
            super(connect);
            timestamp = Timestamp.LOGICAL_NAME.equals(connect.name());
        }

        @Override
        Object convert(Object value) {
            if (value instanceof Instant i) {
                return new java.util.Date(i.toEpochMilli());
            }
            long v = (Long) value;
            return timestamp ? new java.util.Date(v) : v;
        }
    }

    private static final class BytesReader extends ValueReader {
        private final boolean decimal;

        BytesReader(Schema connect) {
            super(connect);
            decimal = Decimal.LOGICAL_NAME.equals(connect.name());
        }

        @Override
        Object convert(Object value) {
            if (value instanceof BigDecimal d) {
                return d;
            }
            byte[] bytes = bytesOf(value);
            if (decimal) {
                return new BigDecimal(new BigInteger(bytes), decimalScale(connect));
            }
            return bytes;
        }
    }

    private static byte[] bytesOf(Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer dup = buffer.duplicate();
            byte[] bytes = new byte[dup.remaining()];
            dup.get(bytes);
            return bytes;
        }
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes().clone();
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new DataException("Expected bytes, got " + value.getClass().getName());
    }

    // ---------------------------------------------------------------- Connect -> Avro: schemas

    /** The Avro schema for a Connect schema; the inverse of {@link #toConnectSchema}. */
    public org.apache.avro.Schema toAvroSchema(Schema connect) {
        return toAvro(connect, new HashMap<>(), true);
    }

    private org.apache.avro.Schema toAvro(Schema connect, Map<String, org.apache.avro.Schema> named, boolean top) {
        org.apache.avro.Schema base = toAvroBase(connect, named);
        if (connect.isOptional() && !top) {
            boolean valueFirst = connect.defaultValue() != null;
            org.apache.avro.Schema nullSchema = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);
            return valueFirst ? org.apache.avro.Schema.createUnion(base, nullSchema)
                    : org.apache.avro.Schema.createUnion(nullSchema, base);
        }
        return base;
    }

    private org.apache.avro.Schema toAvroBase(Schema connect, Map<String, org.apache.avro.Schema> named) {
        String name = connect.name();
        Map<String, String> params = connect.parameters() == null ? Map.of() : connect.parameters();
        org.apache.avro.Schema out;
        switch (connect.type()) {
            case BOOLEAN -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
            case INT8, INT16 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
            case INT32 -> {
                out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
                if (Date.LOGICAL_NAME.equals(name)) {
                    LogicalTypes.date().addToSchema(out);
                } else if (Time.LOGICAL_NAME.equals(name)) {
                    LogicalTypes.timeMillis().addToSchema(out);
                } else {
                    restoreLogicalType(out, params);
                }
            }
            case INT64 -> {
                out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
                if (Timestamp.LOGICAL_NAME.equals(name)) {
                    LogicalTypes.timestampMillis().addToSchema(out);
                } else {
                    restoreLogicalType(out, params);
                }
            }
            case FLOAT32 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
            case FLOAT64 -> out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
            case STRING -> {
                if (params.containsKey(ENUM_SYMBOLS)) {
                    org.apache.avro.Schema existing = named.get(name);
                    if (existing != null) {
                        return existing;
                    }
                    out = org.apache.avro.Schema.createEnum(simpleName(name), connect.doc(), namespace(name),
                            Arrays.asList(params.get(ENUM_SYMBOLS).split(",")), params.get(ENUM_DEFAULT));
                    named.put(name, out);
                } else {
                    out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
                    restoreLogicalType(out, params);
                }
            }
            case BYTES -> {
                if (params.containsKey(FIXED_SIZE)) {
                    org.apache.avro.Schema existing = named.get(name);
                    if (existing != null) {
                        return existing;
                    }
                    out = org.apache.avro.Schema.createFixed(simpleName(name), connect.doc(), namespace(name),
                            Integer.parseInt(params.get(FIXED_SIZE)));
                    named.put(name, out);
                } else {
                    out = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
                }
                if (Decimal.LOGICAL_NAME.equals(name)) {
                    int scale = decimalScale(connect);
                    int precision = Integer.parseInt(params.getOrDefault(DECIMAL_PRECISION, "64"));
                    LogicalTypes.decimal(precision, scale).addToSchema(out);
                } else {
                    restoreLogicalType(out, params);
                }
            }
            case ARRAY -> out = org.apache.avro.Schema.createArray(toAvro(connect.valueSchema(), named, false));
            case MAP -> {
                if (connect.keySchema().type() != Schema.Type.STRING) {
                    throw new DataException("Only maps with string keys can be written as Avro, not " + connect.keySchema().type());
                }
                out = org.apache.avro.Schema.createMap(toAvro(connect.valueSchema(), named, false));
            }
            case STRUCT -> {
                String recordName = name == null ? DEFAULT_RECORD_NAME : name;
                org.apache.avro.Schema existing = named.get(recordName);
                if (existing != null) {
                    return existing;
                }
                out = org.apache.avro.Schema.createRecord(simpleName(recordName), connect.doc(), namespace(recordName), false);
                named.put(recordName, out);
                List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
                for (Field f : connect.fields()) {
                    org.apache.avro.Schema fieldSchema = toAvro(f.schema(), named, false);
                    Map<String, String> fp = f.schema().parameters() == null ? Map.of() : f.schema().parameters();
                    Object def = avroDefault(f.schema());
                    fields.add(def == NO_DEFAULT
                            ? new org.apache.avro.Schema.Field(f.name(), fieldSchema, fp.get(FIELD_DOC))
                            : new org.apache.avro.Schema.Field(f.name(), fieldSchema, fp.get(FIELD_DOC), def));
                }
                out.setFields(fields);
            }
            default -> throw new DataException("Unsupported Connect type " + connect.type());
        }
        restoreProps(out, params);
        return out;
    }

    private static final Object NO_DEFAULT = new Object();

    private Object avroDefault(Schema fieldSchema) {
        Object def = fieldSchema.defaultValue();
        if (def == null) {
            return fieldSchema.isOptional() ? JsonProperties.NULL_VALUE : NO_DEFAULT;
        }
        return defaultToAvroJson(fieldSchema, def);
    }

    /** A Connect default as the plain Java object (Map, List, String, Number, Boolean, byte[]) Avro takes as a field default. */
    private Object defaultToAvroJson(Schema schema, Object value) {
        if (value == null) {
            return JsonProperties.NULL_VALUE;
        }
        switch (schema.type()) {
            case STRUCT -> {
                Struct struct = (Struct) value;
                Map<String, Object> out = new LinkedHashMap<>();
                for (Field f : schema.fields()) {
                    out.put(f.name(), defaultToAvroJson(f.schema(), struct.get(f)));
                }
                return out;
            }
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object o : (Collection<?>) value) {
                    out.add(defaultToAvroJson(schema.valueSchema(), o));
                }
                return out;
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.put(e.getKey().toString(), defaultToAvroJson(schema.valueSchema(), e.getValue()));
                }
                return out;
            }
            case INT32, INT64, BYTES -> {
                Object avroValue = toAvroValue(schema, toAvroBase(schema, new HashMap<>()), value);
                if (avroValue instanceof Long l && l == l.intValue()) {
                    return l.intValue(); // as Avro's parser reads a small number in a schema: an int node
                }
                return avroValue instanceof ByteBuffer b ? bytesOf(b) : avroValue;
            }
            case FLOAT32 -> {
                return Double.valueOf(value.toString()); // as Avro's parser reads 0.5: a double node
            }
            default -> {
                return value instanceof ByteBuffer b ? bytesOf(b) : value;
            }
        }
    }

    private static void restoreLogicalType(org.apache.avro.Schema out, Map<String, String> params) {
        String logical = params.get(LOGICAL_TYPE);
        if (logical != null) {
            out.addProp(LogicalType.LOGICAL_TYPE_PROP, logical);
            LogicalType parsed = LogicalTypes.fromSchemaIgnoreInvalid(out);
            if (parsed != null) {
                parsed.addToSchema(out);
            }
        }
    }

    private static String simpleName(String fullName) {
        int dot = fullName.lastIndexOf('.');
        return dot < 0 ? fullName : fullName.substring(dot + 1);
    }

    private static String namespace(String fullName) {
        int dot = fullName.lastIndexOf('.');
        return dot < 0 ? null : fullName.substring(0, dot);
    }

    // ---------------------------------------------------------------- Connect -> Avro: values

    /** The generic Avro datum for a Connect value of {@code connect}, shaped by {@code avro}. */
    public Object toAvroValue(Schema connect, org.apache.avro.Schema avro, Object value) {
        if (value == null) {
            if (!connect.isOptional() && connect.defaultValue() == null) {
                throw new DataException("Null value for required " + describe(connect));
            }
            if (connect.defaultValue() == null) {
                return null;
            }
            value = connect.defaultValue();
        }
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            return toAvroValue(connect, optionalBranch(avro), value);
        }
        switch (avro.getType()) {
            case RECORD -> {
                Struct struct = (Struct) value;
                GenericData.Record record = new GenericData.Record(avro);
                for (org.apache.avro.Schema.Field f : avro.getFields()) {
                    Field cf = connect.field(f.name());
                    if (cf == null) {
                        throw new DataException("Struct " + connect.name() + " has no field " + f.name());
                    }
                    record.put(f.pos(), toAvroValue(cf.schema(), f.schema(), struct.get(cf)));
                }
                return record;
            }
            case ARRAY -> {
                Collection<?> items = (Collection<?>) value;
                List<Object> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    out.add(toAvroValue(connect.valueSchema(), avro.getElementType(), item));
                }
                return out;
            }
            case MAP -> {
                Map<?, ?> map = (Map<?, ?>) value;
                Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put(e.getKey().toString(), toAvroValue(connect.valueSchema(), avro.getValueType(), e.getValue()));
                }
                return out;
            }
            case ENUM -> {
                String symbol = value.toString();
                if (!avro.hasEnumSymbol(symbol)) {
                    throw new DataException("'" + symbol + "' is not a symbol of enum " + avro.getFullName() + " " + avro.getEnumSymbols());
                }
                return new GenericData.EnumSymbol(avro, symbol);
            }
            case STRING -> {
                return value.toString();
            }
            case INT -> {
                if (value instanceof java.util.Date d) {
                    return Date.LOGICAL_NAME.equals(connect.name())
                            ? (int) Math.floorDiv(d.getTime(), MILLIS_PER_DAY)
                            : (int) d.getTime();
                }
                return ((Number) value).intValue();
            }
            case LONG -> {
                return value instanceof java.util.Date d ? d.getTime() : ((Number) value).longValue();
            }
            case FLOAT -> {
                return ((Number) value).floatValue();
            }
            case DOUBLE -> {
                return ((Number) value).doubleValue();
            }
            case BOOLEAN -> {
                return value;
            }
            case BYTES -> {
                if (value instanceof BigDecimal d) {
                    return ByteBuffer.wrap(d.unscaledValue().toByteArray());
                }
                return ByteBuffer.wrap(bytesOf(value));
            }
            case FIXED -> {
                byte[] bytes = value instanceof BigDecimal d ? fixedDecimal(d, avro.getFixedSize()) : bytesOf(value);
                return new GenericData.Fixed(avro, bytes);
            }
            default -> throw new DataException("Unsupported Avro type " + avro.getType());
        }
    }

    private static byte[] fixedDecimal(BigDecimal d, int size) {
        byte[] unscaled = d.unscaledValue().toByteArray();
        byte[] out = new byte[size];
        byte pad = (byte) (d.signum() < 0 ? 0xFF : 0);
        Arrays.fill(out, 0, size - unscaled.length, pad);
        System.arraycopy(unscaled, 0, out, size - unscaled.length, unscaled.length);
        return out;
    }

    private static int decimalScale(Schema schema) {
        return Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
    }

    private static String describe(Schema schema) {
        return schema.name() != null ? schema.name() : schema.type().toString();
    }
}

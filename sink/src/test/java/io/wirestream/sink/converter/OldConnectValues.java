package io.wirestream.sink.converter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The first {@link AvroData#toConnectValue}: a switch on the Avro type per value, and every struct put whole (so
 * validated again at each level). Kept as the oracle the readers must agree with ({@code ConnectValueReaderTest}).
 */
final class OldConnectValues {

    private static final long MILLIS_PER_DAY = TimeUnit.DAYS.toMillis(1);

    private OldConnectValues() {
    }

    /** The Connect value for an Avro datum (generic or specific) of {@code avro}, shaped by {@code connect}. */
    static Object toConnectValue(Schema connect, org.apache.avro.Schema avro, Object value) {
        if (value == null) {
            if (!connect.isOptional()) {
                throw new DataException("Null value for required " + describe(connect));
            }
            return null;
        }
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            return toConnectValue(connect, optionalBranch(avro), value);
        }
        switch (avro.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                Struct struct = new Struct(connect);
                for (org.apache.avro.Schema.Field f : avro.getFields()) {
                    Field cf = connect.field(f.name());
                    struct.put(cf, toConnectValue(cf.schema(), f.schema(), record.get(f.pos())));
                }
                return struct;
            }
            case ARRAY -> {
                Collection<?> items = (Collection<?>) value;
                List<Object> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    out.add(toConnectValue(connect.valueSchema(), avro.getElementType(), item));
                }
                return out;
            }
            case MAP -> {
                Map<?, ?> map = (Map<?, ?>) value;
                Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put(e.getKey().toString(), toConnectValue(connect.valueSchema(), avro.getValueType(), e.getValue()));
                }
                return out;
            }
            case ENUM, STRING -> {
                return value.toString();
            }
            case INT -> {
                if (value instanceof LocalDate d) {
                    return new java.util.Date(d.toEpochDay() * MILLIS_PER_DAY);
                }
                if (value instanceof LocalTime t) {
                    return new java.util.Date(TimeUnit.NANOSECONDS.toMillis(t.toNanoOfDay()));
                }
                int v = (Integer) value;
                if (Date.LOGICAL_NAME.equals(connect.name())) {
                    return new java.util.Date(v * MILLIS_PER_DAY);
                }
                if (Time.LOGICAL_NAME.equals(connect.name())) {
                    return new java.util.Date(v);
                }
                return v;
            }
            case LONG -> {
                if (value instanceof Instant i) {
                    return new java.util.Date(i.toEpochMilli());
                }
                long v = (Long) value;
                return Timestamp.LOGICAL_NAME.equals(connect.name()) ? new java.util.Date(v) : v;
            }
            case BYTES, FIXED -> {
                if (value instanceof BigDecimal d) {
                    return d;
                }
                byte[] bytes = bytesOf(value);
                if (Decimal.LOGICAL_NAME.equals(connect.name())) {
                    return new BigDecimal(new BigInteger(bytes), decimalScale(connect));
                }
                return bytes;
            }
            case FLOAT, DOUBLE, BOOLEAN -> {
                return value;
            }
            default -> throw new DataException("Unsupported Avro type " + avro.getType());
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

    private static org.apache.avro.Schema optionalBranch(org.apache.avro.Schema union) {
        List<org.apache.avro.Schema> types = union.getTypes();
        List<org.apache.avro.Schema> nonNull = types.stream()
                .filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL).toList();
        if (types.size() != 2 || nonNull.size() != 1) {
            throw new DataException("Only optional unions [\"null\", X] are supported, not " + union);
        }
        return nonNull.get(0);
    }

    private static int decimalScale(Schema schema) {
        return Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
    }

    private static String describe(Schema schema) {
        return schema.name() != null ? schema.name() : schema.type().toString();
    }
}

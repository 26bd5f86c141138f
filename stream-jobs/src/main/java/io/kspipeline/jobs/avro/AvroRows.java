package io.kspipeline.jobs.avro;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.types.StructType;

/**
 * Converts between Avro records and Spark rows for the types our schemas use: records, nullable
 * unions, strings, enums (as strings), int/long/float/double/boolean, bytes, arrays and maps, and
 * timestamp-millis (as Spark timestamps). The Spark schema is spark-avro's mapping of the Avro one.
 */
public final class AvroRows {
  private AvroRows() {}

  public static StructType sparkSchemaOf(Schema record) {
    return (StructType) SchemaConverters.toSqlType(record).dataType();
  }

  /** A row with one field per record field, in schema order. */
  public static Row toRow(GenericRecord record) {
    List<Schema.Field> fields = record.getSchema().getFields();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = toSpark(fields.get(i).schema(), record.get(i));
    }
    return RowFactory.create(values);
  }

  /** A record of the schema from a row with the schema's field names (extra columns ignored). */
  public static GenericRecord toRecord(Row row, Schema schema) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Object value = row.schema() == null ? row.get(field.pos()) : row.getAs(field.name());
      record.put(field.pos(), toAvro(field.schema(), value));
    }
    return record;
  }

  private static Object toSpark(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    switch (schema.getType()) {
      case UNION:
        return toSpark(branchOf(schema, value), value);
      case RECORD:
        return toRow((GenericRecord) value);
      case STRING:
      case ENUM:
        return value.toString();
      case BYTES:
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
      case FIXED:
        return ((GenericData.Fixed) value).bytes();
      case ARRAY:
        List<Object> items = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
          items.add(toSpark(schema.getElementType(), item));
        }
        return items;
      case MAP:
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) value)
            .forEach((k, v) -> map.put(k.toString(), toSpark(schema.getValueType(), v)));
        return map;
      case LONG:
        if (isTimestamp(schema)) {
          return value instanceof Instant i ? Timestamp.from(i) : new Timestamp((Long) value);
        }
        return value;
      default:
        return value;
    }
  }

  private static Object toAvro(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    switch (schema.getType()) {
      case UNION:
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            return toAvro(branch, value);
          }
        }
        return null;
      case RECORD:
        return toRecord((Row) value, schema);
      case ENUM:
        return new GenericData.EnumSymbol(schema, value.toString());
      case BYTES:
        return ByteBuffer.wrap((byte[]) value);
      case ARRAY:
        List<Object> items = new ArrayList<>();
        Iterable<?> source =
            value instanceof scala.collection.Seq<?> seq
                ? scala.collection.JavaConverters.seqAsJavaList(seq)
                : (Iterable<?>) value;
        for (Object item : source) {
          items.add(toAvro(schema.getElementType(), item));
        }
        return new GenericData.Array<>(schema, items);
      case LONG:
        if (isTimestamp(schema)) {
          return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
        }
        return ((Number) value).longValue();
      case INT:
        return ((Number) value).intValue();
      case STRING:
        return value.toString();
      default:
        return value;
    }
  }

  private static Schema branchOf(Schema union, Object value) {
    int index = GenericData.get().resolveUnion(union, value instanceof Instant ? 0L : value);
    return union.getTypes().get(index);
  }

  private static boolean isTimestamp(Schema schema) {
    LogicalType type = schema.getLogicalType();
    return type instanceof LogicalTypes.TimestampMillis
        || type instanceof LogicalTypes.TimestampMicros;
  }
}

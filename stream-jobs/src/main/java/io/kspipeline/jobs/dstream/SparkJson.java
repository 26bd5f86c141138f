package io.kspipeline.jobs.dstream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro records as the JSON text Spark's {@code to_json} writes for a struct of the same fields (the
 * {@code --output-format json} of the Structured jobs): fields in schema order, null fields left
 * out, timestamps as ISO-8601 with milliseconds in UTC, the jobs' session time zone. Covers the
 * types of our result schemas: records, arrays, nullable unions, strings, ints, longs, timestamps.
 */
final class SparkJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private SparkJson() {}

  static byte[] write(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      write(json, record.getSchema(), record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator json, Schema schema, Object value) throws IOException {
    switch (schema.getType()) {
      case RECORD -> {
        GenericRecord record = (GenericRecord) value;
        json.writeStartObject();
        for (Schema.Field field : schema.getFields()) {
          Object fieldValue = record.get(field.pos());
          if (fieldValue != null) {
            json.writeFieldName(field.name());
            write(json, field.schema(), fieldValue);
          }
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        json.writeStartArray();
        for (Object item : (Collection<?>) value) {
          write(json, schema.getElementType(), item);
        }
        json.writeEndArray();
      }
      case UNION -> write(json, nonNull(schema), value);
      case STRING -> json.writeString(value.toString());
      case INT -> json.writeNumber((Integer) value);
      case LONG -> {
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          Instant time = value instanceof Instant i ? i : Instant.ofEpochMilli((Long) value);
          json.writeString(TIMESTAMP.format(time));
        } else {
          json.writeNumber((Long) value);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "no JSON form for Avro " + schema.getType() + " in results");
    }
  }

  private static Schema nonNull(Schema union) {
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    throw new IllegalArgumentException("a union of null only: " + union);
  }
}

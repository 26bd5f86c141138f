package io.kspipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Writes records of one schema, whose registry id is already known, as Confluent frames. Used by
 * the serializer and by Spark executors, which get the id from the driver instead of asking the
 * registry per task. Thread-safe.
 */
public final class FramedAvroWriter {
  private final int schemaId;
  private final Schema schema;
  private final DatumWriter<Object> writer;

  public FramedAvroWriter(int schemaId, Schema schema) {
    this.schemaId = schemaId;
    this.schema = schema;
    this.writer = writerFor(schema);
  }

  public byte[] write(Object record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    ConfluentWireFormat.writeHeader(out, schemaId);
    try {
      // A fresh encoder per record: producers call send() from many threads at once.
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode a "
              + schema.getFullName()
              + " (schema id "
              + schemaId
              + "): "
              + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(Schema schema) {
    SpecificData model = SpecificData.getForSchema(schema);
    Class<?> generated = model.getClass(schema);
    return generated != null && SpecificRecord.class.isAssignableFrom(generated)
        ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, model)
        : new GenericDatumWriter<>(schema, GenericRecords.MODEL);
  }
}

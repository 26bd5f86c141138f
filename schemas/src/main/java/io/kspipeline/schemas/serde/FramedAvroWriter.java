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
  private static final int MAX_KEPT_BUFFER = 1 << 20;
  private static final ThreadLocal<Frame> FRAMES = ThreadLocal.withInitial(Frame::new);

  private final int schemaId;
  private final Schema schema;
  private final DatumWriter<Object> writer;

  public FramedAvroWriter(int schemaId, Schema schema) {
    this.schemaId = schemaId;
    this.schema = schema;
    this.writer = writerFor(schema);
  }

  public byte[] write(Object record) {
    Frame frame = FRAMES.get();
    frame.out.reset();
    ConfluentWireFormat.writeHeader(frame.out, schemaId);
    try {
      frame.encoder = EncoderFactory.get().binaryEncoder(frame.out, frame.encoder);
      writer.write(record, frame.encoder);
      frame.encoder.flush();
    } catch (IOException | RuntimeException e) {
      frame.encoder = null; // may hold part of the failed record
      throw new SerializationException(
          "cannot encode a "
              + schema.getFullName()
              + " (schema id "
              + schemaId
              + "): "
              + e.getMessage(),
          e);
    }
    byte[] bytes = frame.out.toByteArray();
    if (bytes.length > MAX_KEPT_BUFFER) {
      FRAMES.remove(); // one huge record should not pin its buffer to the thread
    }
    return bytes;
  }

  /**
   * A thread's output buffer and encoder, reused from record to record: producers call send() from
   * many threads at once, and a fresh stream per record grew (and copied) itself twice for a
   * typical access-log event.
   */
  private static final class Frame {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder;
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

package io.kspipeline.schemas.serde;

import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import io.kspipeline.schemas.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Confluent-framed Avro. The writer schema comes from the registry by the id
 * in the header and is resolved against the reader schema, so a reader built on an older schema
 * reads newer data and the reverse, within Avro's resolution rules. Bad input raises a {@link
 * WireFormatException} naming what is wrong, also a body whose lengths or item counts claim more
 * than the frame holds (checked before Avro allocates for them).
 *
 * <p>Reader schema: the given one (e.g. a generated class's), or, without one, the writer schema
 * itself; with {@code specific.avro.reader=true} the generated class named by the writer schema.
 */
public final class ConfluentAvroDeserializer<T> implements Deserializer<T> {
  private SchemaRegistry registry;
  private Schema readerSchema;
  private boolean specific;
  private final Map<Integer, Decoding> decodings = new ConcurrentHashMap<>();

  /** How frames of one schema id decode: the writer schema, and the reader resolving it. */
  private record Decoding(Schema writer, DatumReader<Object> reader) {}

  /** For Kafka's reflective construction; {@link #configure} supplies the registry. */
  public ConfluentAvroDeserializer() {}

  /**
   * @param readerSchema the schema to decode into, or null for each record's writer schema
   * @param specific decode into generated SpecificRecord classes rather than GenericRecords
   */
  public ConfluentAvroDeserializer(SchemaRegistry registry, Schema readerSchema, boolean specific) {
    this.registry = registry;
    this.readerSchema = readerSchema;
    this.specific = specific;
  }

  /**
   * A deserializer into a generated class, whatever compatible schema the data was written with.
   */
  public static <R extends SpecificRecord> ConfluentAvroDeserializer<R> forClass(
      SchemaRegistry registry, Class<R> type) {
    return new ConfluentAvroDeserializer<>(registry, SpecificData.get().getSchema(type), true);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (registry == null) {
      registry = SchemaRegistries.connect(configs);
    }
    if (configs.containsKey(AvroSerdeConfig.SPECIFIC_AVRO_READER)) {
      specific = AvroSerdeConfig.flag(configs, AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] framed) {
    if (framed == null) {
      return null;
    }
    int id = ConfluentWireFormat.schemaIdOf(framed);
    Decoding decoding = decodings.computeIfAbsent(id, this::decodingFor);
    // Before Avro allocates what the body's lengths and counts claim (found by fuzzing).
    AvroBodyCheck.check(decoding.writer(), framed, ConfluentWireFormat.HEADER_LENGTH, id);
    DatumReader<Object> reader = decoding.reader();
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                framed,
                ConfluentWireFormat.HEADER_LENGTH,
                framed.length - ConfluentWireFormat.HEADER_LENGTH,
                null);
    try {
      Object value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new WireFormatException.MalformedPayload(
            "bytes left after decoding with schema id " + id + " (wrong schema id?)", null);
      }
      return (T) value;
    } catch (EOFException e) {
      throw new WireFormatException.TruncatedFrame(
          "Avro body ends early for schema id " + id + " (" + framed.length + " bytes)", e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof WireFormatException w) {
        throw w;
      }
      throw new WireFormatException.MalformedPayload(
          "Avro body does not decode with schema id " + id + ": " + e, e);
    }
  }

  private Decoding decodingFor(int id) {
    Schema writer;
    try {
      writer = registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        throw new WireFormatException.UnknownSchemaId(id, e);
      }
      throw e;
    }
    Schema reader = readerSchema != null ? readerSchema : writer;
    if (specific) {
      SpecificData model = SpecificData.getForSchema(reader);
      return new Decoding(writer, new SpecificDatumReader<>(writer, reader, model));
    }
    return new Decoding(writer, new GenericDatumReader<>(writer, reader, GenericRecords.MODEL));
  }
}

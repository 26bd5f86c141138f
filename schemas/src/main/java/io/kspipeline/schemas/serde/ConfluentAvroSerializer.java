package io.kspipeline.schemas.serde;

import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro records (generated SpecificRecords or GenericRecords) in the
 * Confluent wire format, byte-compatible with Confluent's KafkaAvroSerializer. Subjects follow the
 * TopicNameStrategy; schemas are registered on first use unless {@code auto.register.schemas} is
 * false, in which case they must already be registered.
 */
public final class ConfluentAvroSerializer<T extends GenericContainer> implements Serializer<T> {
  private SchemaRegistry registry;
  private boolean autoRegister = true;
  private boolean isKey;
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

  /** For Kafka's reflective construction; {@link #configure} supplies the registry. */
  public ConfluentAvroSerializer() {}

  public ConfluentAvroSerializer(SchemaRegistry registry, boolean autoRegister) {
    this.registry = registry;
    this.autoRegister = autoRegister;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    this.autoRegister = AvroSerdeConfig.flag(configs, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
    if (registry == null) {
      registry = SchemaRegistries.connect(configs);
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    Schema schema = record.getSchema();
    int id = schemaId(AvroSerdeConfig.subjectOf(topic, isKey), schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    ConfluentWireFormat.writeHeader(out, id);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(schema, ConfluentAvroSerializer::writerFor).write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  private int schemaId(String subject, Schema schema) {
    String key = subject + '\u0000' + schema;
    Integer id = ids.get(key);
    if (id == null) {
      id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
      ids.put(key, id);
    }
    return id;
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(Schema schema) {
    SpecificData model = SpecificData.getForSchema(schema);
    boolean generated =
        model.getClass(schema) != null
            && SpecificRecord.class.isAssignableFrom(model.getClass(schema));
    return generated
        ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema, model)
        : new GenericDatumWriter<>(schema, GenericRecords.MODEL);
  }

  @Override
  public void close() {
    // The registry is shared (cached per URL), so it is not closed with one serializer.
  }
}

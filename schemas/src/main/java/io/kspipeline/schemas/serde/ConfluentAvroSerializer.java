package io.kspipeline.schemas.serde;

import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
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

  // Keyed by the schema object, whose hash Avro caches: rendering it as JSON for every record
  // (a string key) took half the producer's CPU.
  private record WriterKey(String subject, Schema schema) {}

  private final Map<WriterKey, FramedAvroWriter> writers = new ConcurrentHashMap<>();

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
    String subject = AvroSerdeConfig.subjectOf(topic, isKey);
    WriterKey key = new WriterKey(subject, schema);
    FramedAvroWriter writer = writers.get(key);
    if (writer == null) {
      int id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
      writer = new FramedAvroWriter(id, schema);
      writers.put(key, writer);
    }
    try {
      return writer.write(record);
    } catch (SerializationException e) {
      throw new SerializationException("topic " + topic + ": " + e.getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    // The registry is shared (cached per URL), so it is not closed with one serializer.
  }
}

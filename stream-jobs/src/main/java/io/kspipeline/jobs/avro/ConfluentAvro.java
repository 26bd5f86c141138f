package io.kspipeline.jobs.avro;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.udf;

import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistryException;
import io.kspipeline.schemas.serde.AvroSerdeConfig;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent-framed Avro in Spark: Kafka rows to typed columns (writer schemas resolved by id from
 * the registry, then to the reader schema), undecodable values to dead letters, and typed columns
 * back to framed values for output topics.
 */
public final class ConfluentAvro {
  /** The column {@link #decode} adds: {@code struct<record, error>}. */
  public static final String DECODED = "avro";

  private static final Logger LOG = LoggerFactory.getLogger(ConfluentAvro.class);

  /** Schema ids registered by this driver: registry settings, subject and schema → id. */
  private static final Map<List<Object>, Integer> REGISTERED = new ConcurrentHashMap<>();

  private ConfluentAvro() {}

  /**
   * Adds the decoded value to Kafka rows ({@code value, topic, partition, offset, ...}) of a topic.
   * Frames of the reader schema itself, when it is registered under the topic's value subject, are
   * decoded by spark-avro; all others (other writer versions, bad frames) by resolving their writer
   * schema from the registry.
   *
   * @param registryConfig at least {@code schema.registry.url}, plus auth/TLS settings
   */
  public static Dataset<Row> decode(
      Dataset<Row> kafkaRows,
      String topic,
      Schema readerSchema,
      Map<String, String> registryConfig) {
    StructType result =
        new StructType()
            .add("record", AvroRows.sparkSchemaOf(readerSchema), true)
            .add("error", DataTypes.StringType, true);
    // Non-deterministic so the optimizer calls it once per row, not once per extracted field.
    Column generic =
        udf(new ConfluentAvroDecoder(registryConfig, readerSchema), result)
            .asNondeterministic()
            .apply(col("value"));
    OptionalInt id = registeredId(topic, readerSchema, registryConfig);
    if (id.isEmpty()) {
      return kafkaRows.withColumn(DECODED, generic);
    }
    return new RegisteredSchemaPath(id.getAsInt(), readerSchema).decode(kafkaRows, generic);
  }

  /** The reader schema's id under the topic's value subject, if it is registered there. */
  private static OptionalInt registeredId(
      String topic, Schema readerSchema, Map<String, String> registryConfig) {
    String subject = AvroSerdeConfig.subjectOf(topic, false);
    try {
      int id = SchemaRegistries.connect(registryConfig).idOf(subject, readerSchema);
      LOG.info("{} frames of schema id {} decode with spark-avro", subject, id);
      return OptionalInt.of(id);
    } catch (SchemaRegistryException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      LOG.warn(
          "{} is not registered under {}: every frame decodes through the registry",
          readerSchema.getFullName(),
          subject);
      return OptionalInt.empty();
    }
  }

  /** The decoded records' fields, with the Kafka coordinates of each. */
  public static Dataset<Row> records(Dataset<Row> decoded) {
    return decoded
        .where(col(DECODED + ".error").isNull())
        .select(
            col(DECODED + ".record.*"),
            col("topic").as("kafka_topic"),
            col("partition").as("kafka_partition"),
            col("offset").as("kafka_offset"));
  }

  /** The rows that did not decode, as {@code DeadLetter}s for the dead-letter topic. */
  public static Dataset<Row> deadLetters(
      Dataset<Row> decoded,
      String stage,
      String deadLetterTopic,
      Map<String, String> registryConfig) {
    Column error = col(DECODED + ".error");
    return DeadLetters.fromKafkaRows(
        decoded.where(error.isNotNull()),
        substring_index(error, ":", 1),
        error,
        stage,
        deadLetterTopic,
        registryConfig);
  }

  /**
   * Encodes a struct column with the writer schema, registering it (on the driver, once) under the
   * topic's value subject.
   */
  public static Column encode(
      Column struct, Schema writerSchema, String topic, Map<String, String> registryConfig) {
    int id = writerSchemaId(writerSchema, topic, registryConfig);
    return udf(new ConfluentAvroEncoder(id, writerSchema), DataTypes.BinaryType).apply(struct);
  }

  /**
   * The id of the writer schema under the topic's value subject, registering it there on first use
   * (on the driver): the id executors frame values with.
   */
  public static int writerSchemaId(
      Schema writerSchema, String topic, Map<String, String> registryConfig) {
    String subject = AvroSerdeConfig.subjectOf(topic, false);
    // Sinks encode in every micro-batch: register once per driver, not once per batch.
    return REGISTERED.computeIfAbsent(
        List.of(registryConfig, subject, writerSchema),
        key -> SchemaRegistries.connect(registryConfig).register(subject, writerSchema));
  }
}

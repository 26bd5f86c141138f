package io.kspipeline.jobs.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.kspipeline.jobs.avro.ConfluentAvro;
import io.kspipeline.schemas.avro.DeadLetter;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Dead letters for a dead-letter topic: a {@link DeadLetter} (Avro, Confluent framing) per rejected
 * input record with its topic, partition, offset, timestamp, the stage that rejected it, the error,
 * and the original bytes — so nothing rejected is lost and each rejection can be traced to its
 * input offset. The original key is kept as the record key.
 */
public final class DeadLetters {
  private DeadLetters() {}

  /** The source's record timestamp ({@code timestamp}, as Kafka rows have it), else null. */
  public static Column recordTimestamp(Dataset<Row> rows) {
    return java.util.Arrays.asList(rows.columns()).contains("timestamp")
        ? col("timestamp")
        : lit(null).cast(DataTypes.TimestampType);
  }

  /**
   * Dead letters from rows of a Kafka-shaped source ({@code key, value, topic, partition, offset,
   * timestamp}; timestamp may be absent) given the error's class and message columns.
   */
  public static Dataset<Row> fromKafkaRows(
      Dataset<Row> rejected,
      Column errorClass,
      Column errorMessage,
      String stage,
      String deadLetterTopic,
      Map<String, String> registry) {
    return rejected.select(
        col("key"),
        value(recordTimestamp(rejected), errorClass, errorMessage, stage, deadLetterTopic, registry)
            .as("value"));
  }

  /**
   * The encoded {@link DeadLetter} of the current row of a Kafka-shaped source ({@code value,
   * topic, partition, offset}), for a job that writes dead letters beside its other output.
   */
  public static Column value(
      Column recordTimestamp,
      Column errorClass,
      Column errorMessage,
      String stage,
      String deadLetterTopic,
      Map<String, String> registry) {
    Column letter =
        struct(
            col("topic").as("sourceTopic"),
            col("partition").cast(DataTypes.IntegerType).as("sourcePartition"),
            col("offset").cast(DataTypes.LongType).as("sourceOffset"),
            lit(null).cast(DataTypes.StringType).as("sourceLocation"),
            recordTimestamp.as("recordTimestamp"),
            lit(stage).as("stage"),
            errorClass.as("errorClass"),
            errorMessage.as("errorMessage"),
            col("value").as("payload"));
    return ConfluentAvro.encode(letter, DeadLetter.getClassSchema(), deadLetterTopic, registry);
  }
}

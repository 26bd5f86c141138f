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
      Map<String, String> registryConfig) {
    boolean hasTimestamp = java.util.Arrays.asList(rejected.columns()).contains("timestamp");
    Column letter =
        struct(
            col("topic").as("sourceTopic"),
            col("partition").cast(DataTypes.IntegerType).as("sourcePartition"),
            col("offset").cast(DataTypes.LongType).as("sourceOffset"),
            lit(null).cast(DataTypes.StringType).as("sourceLocation"),
            (hasTimestamp ? col("timestamp") : lit(null).cast(DataTypes.TimestampType))
                .as("recordTimestamp"),
            lit(stage).as("stage"),
            errorClass.as("errorClass"),
            errorMessage.as("errorMessage"),
            col("value").as("payload"));
    return rejected.select(
        col("key"),
        ConfluentAvro.encode(letter, DeadLetter.getClassSchema(), deadLetterTopic, registryConfig)
            .as("value"));
  }
}

package io.kspipeline.jobs.common;

import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.kspipeline.jobs.avro.ConfluentAvro;
import io.kspipeline.schemas.avro.DeadLetter;
import java.util.ArrayList;
import java.util.List;
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
   * Dead letters for a file or the console, from rejected rows as {@link #fromKafkaRows} takes them
   * ({@code errorClass} and {@code error} columns): the {@link DeadLetter} fields, the payload as
   * text ({@code payload}, UTF-8) and exactly ({@code payloadBase64}).
   */
  public static Dataset<Row> readable(Dataset<Row> rejected, String stage) {
    List<Column> fields = provenance(recordTimestamp(rejected));
    fields.add(lit(stage).as("stage"));
    fields.add(col("errorClass"));
    fields.add(col("error").as("errorMessage"));
    fields.add(col("value").cast(DataTypes.StringType).as("payload"));
    fields.add(base64(col("value")).as("payloadBase64"));
    return rejected.select(fields.toArray(new Column[0]));
  }

  /**
   * Where a Kafka-shaped row came from: its topic, partition and offset, or, for a row of a file or
   * socket (negative partition), the location its {@code topic} column names ({@code file:line}).
   */
  public static List<Column> provenance(Column recordTimestamp) {
    Column fromKafka = coalesce(col("partition").geq(0), lit(false));
    return new ArrayList<>(
        List.of(
            when(fromKafka, col("topic")).as("sourceTopic"),
            when(fromKafka, col("partition").cast(DataTypes.IntegerType)).as("sourcePartition"),
            when(fromKafka, col("offset").cast(DataTypes.LongType)).as("sourceOffset"),
            when(not(fromKafka), col("topic")).as("sourceLocation"),
            recordTimestamp.as("recordTimestamp")));
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
    List<Column> fields = provenance(recordTimestamp);
    fields.add(lit(stage).as("stage"));
    fields.add(errorClass.as("errorClass"));
    fields.add(errorMessage.as("errorMessage"));
    fields.add(col("value").as("payload"));
    Column letter = struct(fields.toArray(new Column[0]));
    return ConfluentAvro.encode(letter, DeadLetter.getClassSchema(), deadLetterTopic, registry);
  }
}

package io.kspipeline.jobs.common;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Dead-letter records for a dead-letter topic: the original bytes as value and key, and where the
 * record came from and why it was rejected as headers, so nothing rejected is lost and every
 * rejection can be traced to its input offset.
 */
public final class DeadLetters {
  public static final String ERROR = "dlq.error";
  public static final String STAGE = "dlq.stage";
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";

  private DeadLetters() {}

  /**
   * Dead letters from rows of a Kafka source ({@code key, value, topic, partition, offset}) and a
   * column holding the reason.
   */
  public static Dataset<Row> fromKafkaRows(Dataset<Row> rejected, Column reason, String stage) {
    return rejected.select(
        col("key"),
        col("value"),
        array(
                header(ERROR, reason),
                header(STAGE, lit(stage)),
                header(SOURCE_TOPIC, col("topic")),
                header(SOURCE_PARTITION, col("partition").cast("string")),
                header(SOURCE_OFFSET, col("offset").cast("string")))
            .as("headers"));
  }

  private static Column header(String key, Column value) {
    return struct(lit(key).as("key"), value.cast("binary").as("value"));
  }
}

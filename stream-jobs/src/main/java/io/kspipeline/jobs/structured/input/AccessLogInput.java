package io.kspipeline.jobs.structured.input;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.jobs.avro.AvroRows;
import io.kspipeline.jobs.avro.ConfluentAvro;
import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.common.TextFileLines;
import io.kspipeline.jobs.structured.windows.WindowedEvent;
import io.kspipeline.schemas.avro.AccessLogEvent;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Access-log events for the Structured jobs from any input: {@code AccessLogEvent} Avro from a
 * topic, raw lines from a topic (parsed in Spark by the shared parser), or, as in the seed, a
 * directory of log files picked up as they appear. Every input gives the same event columns (those
 * of {@code AccessLogEvent}, {@code timestamp} as a Spark timestamp) plus the Kafka-shaped
 * provenance {@code key, value, topic, partition, offset}; what cannot be read becomes a dead
 * letter.
 */
public final class AccessLogInput {
  private static final String PARSED = "parsed";

  private final Dataset<Row> withOutcome;
  private final String outcome;

  private AccessLogInput(Dataset<Row> withOutcome, String outcome) {
    this.withOutcome = withOutcome;
    this.outcome = outcome;
  }

  /** Avro-framed events from Kafka rows of a topic. */
  public static AccessLogInput avro(
      Dataset<Row> kafkaRows, String topic, Map<String, String> registryConfig) {
    return new AccessLogInput(
        ConfluentAvro.decode(kafkaRows, topic, AccessLogEvent.getClassSchema(), registryConfig),
        ConfluentAvro.DECODED);
  }

  /** Raw lines from Kafka rows, parsed with the given parser. */
  public static AccessLogInput raw(Dataset<Row> kafkaRows, AccessLogParser parser) {
    StructType result =
        new StructType()
            .add("record", AvroRows.sparkSchemaOf(AccessLogEvent.getClassSchema()), true)
            .add("error", DataTypes.StringType, true);
    UserDefinedFunction parse =
        udf(new AccessLogParseFunction(parser), result).asNondeterministic();
    return new AccessLogInput(
        kafkaRows.withColumn(PARSED, parse.apply(col("value").cast("string"))), PARSED);
  }

  /** Lines of the log files that appear in a directory ({@link TextFileLines}). */
  public static AccessLogInput directory(SparkSession spark, String path, AccessLogParser parser) {
    return raw(TextFileLines.stream(spark, path), parser);
  }

  /**
   * Every input record once, for a job that routes events and dead letters in one query: {@code
   * kind} ({@code event} or {@code dead}), the event columns (null for a dead letter), the record's
   * {@code key, value, topic, partition, offset, recordTimestamp}, and for a dead letter {@code
   * errorClass} and {@code error}.
   */
  public Dataset<Row> records() {
    Column error = col(outcome + ".error");
    Column errorClass =
        outcome.equals(PARSED) ? lit("AccessLogParseError") : substring_index(error, ":", 1);
    return withOutcome.select(
        when(error.isNull(), lit(WindowedEvent.EVENT))
            .otherwise(lit(WindowedEvent.DEAD))
            .as("kind"),
        col(outcome + ".record.*"),
        col("key"),
        col("value"),
        col("topic"),
        col("partition"),
        col("offset"),
        DeadLetters.recordTimestamp(withOutcome).as("recordTimestamp"),
        when(error.isNull(), lit(null).cast(DataTypes.StringType))
            .otherwise(errorClass)
            .as("errorClass"),
        error.as("error"));
  }

  /** The input records that are not events, as DeadLetters for the dead-letter topic. */
  public Dataset<Row> deadLetters(
      String stage, String deadLetterTopic, Map<String, String> registryConfig) {
    if (!outcome.equals(PARSED)) {
      return ConfluentAvro.deadLetters(withOutcome, stage, deadLetterTopic, registryConfig);
    }
    Column error = col(PARSED + ".error");
    return DeadLetters.fromKafkaRows(
        withOutcome.where(error.isNotNull()),
        lit("AccessLogParseError"),
        error,
        stage,
        deadLetterTopic,
        registryConfig);
  }
}

package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.core.logs.StatusExtractor;
import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.Triggers;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;

/**
 * The seed's log analysis: hits per HTTP status, counted since the beginning of the input, from
 * access-log lines. The counts go to a sink (Kafka topic and JDBC table in production); lines
 * without a status go to the dead-letter topic.
 *
 * <p>The source is injected as Kafka-shaped rows ({@code key, value, topic, partition, offset}), so
 * tests can feed a memory stream and production a Kafka topic.
 */
public final class StatusCountsJob {
  public static final String NAME = "status-counts";

  private static final UserDefinedFunction STATUS_OF =
      udf((UDF1<String, Integer>) StatusExtractor::statusOf, DataTypes.IntegerType);
  private static final UserDefinedFunction PROBLEM_WITH =
      udf((UDF1<String, String>) StatusExtractor::problemWith, DataTypes.StringType);

  private final Dataset<Row> source;
  private final VoidFunction2<Dataset<Row>, Long> countsSink;

  public static void main(String[] args) {
    System.exit(PipelineCommandLine.run(new StatusCountsCommand(), args));
  }

  public StatusCountsJob(Dataset<Row> source, VoidFunction2<Dataset<Row>, Long> countsSink) {
    this.source = source;
    this.countsSink = countsSink;
  }

  /** Hits per status ({@code status INT, hits BIGINT}) over every parseable line so far. */
  public static Dataset<Row> statusCounts(Dataset<Row> kafkaRows) {
    return kafkaRows
        .select(STATUS_OF.apply(col("value").cast("string")).as("status"))
        .where(col("status").isNotNull())
        .groupBy("status")
        .agg(count(lit(1)).as("hits"));
  }

  /** The input rows without a status, as dead letters with the reason. */
  public static Dataset<Row> deadLetters(Dataset<Row> kafkaRows) {
    Dataset<Row> withReason =
        kafkaRows.withColumn("reason", PROBLEM_WITH.apply(col("value").cast("string")));
    return DeadLetters.fromKafkaRows(
        withReason.where(col("reason").isNotNull()), col("reason"), NAME);
  }

  /**
   * Starts the counting query (complete mode: the whole, small status table each batch, as the seed
   * does) and the dead-letter query, each with its own checkpoint under {@code checkpoint}.
   */
  public List<StreamingQuery> start(
      StreamingOptions options, KafkaOptions kafka, String deadLetterTopic)
      throws TimeoutException {
    String checkpoint = options.checkpointFor(NAME);
    StreamingQuery counts =
        statusCounts(source)
            .writeStream()
            .queryName(NAME)
            .outputMode(OutputMode.Complete())
            .option("checkpointLocation", checkpoint + "/counts")
            .trigger(Triggers.of(options.trigger()))
            .foreachBatch(countsSink)
            .start();
    StreamingQuery rejected =
        KafkaIO.streamTo(deadLetters(source), kafka, deadLetterTopic)
            .queryName(NAME + "-dead-letters")
            .option("checkpointLocation", checkpoint + "/dead-letters")
            .trigger(Triggers.of(options.trigger()))
            .start();
    return List.of(counts, rejected);
  }
}

package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.jobs.structured.windows.WindowedCounter;
import io.kspipeline.jobs.structured.windows.WindowedEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The seed's JSON example — {@code groupBy($"action", window($"time", "1 hour")).count()} — on JSON
 * {@code WebAction} records from Kafka: actions per window, late records set aside, bad JSON
 * dead-lettered. Source rows (Kafka-shaped) and sink are injected.
 */
public final class ActionCountsJob {
  public static final String NAME = "action-counts";

  /** The JSON fields of a web action, as the seed's example reads them. */
  static final StructType WEB_ACTION =
      new StructType()
          .add("action", DataTypes.StringType)
          .add("time", DataTypes.TimestampType)
          .add("userId", DataTypes.StringType);

  private static final String PARSED = "action";
  private static final String CORRUPT = "_corrupt_record";
  static final String MALFORMED =
      "malformed JSON, or a field of the wrong type (\"time\" must be an ISO-8601 timestamp)";

  /** Kafka rows with the parsed action and, for a record that is not a web action, why. */
  static Dataset<Row> parse(Dataset<Row> kafkaRows) {
    // The corrupt-record column tells malformed JSON apart from JSON that lacks a field.
    Dataset<Row> parsed =
        kafkaRows.withColumn(
            PARSED,
            from_json(
                col("value").cast("string"),
                WEB_ACTION.add(CORRUPT, DataTypes.StringType),
                Map.of("columnNameOfCorruptRecord", CORRUPT)));
    return parsed.withColumn(
        "problem",
        when(col(PARSED).isNull().or(col(PARSED + "." + CORRUPT).isNotNull()), lit(MALFORMED))
            .when(col(PARSED + ".action").isNull(), lit("missing \"action\""))
            .when(col(PARSED + ".time").isNull(), lit("missing \"time\"")));
  }

  /** Actions per window as {@code WindowResult} rows (count, late, and dead for bad records). */
  public static Dataset<Row> windowedActions(
      Dataset<Row> kafkaRows, WindowSpec windows, Duration watermark, int shards) {
    Column problem = col("problem");
    Dataset<Row> parsed = parse(kafkaRows);
    Dataset<Row> records =
        parsed
            .withColumn(
                "kind",
                when(problem.isNull(), lit(WindowedEvent.EVENT)).otherwise(lit(WindowedEvent.DEAD)))
            .withColumn("recordTimestamp", DeadLetters.recordTimestamp(parsed))
            .withColumn("errorClass", when(problem.isNotNull(), lit("WebActionParseError")))
            .withColumn("error", problem);
    Dataset<Row> keyed =
        WindowedCounter.keyed(records, col(PARSED + ".time"), col(PARSED + ".action"));
    return WindowedCounter.count(keyed, windows, watermark, 0, shards).toDF();
  }

  /** The records that are not web actions, with their Kafka coordinates and the reason. */
  public static Dataset<Row> rejected(Dataset<Row> kafkaRows) {
    return parse(kafkaRows).where(col("problem").isNotNull());
  }
}

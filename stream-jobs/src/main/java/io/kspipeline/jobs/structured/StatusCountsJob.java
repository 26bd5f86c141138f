package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.structured.windows.WindowResult;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowedCounter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The seed's log analysis: hits per HTTP status since the beginning of the input. The input (any
 * access-log input) and the sink (Kafka topic and JDBC table in production, memory in tests) are
 * injected.
 */
public final class StatusCountsJob {
  public static final String NAME = "status-counts";

  public static void main(String[] args) {
    PipelineCommandLine.runSparkMain(new StatusCountsCommand(), args);
  }

  /**
   * Hits per status over every record so far ({@code AccessLogInput.records()}): every batch with
   * events carries the whole table as {@code WindowResult} count rows (the status as the count
   * key), as the seed's complete output mode does, plus the batch's dead letters. Records are
   * summed per status in each input partition before the shuffle.
   */
  public static Dataset<Row> statusCounts(Dataset<Row> records, int shards) {
    Dataset<Row> keyed =
        WindowedCounter.keyed(records, lit(null).cast("timestamp"), col("status").cast("string"));
    return WindowedCounter.totals(keyed, shards).toDF();
  }

  /** The table rows of a batch: {@code status INT, hits BIGINT}. */
  public static Dataset<Row> countRows(Dataset<Row> batch) {
    return WindowResults.ofKind(batch, WindowResult.COUNT)
        .select(col("countKey").cast("int").as("status"), col("count").as("hits"));
  }
}

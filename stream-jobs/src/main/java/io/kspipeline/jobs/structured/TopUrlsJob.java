package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.jobs.structured.windows.WindowResult;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.jobs.structured.windows.WindowedCounter;
import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The seed's exercise: the most viewed URLs (endpoints) over a 30-second window sliding every 10
 * seconds, by the log's own time (with a watermark; late records are set aside, not lost) or by
 * processing time as the seed's {@code current_timestamp()} variant. Input and sink injected.
 */
public final class TopUrlsJob {
  public static final String NAME = "top-urls";

  /**
   * Hits per endpoint per window from every input record ({@code AccessLogInput.records()}): {@link
   * WindowResult} rows of kind count (per updated endpoint), rank (each shard's top N of each
   * updated window, see {@link WindowResults#rankedAcrossShards}), late and dead.
   */
  public static Dataset<Row> windowedHits(
      Dataset<Row> records,
      WindowSpec windows,
      TimeMode time,
      Duration watermark,
      int top,
      int shards) {
    Dataset<Row> keyed =
        WindowedCounter.keyed(
            records,
            time.clock(col("timestamp")),
            // A malformed request line has no endpoint; it is still a hit, on "-" as logged.
            coalesce(col("endpoint"), lit("-")));
    return WindowedCounter.count(keyed, windows, time.delay(watermark), top, shards).toDF();
  }
}

package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.kspipeline.jobs.common.ForeachBatchQuery;
import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.jobs.structured.windows.WindowResult;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.jobs.structured.windows.WindowedCounter;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The seed's exercise: the most viewed URLs (endpoints) over a 30-second window sliding every 10
 * seconds, by the log's own time (with a watermark; late records are set aside, not lost) or by
 * processing time as the seed's {@code current_timestamp()} variant. Events and sink injected.
 */
public final class TopUrlsJob {
  public static final String NAME = "top-urls";

  private final Dataset<Row> events;
  private final VoidFunction2<Dataset<Row>, Long> sink;

  public TopUrlsJob(Dataset<Row> events, VoidFunction2<Dataset<Row>, Long> sink) {
    this.events = events;
    this.sink = sink;
  }

  /**
   * Hits per endpoint per window: {@link WindowResult} rows of kind count (per updated endpoint),
   * rank (the top N of each updated window) and late.
   */
  public static Dataset<Row> windowedHits(
      Dataset<Row> events, WindowSpec windows, TimeMode time, Duration watermark, int top) {
    Dataset<Row> keyed =
        events.select(
            time.clock(col("timestamp")).as("eventTime"),
            // A malformed request line has no endpoint; it is still a hit, on "-" as logged.
            coalesce(col("endpoint"), lit("-")).as("countKey"),
            col("key"),
            col("value"),
            col("topic"),
            col("partition"),
            col("offset"));
    return WindowedCounter.count(keyed, windows, time.delay(watermark), top).toDF();
  }

  public StreamingQuery start(
      WindowSpec windows,
      TimeMode time,
      Duration watermark,
      int top,
      String checkpoint,
      String trigger)
      throws TimeoutException {
    return ForeachBatchQuery.start(
        WindowResults.lateCounted(windowedHits(events, windows, time, watermark, top)),
        NAME,
        OutputMode.Update(),
        checkpoint,
        trigger,
        sink);
  }
}

package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.common.ForeachBatchQuery;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The seed's log analysis: hits per HTTP status since the beginning of the input. The events (any
 * access-log input) and the sink (Kafka topic and JDBC table in production, memory in tests) are
 * injected.
 */
public final class StatusCountsJob {
  public static final String NAME = "status-counts";

  private final Dataset<Row> events;
  private final VoidFunction2<Dataset<Row>, Long> sink;

  public StatusCountsJob(Dataset<Row> events, VoidFunction2<Dataset<Row>, Long> sink) {
    this.events = events;
    this.sink = sink;
  }

  public static void main(String[] args) {
    PipelineCommandLine.runSparkMain(new StatusCountsCommand(), args);
  }

  /** Hits per status ({@code status INT, hits BIGINT}) over every event so far. */
  public static Dataset<Row> statusCounts(Dataset<Row> events) {
    return events.groupBy(col("status")).agg(count(lit(1)).as("hits"));
  }

  /**
   * Starts the counting query in complete mode: the whole (small) status table each batch, as the
   * seed does.
   */
  public StreamingQuery start(String checkpoint, String trigger) throws TimeoutException {
    return ForeachBatchQuery.start(
        statusCounts(events), NAME, OutputMode.Complete(), checkpoint, trigger, sink);
  }
}

package io.kspipeline.jobs.common;

import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/** Starts a job's result query: named, checkpointed, triggered, into a foreachBatch sink. */
public final class ForeachBatchQuery {
  private ForeachBatchQuery() {}

  public static StreamingQuery start(
      Dataset<Row> results,
      String name,
      OutputMode mode,
      String checkpoint,
      String trigger,
      VoidFunction2<Dataset<Row>, Long> sink)
      throws TimeoutException {
    return results
        .writeStream()
        .queryName(name)
        .outputMode(mode)
        .option("checkpointLocation", checkpoint)
        .trigger(Triggers.of(trigger))
        .foreachBatch(sink)
        .start();
  }
}

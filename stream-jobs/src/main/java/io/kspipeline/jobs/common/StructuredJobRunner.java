package io.kspipeline.jobs.common;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.structured.windows.WindowResults;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The wiring the Structured jobs share: the run of a command (a session for the job, its queries
 * until they stop or one fails) and, for the counting jobs (status-counts, top-urls, action-counts,
 * trending-hashtags), their one query per input — the pipeline's results, with late records and
 * dead letters counted for the metrics, into the job's sink each micro-batch, on its checkpoint and
 * trigger. A job brings its pipeline function and its sink.
 */
public final class StructuredJobRunner {
  /** Starts the query of one job on a session (spark). */
  @FunctionalInterface
  public interface Starter {
    List<StreamingQuery> start(SparkSession spark) throws Exception;
  }

  private StructuredJobRunner() {}

  /**
   * Starts a job's query.
   *
   * @param query the query's directory under the job's checkpoint (kept from earlier versions)
   * @param results the pipeline's output (WindowResult rows)
   */
  public static List<StreamingQuery> start(
      String job, StreamingOptions streaming, String query, Dataset<Row> results, ResultSink sink)
      throws Exception {
    String checkpoint = streaming.checkpointFor(job);
    StateLayout.check(checkpoint);
    if (streaming.freshCheckpoint()) {
      sink.startsAfresh();
    }
    return List.of(
        ForeachBatchQuery.start(
            WindowResults.counted(results),
            job,
            OutputMode.Update(),
            checkpoint + "/" + query,
            streaming.trigger(),
            sink));
  }

  /** A command's run: a session for the job, its queries until they stop; exit code 0. */
  public static int run(String job, StreamingOptions streaming, KafkaOptions kafka, Starter starter)
      throws Exception {
    SparkSession spark = SparkSessions.forJob(job, streaming);
    List<StreamingQuery> queries = starter.start(spark);
    try (StopSignals signals =
        StopSignals.install(job, () -> GracefulShutdown.stopBetweenBatches(queries))) {
      QueryRunner.awaitAll(spark, queries, kafka);
    }
    return 0;
  }
}

package io.kspipeline.cli;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Watches a live demo in place of its live view, at every refresh (about every second): how {@code
 * verify --soak} samples memory, state, batch times and lag while every job runs.
 */
interface DemoObserver {
  /**
   * @param queries the Structured jobs' queries, named after their jobs
   * @param stats every job's figures, its lag sampled just before
   */
  void refreshed(SparkSession spark, List<StreamingQuery> queries, DemoJobStats stats)
      throws Exception;
}

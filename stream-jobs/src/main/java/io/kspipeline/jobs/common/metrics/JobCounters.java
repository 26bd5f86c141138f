package io.kspipeline.jobs.common.metrics;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The counters a job reports about its own records (dead letters, late records), named so the
 * {@link BatchMetricsListener} finds them.
 *
 * <p>A job marks a dataset as counted with {@link #counted}: Spark's {@code Dataset.observe} counts
 * the rows that pass through it in each micro-batch and reports the count in the batch's progress
 * ({@code observedMetrics}), once per batch, replays included. The listener adds the counts up on
 * the driver. Observation is a micro-batch feature: a continuous query cannot carry it, so
 * continuous queries report no counters.
 */
public final class JobCounters {
  /** Input records written to a dead-letter topic. */
  public static final String DEAD_LETTERED = "dead_lettered";

  /** Input records behind the watermark that the job diverted (to {@code <input>-late}). */
  public static final String LATE = "late";

  /** The field of an observation that holds the count. */
  static final String FIELD = "records";

  private JobCounters() {}

  /** The rows of {@code rows}, counted per micro-batch under {@code counter}. */
  public static Dataset<Row> counted(Dataset<Row> rows, String counter) {
    return rows.observe(observationName(counter), count(lit(1)).as(FIELD));
  }

  /** The rows of {@code rows}, those meeting {@code condition} counted per micro-batch. */
  public static Dataset<Row> countedWhere(Dataset<Row> rows, Column condition, String counter) {
    return rows.observe(observationName(counter), count(when(condition, lit(1))).as(FIELD));
  }

  static String observationName(String counter) {
    return "pipeline_" + counter;
  }
}

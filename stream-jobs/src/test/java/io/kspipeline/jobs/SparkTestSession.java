package io.kspipeline.jobs;

import org.apache.spark.sql.SparkSession;

/** One small local SparkSession per test JVM: starting Spark costs seconds. */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("pipeline-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.streaming.minBatchesToRetain", "5")
              // DStream batches happen when a test advances this clock, never by waiting; the
              // Structured queries' triggers do not read it.
              .config("spark.streaming.clock", "org.apache.spark.util.ManualClock")
              .getOrCreate();
    }
    return spark;
  }
}

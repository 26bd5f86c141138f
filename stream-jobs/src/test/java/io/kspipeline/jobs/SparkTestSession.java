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
              .getOrCreate();
    }
    return spark;
  }
}

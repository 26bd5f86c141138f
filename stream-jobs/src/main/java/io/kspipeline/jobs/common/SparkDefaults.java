package io.kspipeline.jobs.common;

import org.apache.spark.SparkConf;

/** The Spark settings every job's driver starts with, unless the user set them. */
public final class SparkDefaults {
  /**
   * Generated classes Spark keeps compiled per JVM. Its default of 100 is too few for the demo's
   * eight jobs in one JVM: their stages' classes evicted one another, and Spark compiled about 240
   * classes a minute at the demo's default rates; with room for 1,000, about 15.
   */
  static final int CODEGEN_CACHE_ENTRIES = 1_000;

  private SparkDefaults() {}

  /** Call once the master is set: some settings are for a job in one JVM only. */
  public static void applyTo(SparkConf conf) {
    // Windows and result tables are UTC, whatever the machine's zone.
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.sql.codegen.cache.maxEntries", String.valueOf(CODEGEN_CACHE_ENTRIES));
    if (conf.get("spark.master", "").startsWith("local")) {
      // One executor, so no task can run closer to its data by waiting; and in local mode Spark
      // offers the executor's cores again only when a task ends, so a task that waited for its
      // data's host was never offered them again. A DStream job whose checkpoint is on HDFS hung
      // that way (verify, popular-hashtags): state files prefer their datanodes' hosts, which are
      // not the driver's, and the batch's other tasks had ended before the wait did.
      conf.setIfMissing("spark.locality.wait", "0s");
    }
  }
}

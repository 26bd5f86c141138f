package io.kspipeline.jobs.common;

import io.kspipeline.jobs.common.localfs.LocalCheckpoints;
import io.kspipeline.jobs.common.metrics.PipelineMetrics;
import io.kspipeline.jobs.common.metrics.PipelineMetricsPlugin;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the SparkSession of a job with settings that suit small streaming aggregations, and with
 * the batch metrics of its queries logged, published in Spark's metrics system ({@link
 * PipelineMetricsPlugin}) and, with --metrics-port, served on a page of their own.
 */
public final class SparkSessions {
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {}

  public static SparkSession forJob(String jobName, StreamingOptions options) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster(options.master() != null ? options.master() : "local[*]");
    }
    conf.setIfMissing("spark.app.name", "pipeline-" + jobName);
    SparkDefaults.applyTo(conf);
    options.sparkConf().forEach(conf::set);
    LocalCheckpoints.apply(conf, options.checkpointFor(jobName));
    PipelineMetricsPlugin.enable(conf);
    boolean partitionsChosen = conf.contains(SHUFFLE_PARTITIONS);
    long started = System.nanoTime();
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    LOG.info(
        "SparkSession for {} ready in {} ms (master {})",
        jobName,
        (System.nanoTime() - started) / 1_000_000,
        spark.sparkContext().master());
    if (!partitionsChosen) {
      // The default of 200 tasks per stage costs seconds per micro-batch on small inputs; one per
      // core is the right order. A checkpointed stateful query keeps the value of its first run.
      int cores = spark.sparkContext().defaultParallelism();
      spark.conf().set(SHUFFLE_PARTITIONS, Math.max(2, cores));
    }
    PipelineMetrics.install(spark, options.metricsPort());
    return spark;
  }
}

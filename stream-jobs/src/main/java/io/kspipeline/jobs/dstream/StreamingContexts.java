package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.JobCheckpoint;
import io.kspipeline.jobs.checkpoint.StartPosition;
import io.kspipeline.jobs.common.SparkDefaults;
import io.kspipeline.jobs.common.StopSignals;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.localfs.LocalCheckpoints;
import io.kspipeline.jobs.common.localfs.StateGuardedFileSystem;
import io.kspipeline.jobs.common.metrics.MetricsRegistry;
import io.kspipeline.jobs.common.metrics.PipelineMetricsPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a DStream job's streaming context from its checkpoint, or, when there is none, from the
 * factory that builds the whole graph — so a restarted driver resumes its windows, state and
 * offsets. A restored graph runs with the options of the run that wrote the checkpoint, so a start
 * with other options is refused first ({@link JobCheckpoint}); a checkpoint written by other code
 * cannot be loaded; both fail with the way out.
 */
public final class StreamingContexts {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingContexts.class);

  private StreamingContexts() {}

  /** The Spark settings of a DStream job. */
  public static SparkConf conf(String jobName, StreamingOptions streaming, DStreamOptions dstream) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster(streaming.master() != null ? streaming.master() : "local[*]");
    }
    conf.setIfMissing("spark.app.name", "pipeline-" + jobName);
    SparkDefaults.applyTo(conf);
    // SIGTERM lets the running batch finish before the context stops.
    conf.setIfMissing("spark.streaming.stopGracefullyOnShutdown", "true");
    conf.set("spark.streaming.backpressure.enabled", String.valueOf(dstream.backpressure()));
    if (dstream.maxRatePerPartition() != null) {
      conf.set(
          "spark.streaming.kafka.maxRatePerPartition",
          String.valueOf(dstream.maxRatePerPartition()));
    }
    streaming.sparkConf().forEach(conf::set);
    LocalCheckpoints.apply(conf, streaming.checkpointFor(jobName));
    PipelineMetricsPlugin.enable(conf);
    return conf;
  }

  /** Builds the graph of a new context (in the factory: a restored context brings its own). */
  public interface Graph {
    /**
     * @param start where the Kafka inputs start when the checkpoint was reset ({@code checkpoint
     *     reset}) and this is its first start; empty: the consumer group's committed offsets
     */
    void build(JavaStreamingContext ssc, Optional<StartPosition> start);
  }

  /**
   * The context restored from {@code checkpoint}, or a new one with the graph built and
   * checkpointing on.
   *
   * @param options what the graph captures, checked against the checkpoint's and recorded in it
   */
  public static JavaStreamingContext getOrCreate(
      String checkpoint,
      SparkConf conf,
      DStreamOptions dstream,
      CheckpointOptions options,
      Graph graph) {
    if (dstream.discardCheckpoint()) {
      discard(checkpoint);
    }
    // Before Spark's checkpoint writer and clean-up first ask for the checkpoint's file system.
    StateGuardedFileSystem.install(checkpoint, LocalCheckpoints.driverConfiguration());
    Optional<StartPosition> start = JobCheckpoint.open(checkpoint, options).start();
    Function0<JavaStreamingContext> factory =
        () -> {
          JavaStreamingContext ssc =
              new JavaStreamingContext(
                  JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf)),
                  Durations.milliseconds(dstream.batch().toMillis()));
          ssc.checkpoint(checkpoint);
          try {
            graph.build(ssc, start);
          } catch (RuntimeException e) {
            ssc.stop(false);
            throw new GraphNotBuilt(e);
          }
          return ssc;
        };
    try {
      return JavaStreamingContext.getOrCreate(
          checkpoint, factory, LocalCheckpoints.driverConfiguration(), false);
    } catch (GraphNotBuilt e) {
      // No checkpoint was involved: the job's own error (a bad option, a missing input) says it.
      throw e.getCause();
    } catch (Exception e) { // Scala code throws checked SparkExceptions undeclared
      throw new IllegalStateException(
          "cannot restore the DStream checkpoint at "
              + checkpoint
              + " ("
              + rootCause(e)
              + "). DStream checkpoints hold the job's serialized code, so one written by another"
              + " version of the job cannot be loaded. To start fresh from the offsets this job"
              + " committed to Kafka, run again with --discard-checkpoint (it moves the checkpoint"
              + " aside), or choose where to start with bin/pipeline checkpoint reset --job "
              + options.job()
              + " --checkpoint "
              + checkpoint
              + " --to checkpoint|earliest|latest|TIME|OFFSETS; windows and running state start"
              + " over from there.",
          e);
    }
  }

  /**
   * Starts the context and blocks until it stops or fails; Ctrl-C or SIGTERM stops it once the
   * batches it has generated are done ({@link StopSignals}).
   */
  public static void run(String job, JavaStreamingContext ssc) throws InterruptedException {
    ssc.ssc().addStreamingListener(new DStreamBatchListener(job, new MetricsRegistry()));
    ssc.start();
    try (StopSignals signals = StopSignals.install(job, () -> ssc.stop(true, true))) {
      ssc.awaitTermination();
    }
  }

  /** A failure of the graph's factory, told apart from a checkpoint that cannot be restored. */
  private static final class GraphNotBuilt extends RuntimeException {
    GraphNotBuilt(RuntimeException cause) {
      super(cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }

  private static void discard(String checkpoint) {
    try {
      Path path = new Path(checkpoint);
      FileSystem fs =
          FileSystem.get(URI.create(checkpoint), LocalCheckpoints.driverConfiguration());
      if (fs.exists(path)) {
        Path aside = new Path(checkpoint + ".discarded-" + Instant.now().toEpochMilli());
        if (!fs.rename(path, aside)) {
          throw new IOException("rename to " + aside + " failed");
        }
        LOG.warn("checkpoint {} moved aside to {}; starting from committed offsets", path, aside);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the checkpoint " + checkpoint + " aside", e);
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}

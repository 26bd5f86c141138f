package io.kspipeline.jobs.dstream;

import io.kspipeline.core.config.PipelineCommandLine;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a DStream job batches and paces its input (a picocli mixin beside StreamingOptions). */
public final class DStreamOptions {
  @Option(
      names = "--batch",
      defaultValue = "1s",
      description = "Batch interval (default: ${DEFAULT-VALUE}); windows and slides are multiples.")
  Duration batch;

  @Option(
      names = "--backpressure",
      description =
          "Adapt the rate read per batch to how fast batches complete"
              + " (spark.streaming.backpressure.enabled).")
  boolean backpressure;

  @Option(
      names = "--max-rate-per-partition",
      paramLabel = "RECORDS_PER_SECOND",
      description =
          "Upper bound of records read per second from each partition (default: no limit).")
  Long maxRatePerPartition;

  @Option(
      names = "--group-id",
      description =
          "Consumer group the processed offsets are committed to (default: pipeline-<job>).")
  String groupId;

  @Option(
      names = "--discard-checkpoint",
      description =
          "Move an existing checkpoint aside and start from the offsets committed to Kafka: the"
              + " way out when the checkpoint was written by other code.")
  boolean discardCheckpoint;

  public DStreamOptions() {}

  /** Options for a run driven by code (tests, demo). */
  public static DStreamOptions of(Duration batch) {
    DStreamOptions options = PipelineCommandLine.withDefaults(new DStreamOptions());
    options.batch = batch;
    return options;
  }

  public Duration batch() {
    return batch;
  }

  public boolean backpressure() {
    return backpressure;
  }

  public Long maxRatePerPartition() {
    return maxRatePerPartition;
  }

  public String groupIdFor(String jobName) {
    return groupId != null ? groupId : defaultGroupId(jobName);
  }

  /** The group a job commits to without --group-id: what the demo watches for its progress. */
  public static String defaultGroupId(String jobName) {
    return "pipeline-" + jobName;
  }

  public boolean discardCheckpoint() {
    return discardCheckpoint;
  }
}

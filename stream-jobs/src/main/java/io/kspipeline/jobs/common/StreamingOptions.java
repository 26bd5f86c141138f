package io.kspipeline.jobs.common;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.JobCheckpoint;
import io.kspipeline.jobs.checkpoint.StartPosition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a streaming job runs: checkpoint, trigger, offsets, Spark settings (a picocli mixin). */
public final class StreamingOptions {
  @Option(
      names = "--checkpoint",
      paramLabel = "DIR|URI",
      description =
          "Checkpoint location: a local path or a Hadoop URI (hdfs://, s3a://). Default:"
              + " checkpoints/<job> in the working directory.")
  String checkpoint;

  @Option(
      names = "--trigger",
      paramLabel = "INTERVAL|available-now",
      defaultValue = "10s",
      description =
          "Micro-batch interval such as 10s, or available-now: process what is in the topic, then"
              + " stop (default: ${DEFAULT-VALUE}).")
  String trigger;

  @Option(
      names = "--starting-offsets",
      defaultValue = "earliest",
      description =
          "Where a new query starts: earliest, latest or Spark's JSON offsets (default:"
              + " ${DEFAULT-VALUE}); a restarted query resumes from its checkpoint.")
  String startingOffsets;

  @Option(
      names = "--max-offsets-per-trigger",
      paramLabel = "N",
      description = "Upper bound of records read per micro-batch (default: no limit).")
  Long maxOffsetsPerTrigger;

  @Option(
      names = "--fail-on-data-loss",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      description =
          "Fail when offsets were deleted before they were read (default: ${DEFAULT-VALUE}).")
  boolean failOnDataLoss;

  @Option(names = "--console", description = "Also print each batch's result as a table.")
  boolean console;

  @Option(
      names = "--master",
      description =
          "Spark master when not launched by spark-submit (default: local[*]); ignored when"
              + " spark.master is already set.")
  String master;

  @Option(
      names = "--spark-conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Spark setting, repeatable, e.g. --spark-conf spark.sql.shuffle.partitions=8.")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve the queries' batch metrics for Prometheus on http://<driver>:PORT/metrics"
              + " (default: off; 0 picks a free port).")
  Integer metricsPort;

  /** The job's checkpoint as {@link #openCheckpoint} found it; null before. */
  private JobCheckpoint.Opened opened;

  public StreamingOptions() {}

  /** Options for a run driven by code (tests, demo). */
  public static StreamingOptions of(String checkpoint, String trigger) {
    StreamingOptions options = PipelineCommandLine.withDefaults(new StreamingOptions());
    options.checkpoint = checkpoint;
    options.trigger = trigger;
    return options;
  }

  public String checkpointFor(String jobName) {
    return checkpoint != null ? checkpoint : "checkpoints/" + jobName;
  }

  /**
   * Checks this run's options against those the job's checkpoint was started with ({@link
   * JobCheckpoint#open}); a checkpoint that {@code checkpoint reset} left makes the Kafka input
   * start where the reset said, instead of {@code --starting-offsets}.
   */
  public void openCheckpoint(CheckpointOptions options) {
    opened = JobCheckpoint.open(checkpointFor(options.job()), options);
  }

  /** Where the input starts when the checkpoint was reset and this is its first start. */
  public Optional<StartPosition> resetStart() {
    return opened == null ? Optional.empty() : opened.start();
  }

  /** Whether the job's checkpoint held no progress when it was opened: its queries start anew. */
  public boolean freshCheckpoint() {
    return opened != null && opened.fresh();
  }

  public String trigger() {
    return trigger;
  }

  public String startingOffsets() {
    return startingOffsets;
  }

  public Long maxOffsetsPerTrigger() {
    return maxOffsetsPerTrigger;
  }

  public boolean failOnDataLoss() {
    return failOnDataLoss;
  }

  public boolean console() {
    return console;
  }

  /** The scrape endpoint's port, or null for none. */
  public Integer metricsPort() {
    return metricsPort;
  }

  public String master() {
    return master;
  }

  public Map<String, String> sparkConf() {
    return sparkConf;
  }

  /** Parses --trigger; rejects anything else with the accepted forms. */
  public Triggers.Kind triggerKind() {
    return Triggers.kindOf(trigger);
  }

  public Duration triggerInterval() {
    return Triggers.intervalOf(trigger);
  }
}

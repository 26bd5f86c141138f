package io.kspipeline.jobs.checkpoint;

import io.kspipeline.core.failure.OneLineFailure;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions.Difference;
import io.kspipeline.jobs.checkpoint.CheckpointOptions.Recorded;
import io.kspipeline.jobs.common.localfs.LocalCheckpoints;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's checkpoint directory as a job starts on it: the options it was started with ({@value
 * #OPTIONS_FILE}, written at the first start) and, after {@code checkpoint reset}, where the next
 * start reads from ({@value #START_FILE}).
 *
 * <p>A start on a checkpoint that holds progress (Spark wrote a query's metadata, or a DStream
 * checkpoint file) with options other than those recorded is refused, naming each difference and
 * the reset command: a Structured query would otherwise mix state built under other windows (or
 * offsets of another input) into its results, and a restored DStream graph would silently run the
 * old options. A checkpoint without progress (a first start that failed early) takes the options of
 * the run that starts on it. A Structured checkpoint written before options were recorded is
 * accepted and gets the options of the run that starts on it (its query is rebuilt from them); a
 * DStream one is refused with the reset command, since its graph would run options nobody can tell.
 */
public final class JobCheckpoint {
  public static final String OPTIONS_FILE = "pipeline-options.json";
  public static final String START_FILE = "pipeline-start.json";

  private static final Logger LOG = LoggerFactory.getLogger(JobCheckpoint.class);
  private static final Pattern DSTREAM_CHECKPOINT_FILE = Pattern.compile("checkpoint-\\d+(\\.bk)?");

  /** How deep Structured query checkpoints sit under a job's (error-alerts: continuous/alerts). */
  private static final int QUERY_DEPTH = 3;

  private JobCheckpoint() {}

  /**
   * A checkpoint a job starts on.
   *
   * @param fresh whether it holds no progress: the job's queries start anew (their batch ids at 0)
   * @param start where a reset checkpoint's first start reads from
   */
  public record Opened(boolean fresh, Optional<StartPosition> start) {}

  /**
   * Checks this run's options against those the checkpoint recorded and records them when it holds
   * no progress yet; says whether it is fresh and where a reset checkpoint starts.
   *
   * @throws Mismatch when the checkpoint holds progress made with other options
   */
  public static Opened open(String checkpoint, CheckpointOptions options) {
    Path dir = new Path(checkpoint);
    try {
      FileSystem fs = dir.getFileSystem(LocalCheckpoints.driverConfiguration());
      Recorded recorded = readOptions(fs, dir).orElse(null);
      if (hasProgress(fs, dir, options.api())) {
        if (recorded == null && options.api() == Api.DSTREAM) {
          throw new OneLine(
              "checkpoint "
                  + checkpoint
                  + " predates recorded options, and a DStream job restored from it runs with the"
                  + " options of the run that wrote it, which this version cannot tell: start"
                  + " afresh with this run's options, "
                  + (JobCatalog.names().contains(options.job())
                      ? resetCommand(
                          options.job(),
                          checkpoint,
                          options.readsKafka() ? "checkpoint" : "earliest")
                      : "after moving " + checkpoint + " aside"));
        }
        if (recorded == null) {
          write(fs, new Path(dir, OPTIONS_FILE), options.toJson(Instant.now()));
          LOG.info(
              "checkpoint {} predates recorded options: accepted, and this run's options recorded"
                  + " in {}",
              checkpoint,
              OPTIONS_FILE);
          return new Opened(false, Optional.empty());
        }
        List<Difference> differences = options.differencesFrom(recorded.options());
        if (!differences.isEmpty()) {
          throw new Mismatch(checkpoint, options, differences);
        }
        return new Opened(false, Optional.empty());
      }
      write(fs, new Path(dir, OPTIONS_FILE), options.toJson(Instant.now()));
      Optional<ResetRecord> reset = readStart(fs, dir);
      if (reset.isEmpty()) {
        return new Opened(true, Optional.empty());
      }
      StartPosition start = reset.get().start();
      if (!options.readsKafka() && !(start instanceof StartPosition.Earliest)) {
        throw new OneLine(
            "checkpoint "
                + checkpoint
                + " was reset to start at "
                + start.text()
                + ", which only a Kafka input has; this run of "
                + options.job()
                + " reads files or a socket, from their start: "
                + resetCommand(options.job(), checkpoint, "earliest"));
      }
      if (start instanceof StartPosition.Offsets offsets
          && !offsets.topics().equals(java.util.Set.of(options.inputTopic()))) {
        throw new OneLine(
            "checkpoint "
                + checkpoint
                + " was reset to offsets of "
                + String.join(", ", offsets.topics())
                + ", but this run of "
                + options.job()
                + " reads "
                + options.inputTopic()
                + ": "
                + resetCommand(options.job(), checkpoint, options.inputTopic() + ":0=OFFSET,..."));
      }
      LOG.info(
          "checkpoint {} was reset at {}: the job starts at {}",
          checkpoint,
          reset.get().resetAt(),
          start.description());
      return new Opened(true, Optional.of(start));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
    }
  }

  /**
   * Whether a job's checkpoint holds anything Spark reads back at a restart: a Structured query's
   * metadata, offsets or source logs, or a DStream checkpoint file.
   */
  public static boolean hasProgress(FileSystem fs, Path dir, Api api) throws IOException {
    if (!fs.exists(dir)) {
      return false;
    }
    if (api == Api.DSTREAM) {
      for (FileStatus file : fs.listStatus(dir)) {
        if (file.isFile() && DSTREAM_CHECKPOINT_FILE.matcher(file.getPath().getName()).matches()) {
          return true;
        }
      }
      return false;
    }
    return !StructuredCheckpoint.queryDirs(fs, dir, QUERY_DEPTH).isEmpty();
  }

  /** The options file of a checkpoint, if it has one. */
  public static Optional<Recorded> readOptions(FileSystem fs, Path dir) throws IOException {
    return read(fs, new Path(dir, OPTIONS_FILE)).map(CheckpointOptions::fromJson);
  }

  /** The start a reset recorded, if any. */
  public static Optional<ResetRecord> readStart(FileSystem fs, Path dir) throws IOException {
    return read(fs, new Path(dir, START_FILE)).map(ResetRecord::fromJson);
  }

  static Optional<String> read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  static void write(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The command that moves a checkpoint aside and starts its job afresh, as a user types it. */
  static String resetCommand(String job, String checkpoint, String to) {
    return "bin/pipeline checkpoint reset --job "
        + job
        + " --checkpoint "
        + checkpoint
        + " --to "
        + to;
  }

  /** A failure whose message is the whole line to print. */
  static class OneLine extends IllegalStateException implements OneLineFailure {
    private static final long serialVersionUID = 1L;

    OneLine(String message) {
      super(message);
    }
  }

  /** A start refused: the checkpoint was started with other options. */
  public static final class Mismatch extends OneLine {
    private static final long serialVersionUID = 1L;

    private final transient List<Difference> differences;

    Mismatch(String checkpoint, CheckpointOptions options, List<Difference> differences) {
      super(message(checkpoint, options, differences));
      this.differences = List.copyOf(differences);
    }

    public List<Difference> differences() {
      return differences;
    }

    private static String message(
        String checkpoint, CheckpointOptions options, List<Difference> differences) {
      String listed =
          differences.stream().map(Difference::describe).collect(Collectors.joining("; "));
      String wayOut;
      if (!JobCatalog.names().contains(options.job())) {
        wayOut = "or move " + checkpoint + " aside to start afresh";
      } else if (options.readsKafka()) {
        wayOut =
            "or start afresh (state and windows start over) where it stopped: "
                + resetCommand(options.job(), checkpoint, "checkpoint")
                + " (or --to earliest, latest, an ISO time or topic:partition=offset,...)";
      } else {
        wayOut =
            "or start afresh (state and windows start over): "
                + resetCommand(options.job(), checkpoint, "earliest");
      }
      return "checkpoint "
          + checkpoint
          + " was started with other options than this run's, and "
          + options.job()
          + " would "
          + (options.api() == Api.DSTREAM
              ? "run with the checkpoint's (a DStream checkpoint holds its graph)"
              : "mix them into its state and offsets")
          + ": "
          + listed
          + ". Run with the checkpoint's options, "
          + wayOut;
    }
  }
}

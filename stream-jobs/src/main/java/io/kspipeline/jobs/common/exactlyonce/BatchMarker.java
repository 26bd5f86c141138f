package io.kspipeline.jobs.common.exactlyonce;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The record a writer commits in the same Kafka transaction as its share of a batch: which run of
 * which job it belongs to and the batch id. The last marker of a writer says up to which batch its
 * records are in the topic, so a batch replayed after a crash can be recognised.
 *
 * <p>A run is what batch ids count within: a Structured query's id (a query on a new checkpoint
 * numbers its batches from 0 again, and must not be taken for a replay), the job itself for DStream
 * jobs (their batch ids are batch times, which a new checkpoint never repeats).
 *
 * <p>Encoded as UTF-8 text {@code v1 <batchId> <job> <run>}: readable with any console consumer.
 */
public record BatchMarker(String job, String run, long batchId) {
  private static final String VERSION = "v1";

  public BatchMarker {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(run, "run");
    if (job.contains(" ") || run.contains(" ")) {
      throw new IllegalArgumentException("a marker's job and run have no spaces: " + job + run);
    }
  }

  /** Whether this marker's batch, committed before, includes the given batch of the run. */
  public boolean covers(String run, long batchId) {
    return this.run.equals(run) && this.batchId >= batchId;
  }

  public byte[] encode() {
    return String.join(" ", VERSION, Long.toString(batchId), job, run)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The marker a value holds.
   *
   * @throws IllegalArgumentException when the value is not a marker of this version
   */
  public static BatchMarker decode(byte[] value) {
    String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
    String[] parts = text.split(" ");
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      throw new IllegalArgumentException("not a batch marker: \"" + text + "\"");
    }
    try {
      return new BatchMarker(parts[2], parts[3], Long.parseLong(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a batch marker: \"" + text + "\"", e);
    }
  }
}

package io.kspipeline.jobs.common;

import io.kspipeline.jobs.common.localfs.LocalCheckpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;

/**
 * Refuses a checkpoint written by the layout before state shards: one query per input now reads
 * each record once and routes its dead letters, where that layout ran a second query (whose
 * checkpoint is {@code <checkpoint>/dead-letters}) and kept all windows in one state group, which
 * this version cannot read back correctly.
 */
public final class StateLayout {
  private StateLayout() {}

  public static void check(String checkpoint) {
    Path old = new Path(checkpoint, "dead-letters");
    try {
      if (old.getFileSystem(LocalCheckpoints.driverConfiguration()).exists(old)) {
        throw new IllegalStateException(
            "checkpoint "
                + checkpoint
                + " was written by an earlier version (two queries per job, all state in one"
                + " group) whose state this version cannot read: start with a new --checkpoint,"
                + " after deleting the job's rows from its table and from pipeline_batches (or"
                + " with a new database)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
    }
  }
}

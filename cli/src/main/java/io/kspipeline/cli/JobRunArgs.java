package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobSpec.Api;
import java.util.List;

/** A run's command line: the setup's options, the job's own, and the pacing its API takes. */
final class JobRunArgs {
  private JobRunArgs() {}

  static List<String> of(VerifiedJob job, VerifySetup setup, int backlog, boolean drain) {
    List<String> args = setup.jobArgs(job.spec());
    args.addAll(job.options());
    args.addAll(
        job.spec().api() == Api.STRUCTURED ? structured(backlog, drain) : dstream(setup, backlog));
    return args;
  }

  /** Paced runs that are killed, an available-now run that drains. */
  static List<String> structured(int backlog, boolean drain) {
    if (drain) {
      // Unpaced: what is left is processed in as few batches as possible, then the job ends.
      return List.of("--trigger", "available-now");
    }
    // Paced: the run's backlog lasts about six batches, so a kill lands mid-stream.
    return List.of(
        "--trigger", "1s", "--max-offsets-per-trigger", String.valueOf(Math.max(10, backlog / 6)));
  }

  /**
   * Two input partitions, 1 s batches: a run's backlog lasts about six batches, so a kill lands
   * mid-stream. The last run is paced the same: the rate is part of what a DStream checkpoint holds
   * (a restored job runs with its first run's), and a start with another is refused. The consumer
   * group is the run's, where the drain sees the committed offsets.
   */
  static List<String> dstream(VerifySetup setup, int backlog) {
    return List.of(
        "--batch",
        "1s",
        "--group-id",
        setup.groupId(),
        "--max-rate-per-partition",
        String.valueOf(Math.max(5, backlog / 12)));
  }
}

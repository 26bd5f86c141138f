package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobSpec.Api;
import java.util.ArrayList;
import java.util.List;

/** A run's command line: the setup's options, the job's own, and the pacing its API takes. */
final class JobRunArgs {
  private JobRunArgs() {}

  /** What a run is for, which decides how a Structured job is paced and whether it ends. */
  enum RunKind {
    /** Runs until it is stopped (killed), paced so that it lasts several batches. */
    STOPPED,
    /** Processes everything left in as few batches as possible, then ends. */
    DRAINED,
    /**
     * Processes everything left, then ends, paced like a stopped run: its writes go on for several
     * batches, so an outage that begins after its first write meets the later ones.
     */
    DRAINED_IN_STEPS
  }

  static List<String> of(VerifiedJob job, VerifySetup setup, int backlog, RunKind kind) {
    List<String> args = setup.jobArgs(job.spec());
    args.addAll(job.options());
    args.addAll(
        job.spec().api() == Api.STRUCTURED ? structured(backlog, kind) : dstream(setup, backlog));
    return args;
  }

  /** Paced runs that are killed, an available-now run that drains (paced or not). */
  static List<String> structured(int backlog, RunKind kind) {
    // Paced: the run's backlog lasts about six batches, so a kill (or an outage) lands mid-stream.
    List<String> paced =
        List.of("--max-offsets-per-trigger", String.valueOf(Math.max(10, backlog / 6)));
    return switch (kind) {
      case STOPPED -> concat(List.of("--trigger", "1s"), paced);
      case DRAINED -> List.of("--trigger", "available-now");
      case DRAINED_IN_STEPS -> concat(List.of("--trigger", "available-now"), paced);
    };
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
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

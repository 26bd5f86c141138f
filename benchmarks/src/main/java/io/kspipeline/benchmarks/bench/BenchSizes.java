package io.kspipeline.benchmarks.bench;

/**
 * How much each phase handles. Quick keeps the whole run under five minutes on two cores; full runs
 * long enough for the steady state to dominate.
 *
 * @param accessLogs the access-log backlog (P1, P2, P3)
 * @param tweets the tweet backlog (P6)
 * @param batches micro-batches the jobs split a backlog into (the first is warm-up)
 * @param latencySeconds how long P5 produces at half the max rate
 * @param alertsRate P7's input rate (records per second)
 * @param alertsSeconds how long P7 produces
 * @param warmupSeconds records appended in the first seconds of P5/P7 are not counted
 */
record BenchSizes(
    long accessLogs,
    long tweets,
    int batches,
    int latencySeconds,
    int alertsRate,
    int alertsSeconds,
    int warmupSeconds) {
  static final BenchSizes QUICK = new BenchSizes(200_000, 40_000, 4, 30, 1_000, 20, 10);
  static final BenchSizes FULL = new BenchSizes(1_000_000, 200_000, 8, 90, 2_000, 60, 15);
}

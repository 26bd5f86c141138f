package io.kspipeline.benchmarks.bench;

/**
 * How much each phase handles. Quick keeps the whole run under five minutes on two cores; full runs
 * long enough for the steady state to dominate.
 *
 * @param accessLogs the access-log backlog (P1, P2, P3, scaling, CPU per event) and the size of the
 *     web-action backlog
 * @param tweets the tweet backlog (P6), read in batches of top-urls' size: a micro-batch has a
 *     fixed cost (about a second here), so per-event costs only compare at equal batch sizes
 * @param batches micro-batches the jobs split a backlog into (the first is warm-up)
 * @param latencySeconds how long P5 produces at half the max rate
 * @param alertsRate P7's input rate (records per second)
 * @param alertsSeconds how long P7 produces
 * @param warmupSeconds P5 feeds the job this long before measuring; P7 skips this many seconds
 * @param everyJobCost whether status-counts, action-counts and error-alerts also run over a backlog
 *     for their CPU per event: each is a Spark JVM of its own, whose start-up and first batch alone
 *     would outgrow quick's time budget
 */
record BenchSizes(
    long accessLogs,
    long tweets,
    int batches,
    int latencySeconds,
    int alertsRate,
    int alertsSeconds,
    int warmupSeconds,
    boolean everyJobCost) {
  static final BenchSizes QUICK = new BenchSizes(100_000, 100_000, 4, 20, 1_000, 15, 5, false);
  static final BenchSizes FULL = new BenchSizes(1_000_000, 500_000, 8, 90, 2_000, 60, 15, true);
}

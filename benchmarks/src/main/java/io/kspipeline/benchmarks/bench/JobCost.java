package io.kspipeline.benchmarks.bench;

import java.util.Locale;

/** A Structured job's process CPU per event over a backlog, in its steady state. */
record JobCost(String job, SustainedRun run) {
  static final String LINE = "bench: cpu ";

  /**
   * {@code bench: cpu job=<name> events=<n> cpu_s_per_million=<x>}: events after the first batch.
   */
  String line() {
    return String.format(
        Locale.ROOT,
        "%sjob=%s events=%d cpu_s_per_million=%.1f",
        LINE,
        job,
        run.rows(),
        run.cpuPerMillion());
  }
}

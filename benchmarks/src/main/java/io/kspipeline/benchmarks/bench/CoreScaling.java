package io.kspipeline.benchmarks.bench;

import java.util.Locale;

/** The same job over the same backlog on one core and on two: how its rate scales with cores. */
record CoreScaling(SustainedRun local1, SustainedRun local2) {
  static final String LINE = "bench: scaling ";
  static final double GOAL = 1.7;

  double ratio() {
    return local2.rate() / local1.rate();
  }

  boolean met() {
    return ratio() >= GOAL;
  }

  /** {@code bench: scaling local1=<rec/s> local2=<rec/s> ratio=<r>}. */
  String line() {
    return String.format(
        Locale.ROOT,
        "%slocal1=%.0f local2=%.0f ratio=%.2f",
        LINE,
        local1.rate(),
        local2.rate(),
        ratio());
  }
}

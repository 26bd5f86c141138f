package io.kspipeline.benchmarks.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of latencies. */
record Percentiles(int count, long p50, long p95, long p99, long max) {
  static Percentiles of(long[] values) {
    if (values.length == 0) {
      return new Percentiles(0, -1, -1, -1, -1);
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        sorted.length,
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        sorted[sorted.length - 1]);
  }

  private static long rank(long[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }
}

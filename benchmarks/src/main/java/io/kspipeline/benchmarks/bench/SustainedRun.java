package io.kspipeline.benchmarks.bench;

import java.util.List;

/**
 * A job's steady state over a backlog: the micro-batches after the first one that read data (the
 * first pays for code generation, JIT and state-store setup), their rows, wall time and the process
 * CPU they used.
 */
record SustainedRun(long rows, long totalRows, double seconds, double cpuSeconds, int batches) {

  static SustainedRun of(List<BatchProgress> batches) {
    List<BatchProgress> withData = batches.stream().filter(b -> b.rows() > 0).toList();
    if (withData.isEmpty()) {
      throw new IllegalStateException("the job read no records");
    }
    long total = withData.stream().mapToLong(BatchProgress::rows).sum();
    BatchProgress first = withData.get(0);
    BatchProgress last = withData.get(withData.size() - 1);
    if (withData.size() == 1) {
      // One batch only: all of it, warm-up included.
      return new SustainedRun(
          total,
          total,
          (first.endMillis() - first.startMillis()) / 1000.0,
          first.cpuMillis() / 1000.0,
          1);
    }
    List<BatchProgress> steady = withData.subList(1, withData.size());
    long rows = steady.stream().mapToLong(BatchProgress::rows).sum();
    double seconds = (last.endMillis() - steady.get(0).startMillis()) / 1000.0;
    double cpu = (last.cpuMillis() - first.cpuMillis()) / 1000.0;
    return new SustainedRun(rows, total, seconds, cpu, steady.size());
  }

  double rate() {
    return rows / Math.max(seconds, 0.001);
  }

  /** CPU seconds per million events in the steady state. */
  double cpuPerMillion() {
    return cpuSeconds / Math.max(rows, 1) * 1e6;
  }
}

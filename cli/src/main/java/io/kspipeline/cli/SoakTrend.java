package io.kspipeline.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Whether a soak's figures kept rising once its windows had started closing: for each series, the
 * mean of the last third of the samples after the warm-up against the mean of the first third. A
 * series rises when the later mean exceeds the earlier by more than a quarter plus a slack for
 * noise (a garbage collection, a batch that met a slow disk). State and memory must plateau once
 * the watermarks evict closed windows; lag and batch times must not grow at a steady rate.
 */
final class SoakTrend {
  /** Rise allowed on top of the earlier mean, as a fraction of it. */
  static final double RELATIVE = 0.25;

  private SoakTrend() {}

  /** The series that rose, each as {@code name: first -> last}; empty when all held steady. */
  static List<String> rising(List<SoakSample> afterWarmUp) {
    List<String> rising = new ArrayList<>();
    int third = afterWarmUp.size() / 3;
    if (third == 0) {
      return rising;
    }
    Set<String> names = new LinkedHashSet<>();
    afterWarmUp.forEach(sample -> names.addAll(sample.series().keySet()));
    for (String name : names) {
      OptionalDouble first = mean(afterWarmUp.subList(0, third), name);
      OptionalDouble last =
          mean(afterWarmUp.subList(afterWarmUp.size() - third, afterWarmUp.size()), name);
      if (first.isEmpty() || last.isEmpty()) {
        continue; // not enough of it to compare (e.g. a job whose batches outlast the intervals)
      }
      if (last.getAsDouble() > first.getAsDouble() * (1 + RELATIVE) + slack(name)) {
        rising.add(
            String.format("%s: %.0f -> %.0f", name, first.getAsDouble(), last.getAsDouble()));
      }
    }
    return rising;
  }

  /** Absolute noise allowed per kind of series. */
  static double slack(String series) {
    if (series.startsWith("heap_after_gc_mb")) {
      return 64;
    }
    if (series.startsWith("rss_mb")) {
      return 128;
    }
    if (series.startsWith("state_kb")) {
      return 256;
    }
    if (series.startsWith("batch_p99_ms")) {
      return 2_000;
    }
    return 2_000; // lag, in records
  }

  /** The mean of the series over the samples that have it; empty when none has. */
  private static OptionalDouble mean(List<SoakSample> samples, String name) {
    return samples.stream()
        .map(SoakSample::series)
        .filter(series -> series.containsKey(name))
        .mapToLong(series -> series.get(name))
        .average();
  }
}

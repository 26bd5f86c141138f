package io.kspipeline.benchmarks.bench;

import java.util.List;
import java.util.Optional;

/** What a child JVM printed and what it cost. */
record ChildResult(
    String name, List<String> lines, double cpuSeconds, double peakRssMb, double wallSeconds) {

  /** The last stdout line that starts with the prefix. */
  Optional<String> lastLine(String prefix) {
    String found = null;
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        found = line;
      }
    }
    return Optional.ofNullable(found);
  }

  String requireLine(String prefix) {
    return lastLine(prefix)
        .orElseThrow(
            () -> new IllegalStateException(name + " printed no line starting with " + prefix));
  }
}

package io.kspipeline.jobs.structured.windows;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The counting state: for each open window (by start), the count of each key in it. */
public final class OpenWindows implements Serializable {
  private final TreeMap<Long, Map<String, Long>> windows = new TreeMap<>();

  long add(long windowStart, String key, long weight) {
    return windows.computeIfAbsent(windowStart, s -> new HashMap<>()).merge(key, weight, Long::sum);
  }

  long count(long windowStart, String key) {
    return windows.getOrDefault(windowStart, Map.of()).getOrDefault(key, 0L);
  }

  Map<String, Long> keysOf(long windowStart) {
    return windows.getOrDefault(windowStart, Map.of());
  }

  /** Forgets the windows that start before {@code start}. */
  void dropStartingBefore(long start) {
    windows.headMap(start).clear();
  }

  boolean isEmpty() {
    return windows.isEmpty();
  }
}

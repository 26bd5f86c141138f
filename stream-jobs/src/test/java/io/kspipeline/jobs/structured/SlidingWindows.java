package io.kspipeline.jobs.structured;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test expects of sliding-window counts, computed from its input: the windows (aligned to
 * the epoch, as Spark's are) that hold each event, and the counts per window and key.
 */
final class SlidingWindows {
  private final Duration length;
  private final Duration slide;

  SlidingWindows(Duration length, Duration slide) {
    this.length = length;
    this.slide = slide;
  }

  /** The starts of the windows that hold {@code time} (UTC), earliest first. */
  List<LocalDateTime> holding(LocalDateTime time) {
    long second = time.toEpochSecond(ZoneOffset.UTC);
    long latest = second - Math.floorMod(second, slide.toSeconds());
    List<LocalDateTime> starts = new ArrayList<>();
    for (long start = latest; start > second - length.toSeconds(); start -= slide.toSeconds()) {
      starts.add(0, LocalDateTime.ofEpochSecond(start, 0, ZoneOffset.UTC));
    }
    return starts;
  }

  /** Window start → key → count, of events given as (time, key). */
  Map<LocalDateTime, Map<String, Long>> counts(List<Map.Entry<LocalDateTime, String>> events) {
    Map<LocalDateTime, Map<String, Long>> counts = new TreeMap<>();
    for (Map.Entry<LocalDateTime, String> event : events) {
      for (LocalDateTime start : holding(event.getKey())) {
        counts.computeIfAbsent(start, s -> new TreeMap<>()).merge(event.getValue(), 1L, Long::sum);
      }
    }
    return counts;
  }
}

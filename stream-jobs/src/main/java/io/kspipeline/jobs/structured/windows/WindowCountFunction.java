package io.kspipeline.jobs.structured.windows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;

/**
 * Counts keys in sliding event-time windows and sees every record Spark hands it, late ones
 * included (no event-time timeout, so Spark does not filter them): a window whose end is at or
 * behind the watermark is closed and never changes again; a record whose windows have all closed is
 * emitted as {@code late} instead of vanishing. Each batch emits the updated counts of open windows
 * and, for every window the batch touched in any shard, the top N of this shard's keys: the
 * window's top N is among those candidates ({@link WindowResults#rankedAcrossShards} ranks them).
 *
 * <p>A group is a shard: the windows of the keys that hash to it. The ticks of {@link ShardRouting}
 * bring every shard into every batch with events, so each one also clears its closed windows: state
 * stays bounded without timeouts (whose no-data batches would keep a query from ever being idle,
 * and which would hide late records from the function).
 */
final class WindowCountFunction
    implements FlatMapGroupsWithStateFunction<Long, WindowedEvent, OpenWindows, WindowResult> {
  private static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_KEY =
      Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
          .reversed()
          .thenComparing(Map.Entry::getKey);

  private final WindowSpec windows;
  private final int topN;

  WindowCountFunction(WindowSpec windows, int topN) {
    this.windows = windows;
    this.topN = topN;
  }

  @Override
  public Iterator<WindowResult> call(
      Long group, Iterator<WindowedEvent> events, GroupState<OpenWindows> state) {
    long watermark = state.getCurrentWatermarkMs();
    long length = windows.lengthMillis();
    long slide = windows.slideMillis();
    long firstOpenStart = windows.firstOpenStart(watermark);
    OpenWindows open = state.exists() ? state.get() : new OpenWindows();
    open.dropStartingBefore(firstOpenStart);
    List<WindowResult> out = new ArrayList<>();
    Map<Long, Set<String>> touched = new TreeMap<>();
    TouchedBuckets touchedAnywhere = new TouchedBuckets(slide);
    while (events.hasNext()) {
      WindowedEvent e = events.next();
      if (e.isDead()) {
        out.add(WindowResult.dead(e));
        continue;
      }
      if (e.isTick()) {
        touchedAnywhere.addRuns(e.getTouched());
        continue;
      }
      long time = e.getEventTime().getTime();
      if (windows.allClosed(time, watermark)) {
        out.add(WindowResult.late(e));
        continue;
      }
      long last = windows.lastWindowStart(time);
      for (long start = Math.max(last - length + slide, firstOpenStart);
          start <= last;
          start += slide) {
        open.add(start, e.getCountKey(), e.getWeight());
        touched.computeIfAbsent(start, s -> new LinkedHashSet<>()).add(e.getCountKey());
      }
    }
    for (Map.Entry<Long, Set<String>> window : touched.entrySet()) {
      long start = window.getKey();
      for (String key : window.getValue()) {
        out.add(WindowResult.count(start, start + length, key, open.count(start, key)));
      }
    }
    for (long start : touchedWindows(touchedAnywhere, firstOpenStart)) {
      rank(start, open.keysOf(start), out);
    }
    if (open.isEmpty()) {
      state.remove();
    } else {
      state.update(open);
    }
    return out.iterator();
  }

  /** The open windows that hold a touched bucket: those a batch's events changed. */
  private Set<Long> touchedWindows(TouchedBuckets buckets, long firstOpenStart) {
    Set<Long> starts = new TreeSet<>();
    if (topN <= 0) {
      return starts;
    }
    long length = windows.lengthMillis();
    long slide = windows.slideMillis();
    buckets.forEach(
        last -> {
          for (long start = Math.max(last - length + slide, firstOpenStart);
              start <= last;
              start += slide) {
            starts.add(start);
          }
        });
    return starts;
  }

  private void rank(long start, Map<String, Long> counts, List<WindowResult> out) {
    if (topN <= 0) {
      return;
    }
    List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
    ranked.sort(BY_COUNT_THEN_KEY);
    for (int i = 0; i < Math.min(topN, ranked.size()); i++) {
      Map.Entry<String, Long> e = ranked.get(i);
      out.add(
          WindowResult.rank(
              start, start + windows.lengthMillis(), e.getKey(), e.getValue(), i + 1));
    }
  }
}

package io.kspipeline.jobs.structured.windows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;

/**
 * The top N keys of long windows with a short slide (300 s sliding 1 s) at the cost of one count
 * per event: events are counted once, in their slide-long bucket, and each window's counts are the
 * sum of its buckets, slid from one window to the next by adding the bucket that enters and
 * subtracting the one that leaves (the inverse reduce of DStream's {@code reduceByKeyAndWindow}).
 *
 * <p>A window is emitted once the newest event reaches its last bucket — so the window of "the last
 * 300 s" is reported every slide while it fills — and again whenever a later record lands in it
 * before the watermark closes it. Its count rows are the keys the batch changed in it, and its rank
 * rows say whether the batch changed their key, so that the table also gets the count of a key that
 * enters the top N unchanged; each row written holds the key's exact count. Records whose windows
 * have all closed are emitted as {@code late}, once per input record.
 *
 * <p>A group is a shard: the buckets of the keys that hash to it. The ticks of {@link ShardRouting}
 * bring every shard into every batch with events and tell each which buckets the batch touched
 * anywhere, so all shards emit the same windows, each with its own top N, whose union holds the
 * window's top N ({@link WindowResults#rankedAcrossShards} ranks it); each shard trims what the
 * watermark closed. A shard's state is at most window / slide buckets (plus the watermark delay) of
 * its keys.
 */
final class SlidingTopNFunction
    implements FlatMapGroupsWithStateFunction<Long, WindowedEvent, SlideBuckets, WindowResult> {
  private static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_KEY =
      Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
          .reversed()
          .thenComparing(Map.Entry::getKey);

  private final WindowSpec windows;
  private final int topN;

  SlidingTopNFunction(WindowSpec windows, int topN) {
    if (topN <= 0) {
      throw new IllegalArgumentException("top N must be positive, was " + topN);
    }
    this.windows = windows;
    this.topN = topN;
  }

  @Override
  public Iterator<WindowResult> call(
      Long shard, Iterator<WindowedEvent> events, GroupState<SlideBuckets> state) {
    long length = windows.lengthMillis();
    long slide = windows.slideMillis();
    long watermark = state.getCurrentWatermarkMs();
    long firstOpenBucket = windows.firstOpenStart(watermark);
    long firstOpenEnd = firstOpenBucket + length;
    SlideBuckets buckets = state.exists() ? state.get() : new SlideBuckets();
    buckets.dropBefore(firstOpenBucket);

    List<WindowResult> out = new ArrayList<>();
    TreeMap<Long, Set<String>> touched = new TreeMap<>();
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
        // An input record with several keys arrives as several events, in as many shards.
        if (e.isFirstOfRecord()) {
          out.add(WindowResult.late(e));
        }
        continue;
      }
      long bucket = windows.lastWindowStart(time);
      buckets.add(bucket, e.getCountKey(), e.getWeight());
      touched.computeIfAbsent(bucket, b -> new HashSet<>()).add(e.getCountKey());
    }

    // What every shard knows alike: the open buckets the batch touched anywhere.
    TreeSet<Long> changed = touchedAnywhere.from(firstOpenBucket);
    if (!changed.isEmpty()) {
      long emitted = buckets.emittedThrough();
      long newest = Math.max(buckets.newestBucket(), changed.last());
      long frontier = Math.max(emitted, newest + slide);
      if (emitted != Long.MIN_VALUE) {
        // Windows emitted before that hold a bucket this batch changed.
        long from = Math.max(firstOpenEnd, changed.first() + slide);
        long to = Math.min(emitted, changed.last() + length);
        emit(buckets, from, to, touched, out);
      }
      long firstNew = emitted == Long.MIN_VALUE ? changed.first() + slide : emitted + slide;
      emit(buckets, Math.max(firstOpenEnd, firstNew), frontier, null, out);
      buckets.emittedThrough(frontier);
      buckets.newestBucket(newest);
    }
    if (buckets.newestBucket() < firstOpenBucket) {
      // Every shard's buckets are closed: all forget, and the next data starts afresh.
      state.remove();
    } else {
      state.update(buckets);
    }
    return out.iterator();
  }

  /**
   * Emits the non-empty windows ending from {@code from} to {@code to}, sliding one sum along them
   * and jumping over stretches without data.
   */
  private void emit(
      SlideBuckets buckets,
      long from,
      long to,
      TreeMap<Long, Set<String>> touched,
      List<WindowResult> out) {
    long length = windows.lengthMillis();
    long slide = windows.slideMillis();
    long end = from;
    Map<String, Long> sum = buckets.sum(end - length, end - slide);
    while (end <= to) {
      if (sum.isEmpty()) {
        // Every bucket of this window is empty: the next window with data ends after the next
        // bucket, and holds that bucket alone.
        Long next = buckets.bucketAtOrAfter(end);
        if (next == null || next + slide > to) {
          return;
        }
        end = next + slide;
        sum = buckets.sum(next, next);
      }
      emitWindow(end - length, end, sum, touched, out);
      buckets.addInto(sum, end);
      buckets.subtractFrom(sum, end - length);
      end += slide;
    }
  }

  private void emitWindow(
      long start,
      long end,
      Map<String, Long> counts,
      TreeMap<Long, Set<String>> touched,
      List<WindowResult> out) {
    List<Map.Entry<String, Long>> top = top(counts);
    Set<String> changed = new LinkedHashSet<>();
    if (touched != null) {
      for (Set<String> keys : touched.subMap(start, true, end - 1, true).values()) {
        changed.addAll(keys);
      }
    }
    for (int i = 0; i < top.size(); i++) {
      Map.Entry<String, Long> e = top.get(i);
      out.add(
          WindowResult.rank(
              start, end, e.getKey(), e.getValue(), i + 1, changed.contains(e.getKey())));
    }
    for (String key : changed) {
      out.add(WindowResult.count(start, end, key, counts.get(key)));
    }
  }

  /** The N largest counts, largest first, ties by key. */
  private List<Map.Entry<String, Long>> top(Map<String, Long> counts) {
    PriorityQueue<Map.Entry<String, Long>> smallestFirst =
        new PriorityQueue<>(topN + 1, BY_COUNT_THEN_KEY.reversed());
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      smallestFirst.add(Map.entry(e.getKey(), e.getValue()));
      if (smallestFirst.size() > topN) {
        smallestFirst.poll();
      }
    }
    List<Map.Entry<String, Long>> top = new ArrayList<>(smallestFirst);
    top.sort(BY_COUNT_THEN_KEY);
    return top;
  }
}

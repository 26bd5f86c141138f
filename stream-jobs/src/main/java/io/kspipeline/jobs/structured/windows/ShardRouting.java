package io.kspipeline.jobs.structured.windows;

import io.kspipeline.jobs.common.BatchWatermark;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.spark.api.java.function.MapPartitionsFunction;

/**
 * The step before the shuffle into state shards, run in each input partition: gives every record
 * its shard (events by key, so a key's state lives in one shard; dead letters in shards of their
 * own that hold no state), and at the end of the partition sends one tick to every shard with the
 * buckets the partition's events touched. Ticks make every shard run in every batch that has
 * events, so each shard trims what the watermark closed and emits its part of every window the
 * batch changed — that is what lets a ranking across shards be exact.
 *
 * <p>Only records that may be late cross the shuffle with their bytes: with the batch's watermark
 * ({@link BatchWatermark}), an event with an open window keeps its count key and time and drops the
 * record's key and value, which only a late record's diversion needs; without it every event keeps
 * them. Counts without windows (running totals) are summed here per key first, so only one row per
 * key and partition crosses the shuffle.
 */
final class ShardRouting implements MapPartitionsFunction<WindowedEvent, WindowedEvent> {
  private final int shards;
  private final WindowSpec windows;
  private final long slide;
  private final boolean ticks;
  private final boolean combine;

  /**
   * @param windows the counter's windows; null for counts without windows
   * @param ticks whether shards need ticks (they do to rank across shards or emit every key)
   * @param combine whether to sum events per key here (only where no event can be late)
   */
  ShardRouting(int shards, WindowSpec windows, boolean ticks, boolean combine) {
    this.shards = shards;
    this.windows = windows;
    this.slide = windows == null ? 0 : windows.slideMillis();
    this.ticks = ticks;
    this.combine = combine;
  }

  /** The shard of a key: String.hashCode is specified, so every JVM and restart agrees. */
  static long shardOf(String countKey, int shards) {
    return Math.floorMod(countKey.hashCode(), shards);
  }

  /** Dead letters spread over negative shards, which never hold counting state. */
  static long deadShardOf(WindowedEvent e, int shards) {
    String provenance = e.getTopic() + "/" + e.getPartition() + "/" + e.getOffset();
    return -1L - Math.floorMod(provenance.hashCode(), shards);
  }

  @Override
  public Iterator<WindowedEvent> call(Iterator<WindowedEvent> input) {
    return route(input, BatchWatermark.inTask());
  }

  /** Routes a partition's records, knowing the batch's watermark or not. */
  Iterator<WindowedEvent> route(Iterator<WindowedEvent> input, OptionalLong watermark) {
    return new Routed(input, watermark);
  }

  private final class Routed implements Iterator<WindowedEvent> {
    private final Iterator<WindowedEvent> input;
    private final OptionalLong watermark;
    private final TouchedBuckets touched = new TouchedBuckets(Math.max(slide, 1));
    private final Map<String, WindowedEvent> sums = new HashMap<>();
    private final Deque<WindowedEvent> tail = new ArrayDeque<>();
    private boolean sawEvent;
    private WindowedEvent previous;
    private boolean inputDone;
    private WindowedEvent next;

    Routed(Iterator<WindowedEvent> input, OptionalLong watermark) {
      this.input = input;
      this.watermark = watermark;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (!inputDone && input.hasNext()) {
          next = route(input.next());
        } else {
          if (!inputDone) {
            inputDone = true;
            finish();
          }
          if (tail.isEmpty()) {
            return false;
          }
          next = tail.poll();
        }
      }
      return true;
    }

    @Override
    public WindowedEvent next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      WindowedEvent e = next;
      next = null;
      return e;
    }

    /** The record to pass on now, or null when it is held back (summed) until the end. */
    private WindowedEvent route(WindowedEvent e) {
      if (e.isDead()) {
        e.setShard(deadShardOf(e, shards));
        return e;
      }
      sawEvent = true;
      e.setShard(shardOf(e.getCountKey(), shards));
      // The events of one record (a row each, from one explode) arrive one after the other.
      e.setFirstOfRecord(!sameRecordAsPrevious(e));
      if (windows != null) {
        long time = e.getEventTime().getTime();
        touched.add(windows.lastWindowStart(time));
        if (watermark.isPresent() && !windows.allClosed(time, watermark.getAsLong())) {
          // The state function sees the same watermark: this event counts, it is not diverted.
          e.setKey(null);
          e.setValue(null);
        }
      }
      if (!combine) {
        return e;
      }
      // A sum stands for many records: it keeps none's bytes.
      e.setKey(null);
      e.setValue(null);
      WindowedEvent sum = sums.putIfAbsent(e.getCountKey(), e);
      if (sum != null) {
        sum.setWeight(sum.getWeight() + e.getWeight());
      }
      return null;
    }

    private boolean sameRecordAsPrevious(WindowedEvent e) {
      // A negative offset: no provenance known, each event its own record.
      boolean same =
          previous != null
              && e.getOffset() >= 0
              && previous.getOffset() == e.getOffset()
              && previous.getPartition() == e.getPartition()
              && Objects.equals(previous.getTopic(), e.getTopic());
      previous = e;
      return same;
    }

    private void finish() {
      tail.addAll(sums.values());
      if (!ticks || !sawEvent) {
        return;
      }
      long[] runs = touched.runs();
      for (int shard = 0; shard < shards; shard++) {
        WindowedEvent tick = new WindowedEvent();
        tick.setKind(WindowedEvent.TICK);
        tick.setShard(shard);
        tick.setTouched(runs);
        tail.add(tick);
      }
    }
  }
}

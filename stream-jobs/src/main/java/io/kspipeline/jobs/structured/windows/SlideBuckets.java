package io.kspipeline.jobs.structured.windows;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of {@link SlidingTopNFunction}: key counts per slide-long bucket (the pre-aggregate
 * that replaces Spark's copy of every event into each of its windows) of one shard's keys, and how
 * far windows have been emitted — the same in every shard.
 */
public final class SlideBuckets implements Serializable {
  private final TreeMap<Long, HashMap<String, Long>> buckets = new TreeMap<>();
  private long emittedThrough = Long.MIN_VALUE;
  private long newestBucket = Long.MIN_VALUE;

  void add(long bucket, String key, long weight) {
    buckets.computeIfAbsent(bucket, b -> new HashMap<>()).merge(key, weight, Long::sum);
  }

  /**
   * The newest bucket any shard holds (every shard learns it from the ticks); {@link
   * Long#MIN_VALUE} when none.
   */
  long newestBucket() {
    return newestBucket;
  }

  void newestBucket(long bucket) {
    newestBucket = bucket;
  }

  /** Forgets the buckets that start before {@code start}. */
  void dropBefore(long start) {
    buckets.headMap(start).clear();
  }

  boolean isEmpty() {
    return buckets.isEmpty();
  }

  /** The first bucket at or after {@code time}, or null. */
  Long bucketAtOrAfter(long time) {
    return buckets.ceilingKey(time);
  }

  /** End of the latest window emitted so far; {@link Long#MIN_VALUE} before the first. */
  long emittedThrough() {
    return emittedThrough;
  }

  void emittedThrough(long end) {
    emittedThrough = end;
  }

  /** The counts of the buckets from {@code first} to {@code last}, both included, summed. */
  Map<String, Long> sum(long first, long last) {
    Map<String, Long> sum = new HashMap<>();
    for (Map<String, Long> bucket : buckets.subMap(first, true, last, true).values()) {
      bucket.forEach((key, count) -> sum.merge(key, count, Long::sum));
    }
    return sum;
  }

  void addInto(Map<String, Long> sum, long bucket) {
    buckets.getOrDefault(bucket, new HashMap<>()).forEach((k, c) -> sum.merge(k, c, Long::sum));
  }

  /** Subtracts a bucket from a sum; keys that reach zero leave it (the inverse reduce). */
  void subtractFrom(Map<String, Long> sum, long bucket) {
    buckets
        .getOrDefault(bucket, new HashMap<>())
        .forEach(
            (k, c) ->
                sum.compute(k, (key, total) -> total == null || total == c ? null : total - c));
  }
}

package io.kspipeline.jobs.structured.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * The slide buckets (starts of the last window of an event time) that a batch's events touched, as
 * sorted runs of consecutive buckets: events mostly arrive in time order, so a batch of any size
 * usually touches one run, and a tick stays a few longs long.
 */
final class TouchedBuckets {
  private final long slide;
  private final TreeSet<Long> buckets = new TreeSet<>();

  TouchedBuckets(long slide) {
    this.slide = slide;
  }

  void add(long bucket) {
    buckets.add(bucket);
  }

  /** Adds every bucket of runs {@code [from, to, ...]}, as a tick carries them. */
  void addRuns(long[] runs) {
    if (runs == null) {
      return;
    }
    for (int i = 0; i + 1 < runs.length; i += 2) {
      for (long b = runs[i]; b <= runs[i + 1]; b += slide) {
        buckets.add(b);
      }
    }
  }

  boolean isEmpty() {
    return buckets.isEmpty();
  }

  /** The touched buckets at or after {@code from}, in order. */
  TreeSet<Long> from(long from) {
    return new TreeSet<>(buckets.tailSet(from, true));
  }

  void forEach(LongConsumer bucket) {
    buckets.forEach(bucket::accept);
  }

  /** The buckets as runs {@code [from, to, from, to, ...]}. */
  long[] runs() {
    List<Long> runs = new ArrayList<>();
    Long start = null;
    long previous = 0;
    for (long b : buckets) {
      if (start == null) {
        start = b;
      } else if (b != previous + slide) {
        runs.add(start);
        runs.add(previous);
        start = b;
      }
      previous = b;
    }
    if (start != null) {
      runs.add(start);
      runs.add(previous);
    }
    long[] out = new long[runs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = runs.get(i);
    }
    return out;
  }
}

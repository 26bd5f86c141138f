package io.kspipeline.cli;

import io.kspipeline.cli.LiveSnapshot.JobFlow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few minutes of each job's throughput and lag, one sample per refresh: a snapshot holds
 * only the latest values, the web page charts how they got there.
 */
final class FlowHistory {
  /** One job's samples, oldest first. */
  record Series(String job, List<Sample> samples) {}

  /**
   * @param t when, in epoch milliseconds: a number keeps the JSON small, the page gets up to 300
   *     samples per job every second
   * @param lag -1 when unknown, as in {@link JobFlow}
   */
  record Sample(long t, double recordsPerSecond, long lag) {}

  private final Clock clock;
  private final long spanMillis;
  private final Map<String, Deque<Sample>> byJob = new LinkedHashMap<>();

  /** Keeps samples no older than {@code span} by the clock. */
  FlowHistory(Clock clock, Duration span) {
    this.clock = clock;
    this.spanMillis = span.toMillis();
  }

  synchronized void record(List<JobFlow> flows) {
    long now = clock.millis();
    for (JobFlow f : flows) {
      byJob
          .computeIfAbsent(f.job(), job -> new ArrayDeque<>())
          .addLast(new Sample(now, f.processedPerSecond(), f.lag()));
    }
    evict(now);
  }

  /** Every job's retained samples, jobs in the order they were first seen. */
  synchronized List<Series> series() {
    evict(clock.millis());
    List<Series> series = new ArrayList<>();
    byJob.forEach((job, samples) -> series.add(new Series(job, List.copyOf(samples))));
    return series;
  }

  private void evict(long now) {
    long oldest = now - spanMillis;
    for (Iterator<Deque<Sample>> jobs = byJob.values().iterator(); jobs.hasNext(); ) {
      Deque<Sample> samples = jobs.next();
      while (!samples.isEmpty() && samples.peekFirst().t() < oldest) {
        samples.removeFirst();
      }
      if (samples.isEmpty()) {
        jobs.remove(); // a job no longer reported: no empty chart for it
      }
    }
  }
}

package io.kspipeline.jobs.common.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per query, on the driver: the figures of its last batch and totals since the driver started.
 * Written by the listener thread, read by the scrape endpoint.
 */
public final class MetricsRegistry {
  /** A query's last batch and its running totals. */
  public record QueryMetrics(
      BatchFigures lastBatch,
      long batches,
      long inputRows,
      long lateRows,
      long deadLetteredRows,
      long lostOffsets) {
    QueryMetrics plus(BatchFigures batch) {
      return new QueryMetrics(
          batch,
          batches + 1,
          inputRows + batch.inputRows(),
          lateRows + batch.lateRows(),
          deadLetteredRows + batch.deadLetteredRows(),
          lostOffsets + batch.lostOffsets());
    }
  }

  private final Map<String, QueryMetrics> byQuery = new ConcurrentHashMap<>();

  public void record(BatchFigures batch) {
    boolean firstBatchOfQuery = !byQuery.containsKey(batch.query());
    byQuery.merge(
        batch.query(),
        new QueryMetrics(
            batch,
            1,
            batch.inputRows(),
            batch.lateRows(),
            batch.deadLetteredRows(),
            batch.lostOffsets()),
        (previous, first) -> previous.plus(batch));
    if (firstBatchOfQuery) {
      PipelineMetricsPlugin.publish(batch.query(), byQuery);
    }
  }

  /** Every query's metrics, sorted by query name. */
  public Map<String, QueryMetrics> snapshot() {
    return new TreeMap<>(byQuery);
  }
}

package io.kspipeline.jobs.common.metrics;

import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per micro-batch per query and keeps the figures in a {@link MetricsRegistry} for
 * scraping. Spark calls it on its listener thread, after each batch, for every query of the
 * session.
 */
public final class BatchMetricsListener extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger(BatchMetricsListener.class);

  private final MetricsRegistry registry;

  public BatchMetricsListener(MetricsRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    BatchFigures figures;
    try {
      figures = BatchFigures.fromProgressJson(event.progress().json());
    } catch (RuntimeException e) {
      // Metrics must never take a query down; a report we cannot read is only logged.
      LOG.warn("cannot read progress of query {}: {}", event.progress().name(), e.toString());
      return;
    }
    registry.record(figures);
    LOG.info(figures.logLine());
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}
}

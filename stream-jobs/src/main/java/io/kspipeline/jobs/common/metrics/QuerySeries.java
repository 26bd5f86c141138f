package io.kspipeline.jobs.common.metrics;

import io.kspipeline.jobs.common.metrics.MetricsRegistry.QueryMetrics;
import java.util.List;
import java.util.function.Function;

/**
 * The series a job reports per query, declared once: the scrape page ({@link PrometheusText}) and
 * Spark's metrics system ({@link PipelineMetricsPlugin}) publish the same names and values.
 *
 * @param name the Prometheus name, {@code pipeline_} first
 * @param type {@code gauge} or {@code counter}
 * @param value the figure of a query, null when the query has none (no watermark, no Kafka source)
 */
public record QuerySeries(
    String name, String type, String help, Function<QueryMetrics, Number> value) {
  static final String PREFIX = "pipeline_";

  public static final List<QuerySeries> ALL =
      List.of(
          gauge(
              "pipeline_batch_id",
              "Id of the query's last micro-batch.",
              m -> m.lastBatch().batchId()),
          gauge(
              "pipeline_batch_input_rows",
              "Rows read by the last micro-batch.",
              m -> m.lastBatch().inputRows()),
          gauge(
              "pipeline_input_rows_per_second",
              "Rate at which rows arrived for the last micro-batch.",
              m -> m.lastBatch().inputRowsPerSecond()),
          gauge(
              "pipeline_processed_rows_per_second",
              "Rate at which the last micro-batch processed its rows.",
              m -> m.lastBatch().processedRowsPerSecond()),
          gauge(
              "pipeline_batch_duration_ms",
              "Duration of the last micro-batch in milliseconds.",
              m -> m.lastBatch().batchDurationMs()),
          gauge(
              "pipeline_state_rows",
              "Rows held in the state of all stateful operators after the last micro-batch.",
              m -> m.lastBatch().stateRows()),
          gauge(
              "pipeline_watermark_timestamp_ms",
              "Event-time watermark after the last micro-batch, milliseconds since the epoch.",
              m ->
                  m.lastBatch().watermark() == null
                      ? null
                      : m.lastBatch().watermark().toEpochMilli()),
          gauge(
              "pipeline_consumer_lag_records",
              "Latest broker offsets minus the offsets processed, over all Kafka partitions read.",
              m -> m.lastBatch().consumerLag()),
          counter("pipeline_batches_total", "Micro-batches completed.", QueryMetrics::batches),
          counter("pipeline_input_rows_total", "Rows read by the query.", QueryMetrics::inputRows),
          counter(
              "pipeline_late_rows_total",
              "Rows behind the watermark, dropped by Spark or diverted by the job.",
              QueryMetrics::lateRows),
          counter(
              "pipeline_dead_lettered_rows_total",
              "Input records written to a dead-letter topic.",
              QueryMetrics::deadLetteredRows),
          counter(
              "pipeline_data_loss_records_total",
              "Kafka offsets skipped because their records left Kafka before they were read"
                  + " (retention), with failOnDataLoss=false.",
              QueryMetrics::lostOffsets));

  /** The name without the {@code pipeline_} prefix, as registered in Spark's metrics system. */
  public String shortName() {
    return name.substring(PREFIX.length());
  }

  private static QuerySeries gauge(String name, String help, Function<QueryMetrics, Number> value) {
    return new QuerySeries(name, "gauge", help, value);
  }

  private static QuerySeries counter(
      String name, String help, Function<QueryMetrics, Number> value) {
    return new QuerySeries(name, "counter", help, value);
  }
}

package io.kspipeline.jobs.common.metrics;

import io.kspipeline.jobs.common.metrics.MetricsRegistry.QueryMetrics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry in Prometheus' text exposition format (version 0.0.4): per metric a {@code # HELP}
 * and a {@code # TYPE} line, then one sample per query labelled {@code query="<name>"}. Figures a
 * query does not have (no watermark, no Kafka source) are left out rather than reported as 0.
 */
public final class PrometheusText {
  /** The Content-Type of the page. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private record Metric(
      String name, String type, String help, Function<QueryMetrics, Number> value) {}

  private static final List<Metric> METRICS =
      List.of(
          gauge("pipeline_batch_id", "Id of the query's last micro-batch.", m -> last(m).batchId()),
          gauge(
              "pipeline_batch_input_rows",
              "Rows read by the last micro-batch.",
              m -> last(m).inputRows()),
          gauge(
              "pipeline_input_rows_per_second",
              "Rate at which rows arrived for the last micro-batch.",
              m -> last(m).inputRowsPerSecond()),
          gauge(
              "pipeline_processed_rows_per_second",
              "Rate at which the last micro-batch processed its rows.",
              m -> last(m).processedRowsPerSecond()),
          gauge(
              "pipeline_batch_duration_ms",
              "Duration of the last micro-batch in milliseconds.",
              m -> last(m).batchDurationMs()),
          gauge(
              "pipeline_state_rows",
              "Rows held in the state of all stateful operators after the last micro-batch.",
              m -> last(m).stateRows()),
          gauge(
              "pipeline_watermark_timestamp_ms",
              "Event-time watermark after the last micro-batch, milliseconds since the epoch.",
              m -> last(m).watermark() == null ? null : last(m).watermark().toEpochMilli()),
          gauge(
              "pipeline_consumer_lag_records",
              "Latest broker offsets minus the offsets processed, over all Kafka partitions read.",
              m -> last(m).consumerLag()),
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

  private PrometheusText() {}

  public static String render(Map<String, QueryMetrics> byQuery) {
    StringBuilder page = new StringBuilder();
    for (Metric metric : METRICS) {
      page.append("# HELP ").append(metric.name()).append(' ').append(metric.help()).append('\n');
      page.append("# TYPE ").append(metric.name()).append(' ').append(metric.type()).append('\n');
      for (Map.Entry<String, QueryMetrics> query : byQuery.entrySet()) {
        Number value = metric.value().apply(query.getValue());
        if (value != null) {
          page.append(metric.name())
              .append("{query=\"")
              .append(escapeLabel(query.getKey()))
              .append("\"} ")
              .append(format(value))
              .append('\n');
        }
      }
    }
    return page.toString();
  }

  /** Label values escape backslash, double quote and line feed. */
  static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(Number value) {
    if (value instanceof Double || value instanceof Float) {
      double d = value.doubleValue();
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "+Inf" : "-Inf";
      }
      return Double.toString(d);
    }
    return Long.toString(value.longValue());
  }

  private static BatchFigures last(QueryMetrics metrics) {
    return metrics.lastBatch();
  }

  private static Metric gauge(String name, String help, Function<QueryMetrics, Number> value) {
    return new Metric(name, "gauge", help, value);
  }

  private static Metric counter(String name, String help, Function<QueryMetrics, Number> value) {
    return new Metric(name, "counter", help, value);
  }
}

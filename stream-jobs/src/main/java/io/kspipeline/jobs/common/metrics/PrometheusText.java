package io.kspipeline.jobs.common.metrics;

import io.kspipeline.jobs.common.metrics.MetricsRegistry.QueryMetrics;
import java.util.Map;

/**
 * The registry in Prometheus' text exposition format (version 0.0.4): per metric a {@code # HELP}
 * and a {@code # TYPE} line, then one sample per query labelled {@code query="<name>"}. Figures a
 * query does not have (no watermark, no Kafka source) are left out rather than reported as 0.
 */
public final class PrometheusText {
  /** The Content-Type of the page. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  public static String render(Map<String, QueryMetrics> byQuery) {
    StringBuilder page = new StringBuilder();
    for (QuerySeries metric : QuerySeries.ALL) {
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
}

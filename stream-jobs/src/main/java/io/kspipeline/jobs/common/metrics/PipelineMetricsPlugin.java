package io.kspipeline.jobs.common.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.kspipeline.jobs.common.metrics.MetricsRegistry.QueryMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Publishes every query's {@link QuerySeries} in Spark's metrics system, so the sinks a cluster
 * configures carry the job's own figures (dead letters, late rows, lag, lost offsets) next to
 * Spark's: JMX for the Prometheus JMX exporter, {@code PrometheusServlet}, Graphite, CSV.
 *
 * <p>Spark names each gauge {@code <namespace>.driver.plugin.<this class>.<query>.<series>}, e.g.
 * {@code ...PipelineMetricsPlugin.status-counts.dead_lettered_rows_total}; the chart's JMX exporter
 * rules turn that back into {@code pipeline_dead_lettered_rows_total{query="status-counts"}}, the
 * name the {@code --metrics-port} page uses. Driver side only: the figures come from the queries'
 * progress reports, which only the driver sees.
 */
public final class PipelineMetricsPlugin implements SparkPlugin {
  /** The value for {@code spark.plugins}. */
  public static final String CLASS_NAME = PipelineMetricsPlugin.class.getName();

  private static final String PLUGINS = "spark.plugins";

  /** The gauge of how many queries have reported a batch. */
  static final String QUERIES = "queries";

  private static final Set<String> QUERY_NAMES = ConcurrentHashMap.newKeySet();

  /** The running SparkContext's plugin registry; null when the plugin is not enabled. */
  private static volatile MetricRegistry driverRegistry;

  /** Adds the plugin to {@code spark.plugins}, keeping the plugins the user configured. */
  public static void enable(SparkConf conf) {
    conf.set(PLUGINS, withPlugin(conf.get(PLUGINS, ""), CLASS_NAME));
  }

  static String withPlugin(String plugins, String plugin) {
    List<String> names = new ArrayList<>();
    for (String name : plugins.split(",")) {
      if (!name.isBlank() && !name.strip().equals(plugin)) {
        names.add(name.strip());
      }
    }
    names.add(plugin);
    return String.join(",", names);
  }

  @Override
  public DriverPlugin driverPlugin() {
    return new DriverPlugin() {
      @Override
      public void registerMetrics(String appId, PluginContext context) {
        MetricRegistry registry = context.metricRegistry();
        // Spark adds the plugin's registry to its metrics system only when it holds a metric at
        // this point; the queries' gauges come later, with their first batch, and reach the
        // sinks through the registry's listeners.
        registry.gauge(QUERIES, () -> () -> QUERY_NAMES.size());
        driverRegistry = registry;
      }

      @Override
      public void shutdown() {
        driverRegistry = null;
        QUERY_NAMES.clear();
      }
    };
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return null;
  }

  /**
   * Registers the series of a query seen for the first time, reading its figures from {@code
   * byQuery} whenever a sink polls. Does nothing when the plugin is not enabled.
   */
  static void publish(String query, Map<String, QueryMetrics> byQuery) {
    MetricRegistry registry = driverRegistry;
    if (registry == null) {
      return;
    }
    QUERY_NAMES.add(query);
    for (QuerySeries series : QuerySeries.ALL) {
      Function<QueryMetrics, Number> value = series.value();
      // Gauges for counters too: Dropwizard counters only count up by themselves, and these
      // totals are kept by the registry. The exporter rules give them the counter type back.
      Gauge<Number> gauge =
          () -> {
            QueryMetrics metrics = byQuery.get(query);
            return metrics == null ? null : value.apply(metrics);
          };
      registry.gauge(metricName(query, series), () -> gauge);
    }
  }

  /** A query's series name in the plugin's registry; dots would split the name's segments. */
  static String metricName(String query, QuerySeries series) {
    return query.replace('.', '_') + "." + series.shortName();
  }
}

package io.kspipeline.jobs.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job's series as gauges of the plugin's registry, the way Spark's sinks poll them. */
class PipelineMetricsPluginTest {
  private final MetricRegistry sparkRegistry = new MetricRegistry();
  private final DriverPlugin driver = new PipelineMetricsPlugin().driverPlugin();

  @AfterEach
  void stopPlugin() {
    driver.shutdown();
  }

  private static BatchFigures batch(String query, long id, Long lag, long late, long dead) {
    return new BatchFigures(
        query, id, 10, Double.NaN, 20.5, 300, 4, Instant.EPOCH, lag, late, dead, 3);
  }

  @Test
  void shouldPublishEveryQuerySeriesAndFollowItsTotals() {
    driver.registerMetrics("app-1", new RegistryOnly(sparkRegistry));
    MetricsRegistry registry = new MetricsRegistry();

    registry.record(batch("status-counts", 0, 5L, 1, 2));
    registry.record(batch("top.urls", 7, null, 0, 0));
    registry.record(batch("status-counts", 1, 0L, 2, 3));

    Map<String, Gauge> gauges = sparkRegistry.getGauges();
    assertThat(gauges).hasSize(1 + 2 * QuerySeries.ALL.size());
    assertThat(gauges.get(PipelineMetricsPlugin.QUERIES).getValue()).isEqualTo(2);
    assertThat(gauges.get("status-counts.dead_lettered_rows_total").getValue()).isEqualTo(5L);
    assertThat(gauges.get("status-counts.late_rows_total").getValue()).isEqualTo(3L);
    assertThat(gauges.get("status-counts.data_loss_records_total").getValue()).isEqualTo(6L);
    assertThat(gauges.get("status-counts.consumer_lag_records").getValue()).isEqualTo(0L);
    assertThat(gauges.get("status-counts.batches_total").getValue()).isEqualTo(2L);
    assertThat(gauges.get("status-counts.batch_id").getValue()).isEqualTo(1L);
    // A dot in a query's name would add a segment to the metric's name.
    assertThat(gauges.get("top_urls.batch_id").getValue()).isEqualTo(7L);
    // A figure the query does not have stays absent (null) rather than 0.
    assertThat(gauges.get("top_urls.consumer_lag_records").getValue()).isNull();
  }

  @Test
  void shouldStopPublishingToTheRegistryOfAStoppedContext() {
    driver.registerMetrics("app-1", new RegistryOnly(sparkRegistry));
    MetricsRegistry registry = new MetricsRegistry();
    registry.record(batch("status-counts", 0, 5L, 1, 2));

    driver.shutdown();
    registry.record(batch("top-urls", 0, 5L, 1, 2));

    assertThat(sparkRegistry.getGauges().keySet())
        .hasSize(1 + QuerySeries.ALL.size())
        .allMatch(
            name ->
                name.equals(PipelineMetricsPlugin.QUERIES) || name.startsWith("status-counts."));
  }

  /** The part of Spark's plugin context the driver plugin uses. */
  private record RegistryOnly(MetricRegistry metricRegistry) implements PluginContext {
    @Override
    public SparkConf conf() {
      return new SparkConf(false);
    }

    @Override
    public String executorID() {
      return "driver";
    }

    @Override
    public String hostname() {
      return "localhost";
    }

    @Override
    public Map<String, ResourceInformation> resources() {
      return Map.of();
    }

    @Override
    public void send(Object message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object ask(Object message) {
      throw new UnsupportedOperationException();
    }
  }
}

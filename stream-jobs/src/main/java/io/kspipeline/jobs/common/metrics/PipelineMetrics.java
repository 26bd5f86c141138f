package io.kspipeline.jobs.common.metrics;

import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of a session's streaming queries: a {@link BatchMetricsListener} feeding a {@link
 * MetricsRegistry} and, when a port is given, a {@link MetricsEndpoint} serving it until the
 * SparkContext stops. Installed once per session, however many jobs start on it.
 */
public final class PipelineMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineMetrics.class);
  private static final Map<SparkSession, PipelineMetrics> INSTALLED = new WeakHashMap<>();

  private final MetricsRegistry registry = new MetricsRegistry();
  private MetricsEndpoint endpoint;

  private PipelineMetrics() {}

  /**
   * Registers the listener on the session (once) and, with a port, starts the scrape endpoint.
   *
   * @param port the endpoint's port, 0 for any free one, null for no endpoint
   */
  public static synchronized PipelineMetrics install(SparkSession spark, Integer port) {
    PipelineMetrics metrics = INSTALLED.get(spark);
    if (metrics == null) {
      metrics = new PipelineMetrics();
      spark.streams().addListener(new BatchMetricsListener(metrics.registry));
      INSTALLED.put(spark, metrics);
    }
    if (port != null && metrics.endpoint == null) {
      metrics.startEndpoint(spark, port);
    }
    return metrics;
  }

  public MetricsRegistry registry() {
    return registry;
  }

  /** The port the endpoint listens on, or -1 without one. */
  public synchronized int port() {
    return endpoint == null ? -1 : endpoint.port();
  }

  private void startEndpoint(SparkSession spark, int port) {
    MetricsEndpoint started = MetricsEndpoint.start(port, registry);
    endpoint = started;
    // The server's threads would keep the JVM alive after the job.
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onApplicationEnd(SparkListenerApplicationEnd end) {
                started.close();
              }
            });
    LOG.info("Prometheus metrics on http://<driver>:{}{}", started.port(), MetricsEndpoint.PATH);
  }
}

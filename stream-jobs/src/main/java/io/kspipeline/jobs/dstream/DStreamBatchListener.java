package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.common.metrics.BatchFigures;
import io.kspipeline.jobs.common.metrics.MetricsRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of a DStream job's batches, under the job's name, in the same {@link MetricsRegistry}
 * series the Structured jobs report (and so in Spark's metrics system through {@code
 * PipelineMetricsPlugin}): records, processing time and the dead letters of each batch. A DStream
 * job has no watermark, Kafka lag figure or state size in its batch report: those series stay at 0
 * or absent for it; Spark's own {@code StreamingMetrics} add its delays.
 */
final class DStreamBatchListener implements StreamingListener {
  private static final Logger LOG = LoggerFactory.getLogger(DStreamBatchListener.class);

  /** Dead letters of batches not completed yet, by job and batch time (driver side). */
  private static final Map<String, Long> PENDING_DEAD_LETTERS = new ConcurrentHashMap<>();

  private final String job;
  private final MetricsRegistry registry;

  DStreamBatchListener(String job, MetricsRegistry registry) {
    this.job = job;
    this.registry = registry;
  }

  /** Called by the output pass of a batch, before the batch completes. */
  static void deadLettered(String job, Time batch, long count) {
    PENDING_DEAD_LETTERS.merge(key(job, batch.milliseconds()), count, Long::sum);
  }

  @Override
  public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
    BatchFigures figures = figures(job, completed.batchInfo());
    registry.record(figures);
    LOG.info(figures.logLine());
  }

  static BatchFigures figures(String job, BatchInfo info) {
    long batchTime = info.batchTime().milliseconds();
    long processingMs =
        info.processingDelay().isDefined() ? (Long) info.processingDelay().get() : 0;
    Long dead = PENDING_DEAD_LETTERS.remove(key(job, batchTime));
    return new BatchFigures(
        job,
        batchTime,
        info.numRecords(),
        Double.NaN,
        processingMs > 0 ? info.numRecords() * 1000.0 / processingMs : Double.NaN,
        processingMs,
        0,
        null,
        null,
        0,
        dead == null ? 0 : dead,
        0);
  }

  private static String key(String job, long batchTime) {
    return job + "@" + batchTime;
  }
}

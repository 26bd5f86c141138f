package io.kspipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.common.SparkKafkaOffsets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import scala.collection.JavaConverters;

/**
 * How each job of a live demo kept up: records processed, its input's lag (records produced but not
 * processed yet) sampled at every refresh and once after the stop, and the processing time of its
 * batches. Structured jobs report through their query progress, DStream jobs through the streaming
 * context's batches; the offsets each batch processed through are compared with the topics' ends.
 */
final class DemoJobStats implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One job's figures; written by Spark's listener threads, read by the demo's thread. */
  private static final class Tally {
    final String input;
    final Map<TopicPartition, Long> processedThrough = new ConcurrentHashMap<>();
    final AtomicLong processed = new AtomicLong();
    final List<Long> batchMillis = Collections.synchronizedList(new ArrayList<>());
    volatile long lag;
    volatile long maxLag;
    int batchesReported;

    Tally(String input) {
      this.input = input;
    }
  }

  private final Admin admin;
  private final Map<String, Tally> byJob = new LinkedHashMap<>();

  DemoJobStats(String bootstrap, List<JobSpec> jobs) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    for (JobSpec job : jobs) {
      byJob.put(job.name(), new Tally(job.input()));
    }
  }

  /** Listens to the Structured jobs' queries (named after their jobs). */
  StreamingQueryListener structuredListener() {
    return new StreamingQueryListener() {
      @Override
      public void onQueryStarted(QueryStartedEvent event) {}

      @Override
      public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        Tally tally = byJob.get(progress.name());
        if (tally == null) {
          return;
        }
        if (progress.numInputRows() > 0) {
          tally.processed.addAndGet(progress.numInputRows());
          tally.batchMillis.add(progress.batchDuration());
        }
        for (SourceProgress source : progress.sources()) {
          tally.processedThrough.putAll(kafkaOffsets(source.endOffset()));
        }
      }

      @Override
      public void onQueryIdle(QueryIdleEvent event) {}

      @Override
      public void onQueryTerminated(QueryTerminatedEvent event) {}
    };
  }

  /**
   * Listens to the DStream jobs' batches.
   *
   * @param jobsByInputStream the job of each input stream id of the streaming context
   */
  StreamingListener dstreamListener(Map<Integer, String> jobsByInputStream) {
    return new StreamingListener() {
      @Override
      public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
        BatchInfo batch = completed.batchInfo();
        Map<Object, StreamInputInfo> inputs =
            JavaConverters.mapAsJavaMap(batch.streamIdToInputInfo());
        for (StreamInputInfo input : inputs.values()) {
          Tally tally = byJob.get(jobsByInputStream.get(input.inputStreamId()));
          if (tally == null) {
            continue;
          }
          tally.processed.addAndGet(input.numRecords());
          if (batch.processingDelay().isDefined()) {
            tally.batchMillis.add((Long) batch.processingDelay().get());
          }
          if (input.metadata().contains("offsets")) {
            for (Object range :
                JavaConverters.seqAsJavaList(
                    (scala.collection.Seq<?>) input.metadata().apply("offsets"))) {
              OffsetRange r = (OffsetRange) range;
              tally.processedThrough.put(r.topicPartition(), r.untilOffset());
            }
          }
        }
      }
    };
  }

  /** Samples every job's lag now (the end of its input minus what it processed through). */
  void sample() throws InterruptedException {
    for (Tally tally : byJob.values()) {
      long lag = lagOf(tally);
      tally.lag = lag;
      tally.maxLag = Math.max(tally.maxLag, lag);
    }
  }

  /**
   * One line per job: {@code job=NAME processed=N lag=N max_lag=N batch_p99_ms=N}, the lag being
   * that of the last {@link #sample()} (the demo samples when it stops: what its jobs had not
   * processed when the producers stopped) and processed counting every batch until now.
   */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    byJob.forEach(
        (job, tally) ->
            lines.add(
                "job="
                    + job
                    + " processed="
                    + tally.processed.get()
                    + " lag="
                    + tally.lag
                    + " max_lag="
                    + tally.maxLag
                    + " batch_p99_ms="
                    + p99(tally.batchMillis)));
    return lines;
  }

  /** Each job's lag at the last {@link #sample()}, in records. */
  Map<String, Long> lags() {
    Map<String, Long> lags = new LinkedHashMap<>();
    byJob.forEach((job, tally) -> lags.put(job, tally.lag));
    return lags;
  }

  /**
   * Each job's batch time p99 over the batches completed since the last call: one interval of a
   * soak. A job that completed none is left out (a batch may outlast a short interval).
   */
  Map<String, Long> batchP99SinceLastCall() {
    Map<String, Long> p99s = new LinkedHashMap<>();
    byJob.forEach(
        (job, tally) -> {
          List<Long> recent;
          synchronized (tally.batchMillis) {
            recent =
                new ArrayList<>(
                    tally.batchMillis.subList(tally.batchesReported, tally.batchMillis.size()));
            tally.batchesReported = tally.batchMillis.size();
          }
          if (!recent.isEmpty()) {
            p99s.put(job, p99(recent));
          }
        });
    return p99s;
  }

  private long lagOf(Tally tally) throws InterruptedException {
    Map<TopicPartition, Long> ends = offsets(tally.input, OffsetSpec.latest());
    // Before a job's first batch its position is unknown: count from the log start.
    Map<TopicPartition, Long> starts =
        tally.processedThrough.isEmpty() ? offsets(tally.input, OffsetSpec.earliest()) : Map.of();
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      Long through = tally.processedThrough.get(end.getKey());
      long from = through != null ? through : starts.getOrDefault(end.getKey(), 0L);
      lag += Math.max(0, end.getValue() - from);
    }
    return lag;
  }

  private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec)
      throws InterruptedException {
    try {
      return TopicOffsets.of(admin, topic, spec);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of " + topic, e.getCause());
    }
  }

  /** Kafka source offsets as Spark writes them: {@code {"topic":{"0":12,"1":40}}}. */
  static Map<TopicPartition, Long> kafkaOffsets(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return SparkKafkaOffsets.parse(JSON.readTree(json)).orElse(Map.of());
    } catch (IOException notJson) {
      return Map.of();
    }
  }

  /** The 99th percentile (nearest rank) of the batch times; 0 without batches. */
  static long p99(List<Long> millis) {
    List<Long> sorted;
    synchronized (millis) {
      sorted = new ArrayList<>(millis);
    }
    if (sorted.isEmpty()) {
      return 0;
    }
    Collections.sort(sorted);
    int rank = (int) Math.ceil(0.99 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  @Override
  public void close() {
    admin.close();
  }
}

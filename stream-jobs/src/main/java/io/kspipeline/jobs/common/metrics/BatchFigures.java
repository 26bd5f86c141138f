package io.kspipeline.jobs.common.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one micro-batch of one query, read from Spark's progress report ({@code
 * StreamingQueryProgress.json()}).
 *
 * @param query the query's name (its id when unnamed)
 * @param inputRowsPerSecond NaN when Spark does not report it (first batch)
 * @param stateRows rows held by all stateful operators together
 * @param watermark the event-time watermark, null for a query without one
 * @param consumerLag latest broker offsets minus the offsets processed up to this batch, summed
 *     over the partitions of every Kafka source; null when a source is not Kafka or Spark did not
 *     report its latest offsets
 * @param lateRows rows behind the watermark: those Spark's stateful operators dropped plus those
 *     the job counted itself ({@link JobCounters#LATE})
 * @param deadLetteredRows rows the job counted as dead letters ({@link JobCounters#DEAD_LETTERED})
 * @param lostOffsets Kafka offsets the batch covered but read no record at: data that left Kafka
 *     before it was read, skipped with {@code failOnDataLoss=false}; a topic with transaction
 *     markers or compacted away records would count those too (the pipeline's topics have none)
 */
public record BatchFigures(
    String query,
    long batchId,
    long inputRows,
    double inputRowsPerSecond,
    double processedRowsPerSecond,
    long batchDurationMs,
    long stateRows,
    Instant watermark,
    Long consumerLag,
    long lateRows,
    long deadLetteredRows,
    long lostOffsets) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static BatchFigures fromProgressJson(String progressJson) {
    JsonNode progress;
    try {
      progress = JSON.readTree(progressJson);
    } catch (IOException e) {
      throw new UncheckedIOException("not a progress report: " + progressJson, e);
    }
    String name = progress.path("name").asText(null);
    JsonNode watermark = progress.path("eventTime").path("watermark");
    return new BatchFigures(
        name != null ? name : progress.path("id").asText(),
        progress.path("batchId").asLong(),
        progress.path("numInputRows").asLong(),
        // Spark leaves out rates it cannot compute (NaN), e.g. on a query's first batch.
        progress.path("inputRowsPerSecond").asDouble(Double.NaN),
        progress.path("processedRowsPerSecond").asDouble(Double.NaN),
        progress.path("durationMs").path("triggerExecution").asLong(),
        sumOverStateOperators(progress, "numRowsTotal"),
        watermark.isTextual() ? Instant.parse(watermark.asText()) : null,
        consumerLag(progress.path("sources")),
        sumOverStateOperators(progress, "numRowsDroppedByWatermark")
            + observed(progress, JobCounters.LATE),
        observed(progress, JobCounters.DEAD_LETTERED),
        lostOffsets(progress.path("sources")));
  }

  /** One log line, {@code key=value} pairs, the same figures as the Prometheus page. */
  public String logLine() {
    return String.format(
        Locale.ROOT,
        "batch query=%s id=%d inputRows=%d inputRowsPerSec=%.1f processedRowsPerSec=%.1f"
            + " durationMs=%d stateRows=%d watermark=%s lag=%s late=%d deadLettered=%d"
            + " lostOffsets=%d",
        query,
        batchId,
        inputRows,
        inputRowsPerSecond,
        processedRowsPerSecond,
        batchDurationMs,
        stateRows,
        watermark == null ? "-" : watermark,
        consumerLag == null ? "-" : consumerLag,
        lateRows,
        deadLetteredRows,
        lostOffsets);
  }

  private static long sumOverStateOperators(JsonNode progress, String field) {
    long sum = 0;
    for (JsonNode operator : progress.path("stateOperators")) {
      sum += operator.path(field).asLong();
    }
    return sum;
  }

  /** A counter the job attached with {@link JobCounters#counted}; 0 when it did not. */
  private static long observed(JsonNode progress, String counter) {
    return progress
        .path("observedMetrics")
        .path(JobCounters.observationName(counter))
        .path(JobCounters.FIELD)
        .asLong();
  }

  /**
   * Sums {@code latestOffset - endOffset} over the partitions of the sources. Kafka sources report
   * both as {@code {"topic": {"partition": offset}}}; any other shape (files, memory) has no lag.
   */
  private static Long consumerLag(JsonNode sources) {
    if (sources.isEmpty()) {
      return null;
    }
    long lag = 0;
    for (JsonNode source : sources) {
      JsonNode latest = source.path("latestOffset");
      JsonNode end = source.path("endOffset");
      if (!isKafkaOffsets(latest) || !isKafkaOffsets(end)) {
        return null;
      }
      for (Iterator<Map.Entry<String, JsonNode>> topics = latest.fields(); topics.hasNext(); ) {
        Map.Entry<String, JsonNode> topic = topics.next();
        for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
            partitions.hasNext(); ) {
          Map.Entry<String, JsonNode> partition = partitions.next();
          // A partition new since the batch started has processed nothing yet.
          long processed = end.path(topic.getKey()).path(partition.getKey()).asLong(0);
          lag += Math.max(0, partition.getValue().asLong() - processed);
        }
      }
    }
    return lag;
  }

  /**
   * Per Kafka source, the offsets between the batch's start and end minus the rows it read. Spark
   * reads every offset of the range unless records are gone, so the difference is what it skipped.
   * A first batch reports no start offset, and so no loss.
   */
  private static long lostOffsets(JsonNode sources) {
    long lost = 0;
    for (JsonNode source : sources) {
      JsonNode start = source.path("startOffset");
      JsonNode end = source.path("endOffset");
      if (!isKafkaOffsets(start) || !isKafkaOffsets(end)) {
        continue;
      }
      long covered = 0;
      for (Iterator<Map.Entry<String, JsonNode>> topics = end.fields(); topics.hasNext(); ) {
        Map.Entry<String, JsonNode> topic = topics.next();
        for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
            partitions.hasNext(); ) {
          Map.Entry<String, JsonNode> partition = partitions.next();
          JsonNode from = start.path(topic.getKey()).path(partition.getKey());
          // A partition new in this batch starts at its earliest offset, which Spark does not say.
          if (from.isIntegralNumber()) {
            covered += Math.max(0, partition.getValue().asLong() - from.asLong());
          }
        }
      }
      lost += Math.max(0, covered - source.path("numInputRows").asLong());
    }
    return lost;
  }

  private static boolean isKafkaOffsets(JsonNode offsets) {
    if (!offsets.isObject() || offsets.isEmpty()) {
      return false;
    }
    for (JsonNode partitions : offsets) {
      if (!partitions.isObject()) {
        return false;
      }
      for (JsonNode offset : partitions) {
        if (!offset.isIntegralNumber()) {
          return false;
        }
      }
    }
    return true;
  }
}

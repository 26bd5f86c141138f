package io.kspipeline.jobs.common;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offsets of a partition that left Kafka (retention, deleted records) before the query read them,
 * as found in the failure Spark's Kafka source raises with {@code failOnDataLoss=true}.
 *
 * @param firstLost the query's next offset, the first one no longer in Kafka
 * @param firstAvailable the partition's log start offset, null when unknown
 */
public record KafkaDataLoss(String topic, int partition, long firstLost, Long firstAvailable) {
  // Spark 3.5's executor-side message (KafkaDataConsumer.reportDataLoss); it names the first
  // offset it could not fetch but not where the log now starts.
  private static final Pattern CANNOT_FETCH =
      Pattern.compile(
          "Cannot fetch offset (\\d+) \\(GroupId: [^,]*, TopicPartition: (.+)-(\\d+)\\)");

  /** The loss a query failure reports, searching its causes; empty for any other failure. */
  public static Optional<KafkaDataLoss> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = CANNOT_FETCH.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Optional.of(
            new KafkaDataLoss(
                m.group(2), Integer.parseInt(m.group(3)), Long.parseLong(m.group(1)), null));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  public KafkaDataLoss withFirstAvailable(long offset) {
    return new KafkaDataLoss(topic, partition, firstLost, offset);
  }

  /** What the user reads: the partition, the lost range, and how to go on. */
  public String message() {
    return description() + "; restart with --no-fail-on-data-loss to skip them";
  }

  /** The partition and the lost range. */
  public String description() {
    String range =
        firstAvailable == null
            ? "from " + firstLost + " on"
            : firstLost + ".." + (firstAvailable - 1) + " (" + (firstAvailable - firstLost) + ")";
    return "data loss on "
        + topic
        + "-"
        + partition
        + ": offsets "
        + range
        + " are no longer in Kafka (aged out by retention or deleted) and were never read";
  }
}

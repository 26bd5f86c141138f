package io.kspipeline.jobs.common.exactlyonce;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the last committed marker of a writer from its partition of the marker topic, through a
 * read_committed consumer: markers of aborted transactions are never seen, and the end it reads to
 * is the last stable offset.
 *
 * <p>The writer's producer is initialised before the read, which aborts any transaction its
 * predecessor left open, so that end is the true end. Each transaction leaves two offsets on the
 * partition (marker, commit marker); the read goes back from the end in growing steps until it
 * meets a marker of the writer, so it usually reads a couple of records.
 */
final class MarkerLog {
  private static final int FIRST_STEP = 8;
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int METADATA_WAITS = 10;
  private static final Duration METADATA_WAIT = Duration.ofMillis(300);

  private final Consumer<byte[], byte[]> consumer;
  private final Duration timeout;

  MarkerLog(Consumer<byte[], byte[]> consumer, Duration timeout) {
    this.consumer = consumer;
    this.timeout = timeout;
  }

  /** The last marker keyed {@code key} in partition {@code writer} of the topic; none: empty. */
  Optional<BatchMarker> last(String topic, int writer, String key) {
    TopicPartition partition = partition(topic, writer);
    consumer.assign(List.of(partition));
    long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    long step = FIRST_STEP;
    for (long upTo = end; upTo > begin; step *= 4) {
      long from = Math.max(begin, upTo - step);
      Optional<BatchMarker> found = lastBetween(partition, from, upTo, key);
      if (found.isPresent()) {
        return found;
      }
      upTo = from;
    }
    return Optional.empty();
  }

  private TopicPartition partition(String topic, int writer) {
    List<PartitionInfo> partitions = partitionsOf(topic);
    // A topic created a moment ago may not be in every broker's metadata yet.
    for (int wait = 0; wait < METADATA_WAITS && partitions.size() <= writer; wait++) {
      sleep(METADATA_WAIT);
      partitions = partitionsOf(topic);
    }
    if (partitions.size() <= writer) {
      throw new KafkaOutputFailure(
          "marker topic "
              + topic
              + (partitions.isEmpty()
                  ? " does not exist"
                  : " has " + partitions.size() + " partition(s)")
              + ", writer "
              + writer
              + " needs partition "
              + writer
              + ": the job creates it at start; was it deleted while the job ran? Restart the"
              + " job, or run it with --kafka-output at-least-once");
    }
    return new TopicPartition(topic, writer);
  }

  private List<PartitionInfo> partitionsOf(String topic) {
    try {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
      return partitions == null ? List.of() : partitions;
    } catch (RuntimeException e) {
      throw new KafkaOutputFailure(
          "cannot read marker topic " + topic + " (" + e.getMessage() + ")", e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaOutputFailure("interrupted while waiting for the marker topic", e);
    }
  }

  private Optional<BatchMarker> lastBetween(
      TopicPartition partition, long from, long upTo, String key) {
    consumer.seek(partition, from);
    Optional<BatchMarker> last = Optional.empty();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (consumer.position(partition, timeout) < upTo) {
      if (System.nanoTime() > deadline) {
        throw new KafkaOutputFailure(
            "marker topic " + partition + " not read up to offset " + upTo + " in " + timeout);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(partition)) {
        if (r.offset() < upTo && isKey(r, key)) {
          last = Optional.of(decode(r, partition));
        }
      }
    }
    return last;
  }

  private static boolean isKey(ConsumerRecord<byte[], byte[]> r, String key) {
    return r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8));
  }

  private static BatchMarker decode(ConsumerRecord<byte[], byte[]> r, TopicPartition partition) {
    try {
      return BatchMarker.decode(r.value());
    } catch (IllegalArgumentException e) {
      throw new KafkaOutputFailure(
          "marker topic "
              + partition
              + " offset "
              + r.offset()
              + ": "
              + e.getMessage()
              + "; the topic is the pipeline's own, written by its exactly-once outputs only",
          e);
    }
  }
}

package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.checkpoint.StartPosition;
import io.kspipeline.jobs.common.KafkaDataLoss;
import io.kspipeline.jobs.common.KafkaDataLossException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.ConsumerStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct stream's driver consumer, given every partition of its topics by {@code assign} rather
 * than by joining the consumer group.
 *
 * <p>Why not Spark's {@code Subscribe}: after a kill the dead driver stays a group member until its
 * session times out, so a restarted driver's first poll may return before the group hands it any
 * partition, and seeking to the checkpoint's offsets then fails with "No current assignment for
 * partition". The offsets live in the checkpoint anyway; the group is only where processed offsets
 * are committed (for lag monitoring and for a fresh start), and committing from an assigned
 * consumer works as long as no member is subscribed under the same group id.
 *
 * <p>Partitions are listed at each start: partitions added to a topic are read from the next
 * restart on, from the group's committed offset or else from their first offset.
 *
 * <p>Where the job resumes (the checkpoint's offsets, else the group's committed ones) is checked
 * against each partition's log start: offsets aged out while the job was down are a {@link
 * KafkaDataLossException} naming the range, unless data loss is allowed and the job starts from
 * committed offsets, which then skips to the log start and says what it skipped. A checkpoint's
 * offsets cannot be skipped: the stream reads exactly the ranges it recorded.
 */
final class AssignedPartitions extends ConsumerStrategy<byte[], byte[]> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);
  private static final Duration TOPIC_POLL = Duration.ofMillis(200);
  private static final Comparator<TopicPartition> PARTITION_ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private static final Logger LOG = LoggerFactory.getLogger(AssignedPartitions.class);

  private final List<String> topics;
  private final HashMap<String, Object> kafkaParams;
  private final boolean failOnDataLoss;

  /** Where a start without checkpoint reads from instead of the committed offsets; or null. */
  private final StartPosition start;

  AssignedPartitions(List<String> topics, Map<String, Object> kafkaParams, boolean failOnDataLoss) {
    this(topics, kafkaParams, failOnDataLoss, null);
  }

  AssignedPartitions(
      List<String> topics,
      Map<String, Object> kafkaParams,
      boolean failOnDataLoss,
      StartPosition start) {
    this.topics = List.copyOf(topics);
    this.kafkaParams = new HashMap<>(kafkaParams);
    this.failOnDataLoss = failOnDataLoss;
    this.start = start;
  }

  @Override
  public Map<String, Object> executorKafkaParams() {
    return kafkaParams;
  }

  @Override
  public Consumer<byte[], byte[]> onStart(Map<TopicPartition, Long> currentOffsets) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(setAuthenticationConfigIfNeeded(kafkaParams));
    try {
      List<TopicPartition> partitions = partitions(consumer);
      Set<TopicPartition> vanished = new TreeSet<>(PARTITION_ORDER);
      vanished.addAll(currentOffsets.keySet());
      partitions.forEach(vanished::remove);
      if (!vanished.isEmpty()) {
        throw new IllegalStateException(
            "the checkpoint tracks partitions that no longer exist: "
                + vanished
                + " (was a topic deleted and created again?); start afresh with"
                + " --discard-checkpoint, which resumes from the consumer group's committed"
                + " offsets");
      }
      consumer.assign(partitions);
      if (currentOffsets.isEmpty() && start != null) {
        startAt(consumer, partitions, start);
      } else if (currentOffsets.isEmpty()) {
        resumeFromCommitted(consumer, partitions);
      } else {
        checkNothingAgedOut(consumer, currentOffsets);
        currentOffsets.forEach(consumer::seek);
        readAddedPartitionsFromTheirStart(consumer, partitions, currentOffsets.keySet());
      }
      return consumer;
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  private void checkNothingAgedOut(Consumer<?, ?> consumer, Map<TopicPartition, Long> checkpoint) {
    Map<TopicPartition, Long> logStart = consumer.beginningOffsets(checkpoint.keySet());
    for (Map.Entry<TopicPartition, Long> resume : checkpoint.entrySet()) {
      TopicPartition tp = resume.getKey();
      long start = logStart.get(tp);
      if (resume.getValue() < start) {
        KafkaDataLoss loss =
            new KafkaDataLoss(tp.topic(), tp.partition(), resume.getValue(), start);
        throw new KafkaDataLossException(
            loss,
            failOnDataLoss
                ? loss.message()
                : loss.description()
                    + "; a DStream job reads exactly the offset ranges in its checkpoint, so it"
                    + " cannot skip them: restart with --discard-checkpoint to resume from the"
                    + " consumer group's committed offsets, with --no-fail-on-data-loss to skip"
                    + " what is gone there",
            null);
      }
    }
  }

  /**
   * Partitions created after the checkpoint was written (and never committed to) hold only records
   * produced while the job ran or was down: they are read from their first offset, since {@code
   * auto.offset.reset=latest} would silently skip what they already hold.
   */
  private void readAddedPartitionsFromTheirStart(
      Consumer<?, ?> consumer, List<TopicPartition> partitions, Set<TopicPartition> checkpointed) {
    List<TopicPartition> added =
        partitions.stream().filter(tp -> !checkpointed.contains(tp)).toList();
    if (added.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(added));
    List<TopicPartition> fresh = added.stream().filter(tp -> committed.get(tp) == null).toList();
    if (!fresh.isEmpty()) {
      consumer.seekToBeginning(fresh);
      LOG.info("partitions {} appeared since the checkpoint: reading them from their start", fresh);
    }
  }

  /**
   * The first start after {@code checkpoint reset}: where the reset said. Explicit offsets are
   * checked against each partition's log as committed ones are; a partition they do not name (one
   * added since the reset) is read from its start.
   */
  private void startAt(
      Consumer<?, ?> consumer, List<TopicPartition> partitions, StartPosition position) {
    LOG.info("checkpoint reset: reading {} from {}", topics, position.description());
    if (position instanceof StartPosition.Committed) {
      resumeFromCommitted(consumer, partitions);
    } else if (position instanceof StartPosition.Earliest) {
      consumer.seekToBeginning(partitions);
    } else if (position instanceof StartPosition.Latest) {
      consumer.seekToEnd(partitions);
    } else if (position instanceof StartPosition.AtTime at) {
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(tp -> times.put(tp, at.time().toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp offset = found.get(tp);
        if (offset == null) {
          consumer.seekToEnd(List.of(tp));
        } else {
          consumer.seek(tp, offset.offset());
        }
      }
    } else if (position instanceof StartPosition.Offsets offsets) {
      Map<TopicPartition, Long> logStart = consumer.beginningOffsets(partitions);
      for (TopicPartition tp : partitions) {
        Long offset = offsets.offsets().get(tp);
        if (offset == null) {
          LOG.info("{} is not among the reset's offsets: reading it from its start", tp);
          consumer.seekToBeginning(List.of(tp));
        } else if (offset < logStart.get(tp)) {
          KafkaDataLoss loss =
              new KafkaDataLoss(tp.topic(), tp.partition(), offset, logStart.get(tp));
          if (failOnDataLoss) {
            throw new KafkaDataLossException(loss, loss.message(), null);
          }
          LOG.warn("{} -- skipped (--no-fail-on-data-loss)", loss.description());
          consumer.seek(tp, logStart.get(tp));
        } else {
          consumer.seek(tp, offset);
        }
      }
    }
  }

  /** A start without checkpoint: the group's committed offsets, checked against the log start. */
  private void resumeFromCommitted(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
    Map<TopicPartition, Long> logStart = consumer.beginningOffsets(partitions);
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata resume = committed.get(tp);
      long start = logStart.get(tp);
      if (resume == null || resume.offset() >= start) {
        continue; // the consumer resumes there, or applies auto.offset.reset
      }
      KafkaDataLoss loss = new KafkaDataLoss(tp.topic(), tp.partition(), resume.offset(), start);
      if (failOnDataLoss) {
        throw new KafkaDataLossException(loss, loss.message(), null);
      }
      LOG.warn(
          "{} -- skipped (--no-fail-on-data-loss): reading from offset {}",
          loss.description(),
          start);
      consumer.seek(tp, start);
    }
  }

  /** Every partition of the topics, waiting a while for topics that do not exist yet. */
  private List<TopicPartition> partitions(Consumer<?, ?> consumer) {
    long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      while (infos == null || infos.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "topic "
                  + topic
                  + " does not exist on "
                  + kafkaParams.get("bootstrap.servers")
                  + " (waited "
                  + TOPIC_WAIT.toSeconds()
                  + " s); create it or check the topic option");
        }
        sleep();
        infos = consumer.partitionsFor(topic);
      }
      infos.stream()
          .map(info -> new TopicPartition(info.topic(), info.partition()))
          .sorted(PARTITION_ORDER)
          .forEach(partitions::add);
    }
    return partitions;
  }

  private static void sleep() {
    try {
      Thread.sleep(TOPIC_POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the input topics", e);
    }
  }
}

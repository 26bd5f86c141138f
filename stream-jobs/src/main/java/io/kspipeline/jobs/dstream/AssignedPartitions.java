package io.kspipeline.jobs.dstream;

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
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.ConsumerStrategy;

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
 * restart on, from the group's committed offset or else from {@code auto.offset.reset}.
 */
final class AssignedPartitions extends ConsumerStrategy<byte[], byte[]> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);
  private static final Duration TOPIC_POLL = Duration.ofMillis(200);
  private static final Comparator<TopicPartition> PARTITION_ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final List<String> topics;
  private final HashMap<String, Object> kafkaParams;

  AssignedPartitions(List<String> topics, Map<String, Object> kafkaParams) {
    this.topics = List.copyOf(topics);
    this.kafkaParams = new HashMap<>(kafkaParams);
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
      currentOffsets.forEach(consumer::seek);
      return consumer;
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
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

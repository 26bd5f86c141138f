package io.kspipeline.jobs.common.exactlyonce;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic of an output's batch markers, {@code <output-topic>-commits}, one partition per writer.
 * Compacted: each writer's markers share one key, so compaction keeps its last one however long the
 * job is idle, where time-based retention could delete it and let a replay write again. The topic
 * stays small (one live record per writer).
 */
public final class MarkerTopic {
  private static final Logger LOG = LoggerFactory.getLogger(MarkerTopic.class);
  private static final long TIMEOUT_SECONDS = 30;
  static final String SUFFIX = "-commits";

  private MarkerTopic() {}

  /** The marker topic of an output topic. */
  public static String of(String outputTopic) {
    return outputTopic + SUFFIX;
  }

  /**
   * Creates the marker topic with {@code writers} partitions unless it exists; refuses one with
   * fewer partitions than writers.
   */
  static void ensure(Map<String, String> clientProperties, String topic, int writers) {
    try (Admin admin = Admin.create(new HashMap<>(clientProperties))) {
      Optional<TopicDescription> existing = describe(admin, topic, writers);
      if (existing.isEmpty() && create(admin, topic, writers)) {
        return;
      }
      // Created by someone else meanwhile: its partitions may take a moment to be described.
      for (int wait = 0; wait < 20 && partitionsOf(existing) == 0; wait++) {
        Thread.sleep(500);
        existing = describe(admin, topic, writers);
      }
      int partitions = partitionsOf(existing);
      if (partitions < writers) {
        throw new KafkaOutputFailure(
            "marker topic "
                + topic
                + " has "
                + partitions
                + " partition(s) but the output has "
                + writers
                + " writers (--kafka-writers): add partitions (kafka-topics --alter --topic "
                + topic
                + " --partitions "
                + writers
                + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaOutputFailure("interrupted while preparing marker topic " + topic, e);
    }
  }

  private static int partitionsOf(Optional<TopicDescription> topic) {
    return topic.map(d -> d.partitions().size()).orElse(0);
  }

  /** Whether this call created the topic (false: it exists already). */
  private static boolean create(Admin admin, String topic, int writers)
      throws InterruptedException {
    NewTopic newTopic =
        new NewTopic(topic, Optional.of(writers), Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("created marker topic {} ({} partitions, compacted)", topic, writers);
      return true;
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw unusable(topic, "cannot create it", e.getCause(), writers);
      }
      return false;
    } catch (TimeoutException e) {
      throw unusable(topic, "cannot create it", e, writers);
    }
  }

  private static Optional<TopicDescription> describe(Admin admin, String topic, int writers)
      throws InterruptedException {
    try {
      return Optional.of(
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(topic));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw unusable(topic, "cannot describe it", e.getCause(), writers);
    } catch (TimeoutException e) {
      throw unusable(topic, "cannot describe it", e, writers);
    }
  }

  private static KafkaOutputFailure unusable(String topic, String what, Throwable e, int writers) {
    return new KafkaOutputFailure(
        "marker topic "
            + topic
            + " of the exactly-once output: "
            + what
            + " ("
            + e.getMessage()
            + "); create it (kafka-topics --create --topic "
            + topic
            + " --partitions "
            + writers
            + " --config cleanup.policy=compact), or run the job with --kafka-output"
            + " at-least-once",
        e);
  }
}

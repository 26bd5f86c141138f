package io.kspipeline.jobs.checkpoint;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the checkpoint tools ask Kafka: where partitions' logs start and end, a topic's partitions,
 * a consumer group's committed offsets. The first question Kafka does not answer in time marks it
 * unreachable, and the tools report the checkpoint without it.
 */
final class KafkaLog implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String bootstrap;
  private final Admin admin;
  private String unreachable;
  private boolean asked;

  private KafkaLog(String bootstrap, Admin admin) {
    this.bootstrap = bootstrap;
    this.admin = admin;
  }

  static KafkaLog connect(KafkaOptions kafka) {
    Map<String, Object> config = new HashMap<>();
    kafka.clientProperties().entrySet().stream()
        .filter(e -> !RegistryOptions.isRegistrySetting(e.getKey()))
        .forEach(e -> config.put(e.getKey(), e.getValue()));
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
    return new KafkaLog(kafka.bootstrap(), Admin.create(config));
  }

  String bootstrap() {
    return bootstrap;
  }

  /** Whether anything was asked of Kafka. */
  boolean asked() {
    return asked;
  }

  /** Why Kafka gave no answers, or null while it does. */
  String unreachable() {
    return unreachable;
  }

  /** A partition's log start and end (the next offset to be written). */
  record Bounds(long start, long end) {}

  /** Start and end of each partition Kafka knows; empty when it does not answer. */
  Map<TopicPartition, Bounds> bounds(Collection<TopicPartition> partitions) {
    Map<TopicPartition, Bounds> bounds = new TreeMap<>(StartPosition.PARTITION_ORDER);
    if (unreachable != null || partitions.isEmpty()) {
      return bounds;
    }
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(
        tp -> {
          earliest.put(tp, OffsetSpec.earliest());
          latest.put(tp, OffsetSpec.latest());
        });
    Map<TopicPartition, ListOffsetsResultInfo> starts =
        answer(() -> admin.listOffsets(earliest).all().get(waitMillis(), TimeUnit.MILLISECONDS))
            .orElse(Map.of());
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        answer(() -> admin.listOffsets(latest).all().get(waitMillis(), TimeUnit.MILLISECONDS))
            .orElse(Map.of());
    for (TopicPartition tp : partitions) {
      if (starts.containsKey(tp) && ends.containsKey(tp)) {
        bounds.put(tp, new Bounds(starts.get(tp).offset(), ends.get(tp).offset()));
      }
    }
    return bounds;
  }

  /**
   * The partitions of a topic; empty when Kafka does not answer.
   *
   * @throws IllegalArgumentException when the topic does not exist
   */
  Optional<List<TopicPartition>> partitions(String topic) {
    if (unreachable != null) {
      return Optional.empty();
    }
    asked = true;
    try {
      TopicDescription description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(waitMillis(), TimeUnit.MILLISECONDS)
              .get(topic);
      return Optional.of(
          description.partitions().stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .sorted(StartPosition.PARTITION_ORDER)
              .toList());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalArgumentException("topic " + topic + " does not exist on " + bootstrap);
      }
      unreachable = describe(e.getCause());
      return Optional.empty();
    } catch (TimeoutException e) {
      unreachable = "no answer within " + TIMEOUT.toSeconds() + "s";
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The offsets a consumer group committed; empty when Kafka does not answer. */
  Map<TopicPartition, Long> committed(String group) {
    Map<TopicPartition, Long> committed = new TreeMap<>(StartPosition.PARTITION_ORDER);
    if (unreachable == null) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          answer(
                  () ->
                      admin
                          .listConsumerGroupOffsets(group)
                          .partitionsToOffsetAndMetadata()
                          .get(waitMillis(), TimeUnit.MILLISECONDS))
              .orElse(Map.of());
      offsets.forEach(
          (tp, offset) -> {
            if (offset != null) {
              committed.put(tp, offset.offset());
            }
          });
    }
    return committed;
  }

  private interface Question<T> {
    T ask() throws Exception;
  }

  private <T> Optional<T> answer(Question<T> question) {
    if (unreachable != null) {
      return Optional.empty();
    }
    asked = true;
    try {
      return Optional.of(question.ask());
    } catch (ExecutionException e) {
      unreachable = describe(e.getCause());
    } catch (TimeoutException e) {
      unreachable = "no answer within " + TIMEOUT.toSeconds() + "s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      unreachable = describe(e);
    }
    return Optional.empty();
  }

  private static long waitMillis() {
    return TIMEOUT.toMillis();
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}

package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * After a drained run, per job: records in its input, records it wrote to its output topic, records
 * it set aside as late, and records it dead-lettered (counted by the stage each dead letter names)
 * — read back from Kafka, so the figures are what a consumer sees.
 */
final class DemoSummary {
  private DemoSummary() {}

  /** One line per job: {@code demo: job=<name> in=<n> out=<n> late=<n> dead_lettered=<n>}. */
  static List<String> lines(String bootstrap, String registry) throws Exception {
    Map<String, Long> deadLetters = deadLettersByStage(bootstrap, registry);
    List<String> lines = new ArrayList<>();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      for (JobSpec job : DemoJobs.JOBS) {
        lines.add(
            String.format(
                "demo: job=%s in=%d out=%d late=%d dead_lettered=%d",
                job.name(),
                records(admin, job.input()),
                records(admin, job.output().name()),
                job.lateTopic().isEmpty() ? 0 : records(admin, job.lateTopic().get()),
                deadLetters.getOrDefault(job.name(), 0L)));
      }
    }
    return lines;
  }

  /** Records in a topic: end offsets minus start offsets. */
  static long records(Admin admin, String topic) throws Exception {
    return offsets(admin, topic, OffsetSpec.latest())
        - offsets(admin, topic, OffsetSpec.earliest());
  }

  /** The topic's end offsets, summed over its partitions. */
  static long endOffsets(Admin admin, String topic) throws Exception {
    return offsets(admin, topic, OffsetSpec.latest());
  }

  private static long offsets(Admin admin, String topic, OffsetSpec spec) throws Exception {
    return TopicOffsets.of(admin, topic, spec).values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> deadLettersByStage(String bootstrap, String registry) {
    ConfluentAvroDeserializer<DeadLetter> reader =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(registry), DeadLetter.class);
    Map<String, Long> byStage = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic :
          DemoJobs.JOBS.stream().map(JobSpec::deadLetterTopic).distinct().toList()) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          byStage.merge(reader.deserialize(r.topic(), r.value()).getStage(), 1L, Long::sum);
        }
      }
    }
    return byStage;
  }
}

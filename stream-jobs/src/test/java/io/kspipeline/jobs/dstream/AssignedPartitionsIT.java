package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.KafkaDataLossException;
import io.kspipeline.testsupport.KafkaExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The direct stream's driver consumer on a real broker: every partition assigned without a group
 * join, positions from the checkpoint first, then the group's committed offsets, then the reset
 * policy; a checkpoint naming a partition that is gone, and offsets that aged out before they were
 * read, are refused with the way out (or, from committed offsets, skipped when loss is allowed).
 */
class AssignedPartitionsIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @BeforeAll
  static void sparkDriver() {
    SparkTestSession.get(); // the strategy runs on a driver: it reads SparkEnv's Kafka settings
  }

  @Test
  void shouldAssignEveryPartitionAndStartFromCheckpointThenCommittedThenReset() throws Exception {
    String topic = "assigned-positions";
    KAFKA.harness().createTopic(topic, 3);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(KAFKA.harness().producerProperties())) {
      for (int partition = 0; partition < 3; partition++) {
        for (int i = 0; i < 3; i++) {
          producer.send(new ProducerRecord<>(topic, partition, null, "v" + i)).get();
        }
      }
    }
    Map<String, Object> params = params("assigned-group");
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    TopicPartition p2 = new TopicPartition(topic, 2);
    try (KafkaConsumer<byte[], byte[]> committer = new KafkaConsumer<>(params)) {
      committer.assign(List.of(p1));
      committer.commitSync(Map.of(p1, new OffsetAndMetadata(1)));
    }

    AssignedPartitions strategy = new AssignedPartitions(List.of(topic), params, true);
    try (Consumer<byte[], byte[]> consumer = strategy.onStart(Map.of(p0, 2L))) {
      assertThat(consumer.assignment()).containsExactlyInAnyOrder(p0, p1, p2);
      assertThat(consumer.position(p0)).as("from the checkpoint").isEqualTo(2);
      assertThat(consumer.position(p1)).as("from the committed offset").isEqualTo(1);
      assertThat(consumer.position(p2)).as("from auto.offset.reset=earliest").isZero();
    }
  }

  @Test
  void shouldReadAPartitionAddedSinceTheCheckpointFromItsStartEvenWhenStartingAtLatest()
      throws Exception {
    String topic = "assigned-grown";
    KAFKA.harness().createTopic(topic, 1);
    KAFKA
        .harness()
        .admin()
        .createPartitions(Map.of(topic, NewPartitions.increaseTo(2)))
        .all()
        .get();
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(KAFKA.harness().producerProperties())) {
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(topic, 0, null, "old" + i)).get();
        producer.send(new ProducerRecord<>(topic, 1, null, "new" + i)).get();
      }
    }
    Map<String, Object> params = params("grown-group");
    params.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");

    try (Consumer<byte[], byte[]> consumer =
        new AssignedPartitions(List.of(topic), params, true).onStart(Map.of(p0, 3L))) {
      assertThat(consumer.position(p0)).isEqualTo(3);
      assertThat(consumer.position(p1)).as("the added partition, from its start").isZero();
    }
  }

  @Test
  void shouldRefuseACheckpointedPartitionThatNoLongerExists() {
    String topic = "assigned-shrunk";
    KAFKA.harness().createTopic(topic, 1);
    AssignedPartitions strategy =
        new AssignedPartitions(List.of(topic), params("shrunk-group"), true);
    assertThatThrownBy(() -> strategy.onStart(Map.of(new TopicPartition(topic, 4), 10L)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(topic + "-4")
        .hasMessageContaining("--discard-checkpoint");
  }

  @Test
  void shouldNameTheRangeThatAgedOutBeforeTheCheckpointedOffsets() throws Exception {
    TopicPartition p0 = agedOutTopic("aged-checkpoint");
    for (boolean failOnDataLoss : new boolean[] {true, false}) {
      AssignedPartitions strategy =
          new AssignedPartitions(List.of(p0.topic()), params("aged-group"), failOnDataLoss);
      assertThatThrownBy(() -> strategy.onStart(Map.of(p0, 2L)))
          .isInstanceOf(KafkaDataLossException.class)
          .hasMessageContaining("data loss on aged-checkpoint-0: offsets 2..5 (4)")
          .hasMessageContaining(failOnDataLoss ? "--no-fail-on-data-loss" : "--discard-checkpoint");
    }
  }

  @Test
  void shouldFailOrSkipWhenTheCommittedOffsetsAgedOut() throws Exception {
    TopicPartition p0 = agedOutTopic("aged-committed");
    Map<String, Object> params = params("aged-committed-group");
    try (KafkaConsumer<byte[], byte[]> committer = new KafkaConsumer<>(params)) {
      committer.assign(List.of(p0));
      committer.commitSync(Map.of(p0, new OffsetAndMetadata(3)));
    }

    assertThatThrownBy(
            () -> new AssignedPartitions(List.of(p0.topic()), params, true).onStart(Map.of()))
        .isInstanceOf(KafkaDataLossException.class)
        .hasMessageContaining("offsets 3..5 (3)");
    try (Consumer<byte[], byte[]> consumer =
        new AssignedPartitions(List.of(p0.topic()), params, false).onStart(Map.of())) {
      assertThat(consumer.position(p0)).as("skipped to the log start").isEqualTo(6);
    }
  }

  /** A one-partition topic of 10 records whose first 6 were deleted. */
  private static TopicPartition agedOutTopic(String topic) throws Exception {
    KAFKA.harness().createTopic(topic, 1);
    TopicPartition p0 = new TopicPartition(topic, 0);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(KAFKA.harness().producerProperties())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, 0, null, "v" + i)).get();
      }
    }
    KAFKA.harness().admin().deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(6))).all().get();
    return p0;
  }

  private static Map<String, Object> params(String group) {
    Map<String, Object> params = new HashMap<>();
    params.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    params.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    params.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    params.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    params.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    params.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return params;
  }
}

package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.testsupport.KafkaExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * policy; a checkpoint naming a partition that is gone is refused with the way out.
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

    AssignedPartitions strategy = new AssignedPartitions(List.of(topic), params);
    try (Consumer<byte[], byte[]> consumer = strategy.onStart(Map.of(p0, 2L))) {
      assertThat(consumer.assignment()).containsExactlyInAnyOrder(p0, p1, p2);
      assertThat(consumer.position(p0)).as("from the checkpoint").isEqualTo(2);
      assertThat(consumer.position(p1)).as("from the committed offset").isEqualTo(1);
      assertThat(consumer.position(p2)).as("from auto.offset.reset=earliest").isZero();
    }
  }

  @Test
  void shouldRefuseACheckpointedPartitionThatNoLongerExists() {
    String topic = "assigned-shrunk";
    KAFKA.harness().createTopic(topic, 1);
    AssignedPartitions strategy = new AssignedPartitions(List.of(topic), params("shrunk-group"));
    assertThatThrownBy(() -> strategy.onStart(Map.of(new TopicPartition(topic, 4), 10L)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(topic + "-4")
        .hasMessageContaining("--discard-checkpoint");
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

package io.kspipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaHarnessIT {

  @Test
  void shouldRoundTripRecordsThroughTheChosenBroker() {
    try (KafkaHarness kafka = KafkaHarness.start()) {
      kafka.createTopic("round-trip", 3);
      List<String> sent = IntStream.range(0, 100).mapToObj(i -> "record-" + i).toList();
      kafka.produceValues("round-trip", sent);

      assertThat(values(kafka.readAll("round-trip"))).containsExactlyInAnyOrderElementsOf(sent);
    }
  }

  @Test
  void shouldKeepAcknowledgedRecordsWhenTheBrokerProcessIsKilled() {
    try (KafkaHarness kafka = KafkaHarness.start(KafkaHarness.Mode.PROCESS)) {
      kafka.createTopic("survives-kill", 2);
      kafka.produceValues("survives-kill", List.of("a", "b", "c"));

      kafka.brokerProcess().kill();
      kafka.brokerProcess().restart();
      kafka.produceValues("survives-kill", List.of("d"));

      assertThat(values(kafka.readAll("survives-kill")))
          .containsExactlyInAnyOrder("a", "b", "c", "d");
    }
  }

  @Test
  void shouldKeepExistingTopicWhenCreatedTwice() {
    try (KafkaHarness kafka = KafkaHarness.start(KafkaHarness.Mode.EMBEDDED)) {
      kafka.createTopic("twice", 2);
      kafka.createTopic("twice", 2);
      kafka.produceValues("twice", List.of("x"));

      assertThat(values(kafka.readAll("twice"))).containsExactly("x");
    }
  }

  private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }
}

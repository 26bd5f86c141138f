package io.kspipeline.benchmarks.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Everything in a topic, read once from the beginning to its current end, with timestamps. */
final class TopicRecords {
  /** One record: where it is and when it was appended (LogAppendTime topics). */
  record Appended(int partition, long offset, long timestamp, byte[] value) {}

  private TopicRecords() {}

  static List<Appended> readAll(String bootstrap, String topic) {
    return read(bootstrap, topic, true);
  }

  /** Positions and timestamps only: large inputs fit in memory. */
  static List<Appended> readTimestamps(String bootstrap, String topic) {
    return read(bootstrap, topic, false);
  }

  private static List<Appended> read(String bootstrap, String topic, boolean values) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<Appended> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          records.add(
              new Appended(r.partition(), r.offset(), r.timestamp(), values ? r.value() : null));
        }
      }
    }
    return records;
  }
}

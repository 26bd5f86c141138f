package io.kspipeline.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the broker tests, with settings given per listener. */
final class Clients {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Clients() {}

  /** Settings for a listener: its address, plus security settings if it has any. */
  static Map<String, Object> listener(String bootstrapServers, Map<String, String> security) {
    Map<String, Object> config = new HashMap<>(security);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  static Admin admin(Map<String, Object> listener) {
    Map<String, Object> config = new HashMap<>(listener);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return Admin.create(config);
  }

  /** Sends the values in order and waits for every acknowledgement (acks=all). */
  static void send(Map<String, Object> listener, String topic, List<String> values)
      throws Exception {
    Map<String, Object> config = new HashMap<>(listener);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }

  /** Every value in the topic up to its end offsets now, partition by partition. */
  static List<String> readAll(Map<String, Object> listener, String topic) {
    Map<String, Object> config = new HashMap<>(listener);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end offsets " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }
  }
}
